import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, FakeDiscord, GUILD_ID } from './fakes/discord.ts';
import { tempDir } from './helpers.ts';

const bin = join(import.meta.dirname, '..', 'bin', 'newsbrief.js');

function newsbrief(args: string[], env: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, NEWSBRIEF_LOG_LEVEL: 'warn', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm start with no tokens: the console', () => {
  it('ingests the samples on first run and answers piped commands, exiting when input ends', () => {
    const db = join(tempDir(), 'console.db');
    const r = newsbrief(
      ['start'],
      { NEWSBRIEF_DB: db },
      '/news brief iraq-us\n/news topics\nbrief mars\n/news subscribe iraq-us 25:00\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Iraq–US briefing: the last 24 hours');
    expect(r.stdout).toMatch(
      /1\. (Coalition Starts Handing Ain al-Asad Base to Iraqi Forces|US Troops Begin Withdrawal From Iraq's Ain al-Asad)/,
    );
    expect(r.stdout).toContain('Sources: ');
    expect(r.stdout).toMatch(/Iraq–Türkiye — `iraq-turkiye` .*: 6 articles/);
    expect(r.stdout).toMatch(/error: I don't know the topic "mars"/);
    expect(r.stdout).toMatch(/error: "25:00" is not a time of day\.\nUse 24-hour HH:MM/);
    expect(r.stdout).not.toContain('news>'); // no prompt when piped
    // A second start does not ingest the samples again.
    const again = newsbrief(['start'], { NEWSBRIEF_DB: db }, '/news topics\n');
    expect(again.stdout).toMatch(/Iraq–US — `iraq-us` .*: 5 articles/);
  });
});

/** Async, so the fake server in this process keeps answering while the CLI runs. */
function newsbriefAsync(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, NEWSBRIEF_LOG_LEVEL: 'warn', ...env }, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('shutdown', () => {
  it('stops on SIGTERM while the console still has input open, and exits 0', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'start'], {
      env: { ...process.env, NEWSBRIEF_DB: join(tempDir(), 's.db'), NEWSBRIEF_LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdin.write('/news topics\n');
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 8000))]);
    if (code === 'hung') child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(stderr).toContain('shutting down: finishing in-flight deliveries');
  }, 30_000);
});

describe('Discord CLI commands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(() => fake.stop());

  it('discord:deploy registers the command in the guild; discord:invite prints the URL with the permissions', async () => {
    const env = {
      NEWSBRIEF_DB: join(tempDir(), 'd.db'),
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_URL: fake.apiUrl,
    };
    const deployed = await newsbriefAsync(['discord:deploy'], env);
    expect(deployed.stdout).toContain(`Registered /news in server ${GUILD_ID}`);
    expect(
      fake.requestsTo('PUT', new RegExp(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`)),
    ).toHaveLength(1);
    const invite = newsbrief(['discord:invite'], env);
    expect(invite.stdout.trim()).toBe(
      `https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot+applications.commands&permissions=19456`,
    );
    const missing = newsbrief(['discord:deploy'], { NEWSBRIEF_DB: env.NEWSBRIEF_DB });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/set DISCORD_TOKEN and DISCORD_APPLICATION_ID first/);
  });
});

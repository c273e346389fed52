import { createServer } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.ts';
import { startSlack } from '../src/bots/slack/adapter.ts';
import { createSlackPoster } from '../src/bots/slack/poster.ts';
import { SLACK_LIMITS, type SlackBlock } from '../src/bots/slack/render.ts';
import { loadConfig } from '../src/config/load.ts';
import { ingestSamples } from '../src/samples.ts';
import { FakeSlack, PRIVATE_CHANNEL, PUBLIC_CHANNEL, sign, TEAM_ID } from './fakes/slack.ts';
import { tempDir } from './helpers.ts';

const SECRET = 'signing-secret-for-tests';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function makeApp(dir: string): Promise<App> {
  const app = await createApp(loadConfig({ NEWSBRIEF_DB: join(dir, 'slack.db') }), pino({ level: 'silent' }));
  await ingestSamples(app, new Date());
  return app;
}

function expectBlocksWithinLimits(blocks: SlackBlock[]) {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  }
}

describe('Slack adapter over HTTP against a fake Slack', () => {
  let fake: FakeSlack;
  let app: App;
  let slack: Awaited<ReturnType<typeof startSlack>>;
  let port: number;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    app = await makeApp(tempDir());
    port = await freePort();
    slack = await startSlack(app, {
      botToken: 'xoxb-test',
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port,
      managers: 'members',
    });
  }, 30_000);
  afterAll(async () => {
    await slack?.stop();
    await app?.store.close();
    await fake?.stop();
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body });
  const responseFor = (id: string, n = 1) =>
    fake.waitFor(() => {
      const got = fake.responses.filter((r) => r.id === id);
      return got.length >= n ? got : undefined;
    });

  it('acks a signed /news brief at once and answers through response_url with blocks in the channel', async () => {
    const cmd = fake.slashCommand('brief iraq-us 48h');
    const sent = Date.now();
    const res = await post(cmd.body, sign(SECRET, cmd.body));
    expect(res.status).toBe(200);
    expect(Date.now() - sent).toBeLessThan(3000);
    const [answer] = await responseFor(cmd.responseId);
    const body = answer?.body as { response_type: string; text: string; blocks: SlackBlock[] };
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toMatch(/^Iraq–US briefing: the last 48 hours\n• /);
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Iraq–US briefing: the last 48 hours', emoji: true },
    });
    expect(body.blocks.filter((b) => b.type === 'section').length).toBeGreaterThanOrEqual(2);
    expectBlocksWithinLimits(body.blocks);
  });

  it('rejects a bad signature or a stale timestamp, and never runs the handler', async () => {
    const before = fake.responses.length;
    const callsBefore = fake.calls.length;
    const cmd = fake.slashCommand('subscribe iraq-us');
    expect((await post(cmd.body, sign('wrong-secret', cmd.body))).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await post(cmd.body, sign(SECRET, cmd.body, stale))).status).toBe(401);
    const tampered = sign(SECRET, cmd.body);
    expect((await post(cmd.body.replace('subscribe', 'unsubscribe'), tampered)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responses.length).toBe(before);
    expect(fake.calls.length).toBe(callsBefore);
    expect(await app.store.subscriptions.all()).toEqual([]);
  });

  it('answers help, unknown and malformed input with the usage, only to the user', async () => {
    for (const text of ['help', 'fly to the moon', 'brief', '']) {
      const cmd = fake.slashCommand(text);
      await post(cmd.body, sign(SECRET, cmd.body));
      const [answer] = await responseFor(cmd.responseId);
      expect(answer?.body.response_type).toBe('ephemeral');
      expect(String(answer?.body.text)).toMatch(
        /\/news brief <topic> \[since\]|Usage: \/news brief <topic> \[since\]/,
      );
    }
  });

  it('subscribes a public channel; refuses a private channel it is not in, saying how to invite it', async () => {
    const ok = fake.slashCommand('subscribe iraq-turkiye 07:30 Asia/Baghdad');
    await post(ok.body, sign(SECRET, ok.body));
    expect(String((await responseFor(ok.responseId))[0]?.body.text)).toMatch(
      /^Subscribed: .* 07:30 \(Asia\/Baghdad\)/,
    );
    expect(await app.store.subscriptions.all()).toMatchObject([
      { platform: 'slack', workspaceId: TEAM_ID, channelId: PUBLIC_CHANNEL },
    ]);

    const priv = fake.slashCommand('subscribe iraq-us', PRIVATE_CHANNEL);
    await post(priv.body, sign(SECRET, priv.body));
    const [answer] = await responseFor(priv.responseId);
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(String(answer?.body.text)).toMatch(/invite me with \/invite @newsbrief/);
  });

  it('posts digests with chat.postMessage, retries a 429 after Retry-After, and types failures', async () => {
    const poster = createSlackPoster(slack.bolt.client);
    fake.rateLimitOnce.add('chat.postMessage');
    const started = Date.now();
    const result = await poster.post(
      PUBLIC_CHANNEL,
      { text: 'Iraq–US digest', blocks: [{ type: 'divider' }] },
      { idempotencyKey: 'sub-1@2024-08-13T05:00:00Z' },
    );
    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+\.\d+$/) });
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(posts[1]?.body).toMatchObject({
      channel: PUBLIC_CHANNEL,
      text: 'Iraq–US digest',
      blocks: [{ type: 'divider' }],
      metadata: { event_type: 'newsbrief_digest', event_payload: { key: 'sub-1@2024-08-13T05:00:00Z' } },
    });
    // After a crash the scheduler asks whether the key was already posted: found by its metadata.
    expect(await poster.findPosted(PUBLIC_CHANNEL, 'sub-1@2024-08-13T05:00:00Z')).toBe(
      result.ok ? result.messageId : 'x',
    );
    expect(await poster.findPosted(PUBLIC_CHANNEL, 'sub-2@2024-08-13T05:00:00Z')).toBeNull();
    for (const [error, failure] of [
      ['channel_not_found', 'gone'],
      ['is_archived', 'gone'],
      ['not_in_channel', 'forbidden'],
      ['internal_error', 'transient'],
    ] as const) {
      fake.postErrors.set(`C-${error}`, error);
      expect(
        await poster.post(`C-${error}`, { text: 'x', blocks: [] }, { idempotencyKey: error }),
      ).toMatchObject({ ok: false, failure });
    }
  }, 20_000);
});

describe('Slack adapter in Socket Mode against a fake apps.connections.open and WebSocket', () => {
  it('receives a slash command over the socket, acks the envelope and answers through response_url', async () => {
    const fake = await new FakeSlack().start();
    const app = await makeApp(tempDir());
    const slack = await startSlack(app, {
      botToken: 'xoxb-test',
      signingSecret: '',
      appToken: 'xapp-test',
      apiUrl: fake.apiUrl,
      port: 0,
      managers: 'members',
    });
    try {
      expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
      const { envelopeId, responseId } = fake.socketSlashCommand('brief iraq-turkey 3d');
      await fake.waitFor(() => fake.socketAcks.find((a) => a.envelope_id === envelopeId));
      const answer = await fake.waitFor(() => fake.responses.find((r) => r.id === responseId));
      expect(answer.body).toMatchObject({
        response_type: 'in_channel',
        text: expect.stringMatching(/^Iraq–Türkiye briefing: the last 3 days/),
      });
      expectBlocksWithinLimits(answer.body.blocks as SlackBlock[]);
    } finally {
      await slack.stop();
      await app.store.close();
      await fake.stop();
    }
  }, 30_000);
});

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const bin = join(import.meta.dirname, '..', 'bin', 'newsbrief.js');
const fixture = join(import.meta.dirname, 'fixtures', 'two-stories.txt');

function cli(args: string[], db: string, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, NEWSBRIEF_DB: db, NEWSBRIEF_LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    input,
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('newsbrief CLI', () => {
  it('ingests, counts topics, lists and searches, with --json output and no progress noise when piped', () => {
    const db = join(tempDir(), 'cli.db');
    const ingest = cli(['ingest', fixture, '--published', '2024-08-13', '--json'], db);
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).not.toContain('\r');
    expect(JSON.parse(ingest.stdout)).toMatchObject({ stored: 2, duplicates: 0, rejected: [] });

    const topics = JSON.parse(cli(['topics', '--json'], db).stdout) as { id: string; articles: number }[];
    expect(topics.map((t) => [t.id, t.articles])).toEqual([
      ['iraq-us', 1],
      ['iraq-turkiye', 1],
    ]);

    const again = cli(['ingest', fixture, '--published', '2024-08-13'], db);
    expect(again.stdout).toMatch(/0 stored, 0 updated, 2 duplicates, 0 rejected/);

    const listed = JSON.parse(
      cli(['articles', '--topic', 'Iraq-Turkey', '--since', '2024-08-01', '--json'], db).stdout,
    );
    expect(listed).toEqual([
      {
        id: expect.any(String),
        title: 'Türkiye and Iraq Schedule New Round of Security Talks',
        url: null,
        source: 'fixtures',
        published_at: '2024-08-13T00:00:00.000Z',
        topics: [{ id: 'iraq-turkiye', score: expect.any(Number) }],
      },
    ]);

    const found = JSON.parse(cli(['search', 'coalition', 'advisers', '--json'], db).stdout);
    expect(found.map((h: { title: string }) => h.title)).toEqual([
      'Iraqi Premier Assures Washington on Safety of Coalition Advisers',
    ]);
    const odd = cli(['search', '"(unbalanced AND -* OR'], db);
    expect(odd.code).toBe(0);
    expect(odd.stderr).toBe('');
  });

  it('exits 3 and names file and line when some input is rejected', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.jsonl'), '{"title":"ok","body":"fine"}\nnot json\n');
    const r = cli(['ingest', join(dir, 'bad.jsonl')], join(dir, 'x.db'));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`rejected ${join(dir, 'bad.jsonl')}:2: invalid JSON`);
    expect(r.stdout).toMatch(/1 stored, 0 updated, 0 duplicates, 1 rejected/);
  });

  it('explains an unknown topic, a bad window and a bad limit', () => {
    const db = join(tempDir(), 'e.db');
    const topic = cli(['articles', '--topic', 'mars'], db);
    expect(topic.code).toBe(2);
    expect(topic.stderr).toMatch(
      /unknown topic "mars"[\s\S]*iraq-us \(Iraq–US\), iraq-turkiye \(Iraq–Türkiye\)/,
    );
    const window = cli(['articles', '--since', 'yesterdayish'], db);
    expect(window.stderr).toMatch(/"yesterdayish" is not a time window[\s\S]*24h, 3d, 1w/);
    expect(cli(['articles', '--limit', 'lots'], db).stderr).toMatch(/--limit must be a whole number/);
  });

  it('re-tags everything', () => {
    const db = join(tempDir(), 'r.db');
    cli(['ingest', fixture], db);
    expect(JSON.parse(cli(['retag', '--json'], db).stdout)).toEqual({ articles: 2, changed: 0 });
  });
});

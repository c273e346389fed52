import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../src/ingest/pipeline.ts';
import { classifier, memoryStore, rawArticle, tempDir } from './helpers.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'two-stories.txt');

describe('ingest pipeline', () => {
  it('stores the two stories of a raw file, tags each with its own topic, and adds nothing the second time', async () => {
    const store = memoryStore();
    const deps = { store, classifier };
    const first = await ingestPaths([fixture], deps, { publishedAt: new Date('2024-08-13T00:00:00Z') });
    expect(first.counts.stored).toBe(2);
    expect(first.rejected).toEqual([]);
    const articles = await store.articles.list({});
    // Same publication time: the later-stored article comes first.
    expect(articles.map((a) => [a.title, a.tags.map((t) => t.topicId)])).toEqual([
      ['Türkiye and Iraq Schedule New Round of Security Talks', ['iraq-turkiye']],
      ['Iraqi Premier Assures Washington on Safety of Coalition Advisers', ['iraq-us']],
    ]);
    for (const a of articles) {
      expect(a.body).not.toMatch(/\bTT\b|Press office|\(Pool\)/);
      expect(a.source).toBe('fixtures');
      expect(a.publishedAt.toISOString()).toBe('2024-08-13T00:00:00.000Z');
    }
    expect(Object.fromEntries(await store.articles.topicCounts())).toEqual({
      'iraq-us': 1,
      'iraq-turkiye': 1,
    });
    const second = await ingestPaths([fixture], deps, { publishedAt: new Date('2024-08-13T00:00:00Z') });
    expect(second.counts).toMatchObject({ stored: 0, duplicate: 2 });
    expect(await store.articles.count({ includeDuplicates: true })).toBe(2);
  });

  it('prepares in a worker thread with the same result as in-process', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({
        title: i % 10 === 0 ? `Iraq and US discuss item ${i}` : `Local council approves plan number ${i}`,
        body:
          i % 10 === 0
            ? `Baghdad and Washington talked about item ${i} and American advisers.`
            : `The plan ${i} covers roads.`,
        url: `https://w.example/${i}`,
      }),
    );
    writeFileSync(join(dir, 'many.jsonl'), `${lines.join('\n')}\n{broken\n`);
    const results = [];
    for (const parallel of ['always', 'never'] as const) {
      const store = memoryStore();
      const progress: number[] = [];
      const summary = await ingestPaths(
        [dir],
        { store, classifier },
        { parallel, batchSize: 500, onProgress: (p) => progress.push(p.articles) },
      );
      results.push({
        counts: summary.counts,
        rejected: summary.rejected.map((r) => r.line),
        tagged: Object.fromEntries(await store.articles.topicCounts()),
        lastProgress: progress.at(-1),
      });
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toEqual({
      counts: expect.objectContaining({ stored: 2500 }),
      rejected: [2501],
      tagged: { 'iraq-us': 250 },
      lastProgress: 2500,
    });
  });

  it('reads folders recursively, takes the source from the folder and the date from the file', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'Tigris Wire', '2024'), { recursive: true });
    const file = join(dir, 'Tigris Wire', '2024', 'story.txt');
    writeFileSync(
      file,
      rawArticle('Baghdad Hosts Ankara Delegation', ['Cap. (X)'], ['Iraq and Türkiye discussed water.']),
    );
    utimesSync(file, new Date('2024-05-01T10:00:00Z'), new Date('2024-05-01T10:00:00Z'));
    writeFileSync(join(dir, 'Tigris Wire', 'notes.md'), '# not an article');
    const store = memoryStore();
    const summary = await ingestPaths([dir], { store, classifier });
    expect(summary.files).toBe(1);
    const [a] = await store.articles.list({});
    expect(a?.source).toBe('2024');
    expect(a?.publishedAt.toISOString()).toBe('2024-05-01T10:00:00.000Z');
  });

  it('reports bad input with file and line, skips it, and stores the rest', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'items.jsonl'),
      [
        JSON.stringify({
          title: 'Iraq and US talk trade',
          body: 'Baghdad and Washington discussed tariffs.',
          url: 'https://x.example/1',
        }),
        '{"title": broken',
        JSON.stringify({ title: '', body: '' }),
        JSON.stringify({
          title: 'Türkiye and Iraq open crossing',
          text: 'Ankara and Baghdad opened a new border gate.',
          link: 'https://x.example/2',
        }),
      ].join('\n'),
    );
    writeFileSync(join(dir, 'empty.txt'), 'Just A Headline\n');
    symlinkSync(join(dir, 'missing-target.txt'), join(dir, 'dangling.txt'));
    const store = memoryStore();
    const summary = await ingestPaths([dir, join(dir, 'nope.json'), join(dir, 'items.jsonl')], {
      store,
      classifier,
    });
    const where = summary.rejected.map((r) => `${r.file.replace(dir, '')}${r.line ? `:${r.line}` : ''}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '/dangling.txt',
        '/empty.txt:1',
        '/items.jsonl:2',
        '/items.jsonl:3',
        '/nope.json',
      ]),
    );
    expect(summary.counts.stored).toBe(2);
    expect(summary.counts.unchanged).toBe(2); // items.jsonl was named twice: the second pass changes nothing
    expect(await store.articles.count()).toBe(2);
  });
});

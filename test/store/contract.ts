import { beforeEach, describe, expect, it } from 'vitest';
import { prepareArticle } from '../../src/ingest/pipeline.ts';
import type { RawArticle } from '../../src/ingest/types.ts';
import type { NewArticle, Store } from '../../src/store/types.ts';
import { classifier } from '../helpers.ts';

let counter = 0;
export function article(
  over: Partial<RawArticle> & { title: string; body: string },
  publishedAt = new Date('2024-08-13T09:00:00Z'),
): NewArticle {
  const a = prepareArticle({ origin: { file: 'mem', line: ++counter }, ...over }, classifier, {
    source: 'Test Wire',
    publishedAt,
  });
  if (!a) throw new Error('empty article');
  return a;
}

const pipelineBody = [
  'Crude from northern Iraq started flowing again through the pipeline to the Turkish port of Ceyhan on Saturday, ending a halt that began in March 2023.',
  'Baghdad, the Kurdistan Regional Government and foreign producers reached a deal on payments, and the state marketer will sell the oil.',
  'Turkish officials in Ankara said the line could carry about 185,000 barrels a day at first.',
].join('\n\n');

/** The behaviour every Store backend must have. `open` returns a fresh, empty store. */
export function storeContract(name: string, open: () => Promise<Store>) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });

    it('stores a batch and reads it back with its tags', async () => {
      const a = article({ title: 'Iraq and Türkiye restart oil pipeline', body: pipelineBody });
      const result = await store.articles.upsertBatch([a]);
      expect(result.counts.stored).toBe(1);
      const got = await store.articles.get(a.id);
      expect(got?.title).toBe('Iraq and Türkiye restart oil pipeline');
      expect(got?.tags.map((t) => t.topicId)).toEqual(['iraq-turkiye']);
      expect(got?.publishedAt.toISOString()).toBe('2024-08-13T09:00:00.000Z');
    });

    it('updates an article that comes again under the same url, and ignores an unchanged one', async () => {
      const url = 'https://news.example/pipeline';
      await store.articles.upsertBatch([article({ title: 'Pipeline to restart', body: pipelineBody, url })]);
      const again = await store.articles.upsertBatch([
        article({ title: 'Pipeline to restart', body: pipelineBody, url }),
      ]);
      expect(again.counts.unchanged).toBe(1);
      const edited = await store.articles.upsertBatch([
        article({
          title: 'Pipeline restarts',
          body: `${pipelineBody}\n\nUpdated with exports figures.`,
          url,
        }),
      ]);
      expect(edited.counts.updated).toBe(1);
      expect(await store.articles.count({ includeDuplicates: true })).toBe(1);
      const [only] = await store.articles.list({});
      expect(only?.title).toBe('Pipeline restarts');
      expect((await store.articles.search({ text: 'exports figures' })).length).toBe(1);
    });

    it('stores the same normalized text once', async () => {
      await store.articles.upsertBatch([article({ title: 'Pipeline restarts', body: pipelineBody })]);
      const copy = await store.articles.upsertBatch([
        article({ title: 'PIPELINE RESTARTS!', body: pipelineBody.replace(/,/g, ' ,').toUpperCase() }),
      ]);
      expect(copy.counts.duplicate).toBe(1);
      expect(await store.articles.count({ includeDuplicates: true })).toBe(1);
    });

    it('links a near-identical re-post to its original instead of counting a second story', async () => {
      const original = article({
        title: 'Pipeline restarts after long halt',
        body: pipelineBody,
        source: 'Tigris Wire',
      });
      const repost = article({
        title: 'Pipeline restarts after a long halt',
        body: `${pipelineBody.replace('about 185,000', 'roughly 185,000')}\n\n(Republished with permission.)`,
        source: 'Regional Digest',
      });
      const different = article({
        title: 'Iraq and Türkiye sign water deal',
        body: 'Iraq and Türkiye agreed to fund irrigation projects on the Tigris, officials in Baghdad and Ankara said.',
      });
      const result = await store.articles.upsertBatch([original, repost, different]);
      expect(result.counts).toMatchObject({ stored: 2, near_duplicate: 1 });
      expect((await store.articles.get(repost.id))?.duplicateOf).toBe(original.id);
      expect((await store.articles.get(different.id))?.duplicateOf).toBeNull();
      expect(await store.articles.count()).toBe(2);
      expect((await store.articles.topicCounts()).get('iraq-turkiye')).toBe(2);
      expect((await store.articles.list({ topicId: 'iraq-turkiye', includeDuplicates: true })).length).toBe(
        3,
      );
    });

    it('lists by topic and window, newest first', async () => {
      const day = (d: number) => new Date(Date.UTC(2024, 7, d, 12));
      await store.articles.upsertBatch([
        article(
          {
            title: 'Iraq and US discuss coalition',
            body: 'Baghdad and Washington talked about US advisers in Iraq.',
          },
          day(10),
        ),
        article(
          {
            title: 'Iraq and US sign energy deal',
            body: 'Baghdad and Washington agreed on gas projects with American firms.',
          },
          day(12),
        ),
        article({ title: 'Football final tonight', body: 'Two clubs meet in the cup final.' }, day(13)),
      ]);
      const recent = await store.articles.list({ topicId: 'iraq-us', since: day(11) });
      expect(recent.map((a) => a.title)).toEqual(['Iraq and US sign energy deal']);
      const all = await store.articles.list({ since: day(1), until: day(20) });
      expect(all.map((a) => a.title)).toEqual([
        'Football final tonight',
        'Iraq and US sign energy deal',
        'Iraq and US discuss coalition',
      ]);
      expect((await store.articles.list({ until: day(11) })).map((a) => a.title)).toEqual([
        'Iraq and US discuss coalition',
      ]);
      expect((await store.articles.list({ limit: 1 })).length).toBe(1);
    });

    it('searches with ranking, ignoring diacritics, and never fails on odd input', async () => {
      await store.articles.upsertBatch([
        article({ title: 'Kirkuk pipeline exports resume', body: pipelineBody }),
        article({
          title: 'Türkiye and Iraq water talks',
          body: 'A pipeline is mentioned once in a water story about Ankara and Baghdad.',
        }),
      ]);
      const hits = await store.articles.search({ text: 'Kirkuk pipeline' });
      expect(hits.map((h) => h.article.title)).toEqual(['Kirkuk pipeline exports resume']);
      expect((await store.articles.search({ text: 'turkiye' }))[0]?.article.title).toBe(
        'Türkiye and Iraq water talks',
      );
      const ranked = await store.articles.search({ text: 'pipeline' });
      expect(ranked[0]?.article.title).toBe('Kirkuk pipeline exports resume');
      const nasty = [
        '"unbalanced',
        'AND',
        'OR OR',
        '*',
        '-',
        '(((',
        'NEAR(a b)',
        "'; DROP TABLE articles; --",
        'col:umn',
        '^x',
        '"" ""',
      ];
      for (const text of nasty) {
        await expect(store.articles.search({ text })).resolves.toBeInstanceOf(Array);
      }
      expect((await store.articles.search({ text: 'pipe*' })).length).toBe(2);
      expect((await store.articles.search({ text: 'pipeline -water' })).map((h) => h.article.title)).toEqual([
        'Kirkuk pipeline exports resume',
      ]);
      expect((await store.articles.search({ text: '"water talks"' })).length).toBe(1);
      expect((await store.articles.search({ text: 'Kirkuk OR irrigation' })).length).toBe(1);
      expect((await store.articles.search({ text: 'pipeline', topicId: 'iraq-us' })).length).toBe(0);
      expect(await store.articles.count()).toBe(2);
    });

    it('keeps what was stored when a batch fails, and stores none of the failed batch', async () => {
      await store.articles.upsertBatch([
        article({ title: 'Kept article', body: 'Stored before the failure.' }),
      ]);
      const good = article({ title: 'Would be stored', body: 'A valid article in a batch that fails.' });
      const bad = { ...article({ title: 'Broken', body: 'x' }), title: null as unknown as string };
      await expect(store.articles.upsertBatch([good, bad])).rejects.toThrow();
      expect((await store.articles.list({})).map((a) => a.title)).toEqual(['Kept article']);
    });

    it('stores subscriptions once per channel and topic, pauses, resumes and removes them', async () => {
      const channel = { platform: 'discord' as const, workspaceId: 'g1', channelId: 'c1' };
      const sub = {
        ...channel,
        topicId: 'iraq-us',
        time: '08:00',
        timezone: 'Asia/Baghdad',
        createdBy: 'u1',
      };
      const first = await store.subscriptions.add(sub);
      expect('created' in first && first.created).toMatchObject({ ...sub, paused: false, pauseReason: null });
      const again = await store.subscriptions.add({ ...sub, time: '09:00' });
      expect('existing' in again && again.existing.time).toBe('08:00');
      await store.subscriptions.add({ ...sub, topicId: 'iraq-turkiye' });
      await store.subscriptions.add({ ...sub, channelId: 'c2' });
      expect((await store.subscriptions.forChannel(channel)).map((s) => s.topicId)).toEqual([
        'iraq-turkiye',
        'iraq-us',
      ]);
      const id = 'created' in first ? first.created.id : 0;
      await store.subscriptions.pause(id, 'channel deleted');
      expect((await store.subscriptions.all()).find((s) => s.id === id)).toMatchObject({
        paused: true,
        pauseReason: 'channel deleted',
      });
      expect(await store.subscriptions.resume(id, { time: '07:30', timezone: 'UTC' })).toMatchObject({
        paused: false,
        time: '07:30',
      });
      expect(await store.subscriptions.remove(channel, 'iraq-us')).toBe(true);
      expect(await store.subscriptions.remove(channel, 'iraq-us')).toBe(false);
      expect((await store.subscriptions.all()).length).toBe(2);
    });

    it('re-tags in place', async () => {
      const a = article({ title: 'Iraq and US talk', body: 'Baghdad and Washington discussed advisers.' });
      await store.articles.upsertBatch([a]);
      await store.articles.replaceTags([
        { articleId: a.id, tags: [{ topicId: 'iraq-turkiye', score: 0.5 }] },
      ]);
      expect((await store.articles.get(a.id))?.tags).toEqual([{ topicId: 'iraq-turkiye', score: 0.5 }]);
      expect((await store.articles.list({ topicId: 'iraq-us' })).length).toBe(0);
      let seen = 0;
      await store.articles.forEachPage(10, async (page) => {
        seen += page.length;
      });
      expect(seen).toBe(1);
    });
  });
}

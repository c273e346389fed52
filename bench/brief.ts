import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBriefing } from '../src/briefing/compose.ts';
import { TopicClassifier } from '../src/briefing/topics/classifier.ts';
import { parseWindow } from '../src/briefing/window.ts';
import { loadConfig } from '../src/config/load.ts';
import { ingestPaths } from '../src/ingest/pipeline.ts';
import { createSqliteStore } from '../src/store/sqlite/index.ts';
import type { Store } from '../src/store/types.ts';
import { generateItems, rng } from './generate.ts';
import type { BenchOptions } from './run.ts';

const END = new Date('2024-08-31T00:00:00Z');
const DAYS = 30;
const RUNS = 100;

/** Corpus items (Iraq/Türkiye items, then world news), re-dated over the last 30 days, topped up with generated ones. */
function corpusItems(corpus: string, count: number): object[] | null {
  const files = ['iraq_turkey_related_items.jsonl', 'world_news_items_sample.jsonl'].map((f) =>
    join(corpus, 'rss_link_database_2020_2023', f),
  );
  if (!files.every(existsSync)) return null;
  const r = rng(7);
  const items: object[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim() || items.length >= count) continue;
      const { title, description, link, source } = JSON.parse(line);
      items.push({
        title,
        description,
        link,
        source,
        date_published: new Date(END.getTime() - r() * DAYS * 86_400_000).toISOString(),
      });
    }
  }
  return [...items, ...generateItems(Math.max(0, count - items.length), { days: DAYS, end: END, seed: 9 })];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

/** A store of 100,000 articles over 30 days, and briefing latency over it (p50/p99 of 100 builds). */
export async function run(opts: BenchOptions): Promise<void> {
  const count = opts.count ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-brief-'));
  let store: Store | undefined;
  try {
    const fromCorpus = opts.corpus ? corpusItems(opts.corpus, count) : null;
    const items = fromCorpus ?? generateItems(count, { days: DAYS, end: END });
    const file = join(dir, 'items.jsonl');
    writeFileSync(file, `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
    const config = loadConfig({});
    store = createSqliteStore({ path: join(dir, 'brief.db') });
    const ingest = await ingestPaths([file], { store, classifier: new TopicClassifier(config.topics) });
    const tagged = await store.articles.topicCounts();
    process.stdout.write(
      `store: ${items.length} ${fromCorpus ? 'corpus (re-dated) + generated' : 'generated'} articles over ${DAYS} days, ingested in ${(ingest.elapsedMs / 1000).toFixed(1)} s; tagged ${[...tagged].map(([t, n]) => `${t} ${n}`).join(', ')}\n`,
    );
    process.stdout.write(
      'baseline "query": the store read of the window alone (topic, window, up to 1,200 rows)\ntopic          window   stories  query p50/p99 (ms)   briefing p50/p99 (ms)\n',
    );
    const s = store;
    for (const topic of config.topics) {
      for (const w of ['24h', '3d', '1w']) {
        const window = parseWindow(w, END);
        const query = await time(() =>
          s.articles.list({
            topicId: topic.id,
            since: window.from,
            until: window.to,
            includeDuplicates: true,
            limit: 1200,
          }),
        );
        let stories = 0;
        const brief = await time(async () => {
          stories = (await buildBriefing(s, { topic, window, now: END })).stats.stories;
        });
        process.stdout.write(
          `${topic.id.padEnd(14)} ${w.padEnd(8)} ${String(stories).padStart(7)}  ${query.p50.toFixed(1).padStart(8)} / ${query.p99.toFixed(1).padEnd(8)}   ${brief.p50.toFixed(1).padStart(8)} / ${brief.p99.toFixed(1)}\n`,
        );
      }
    }
    process.stdout.write('target: briefing p99 under 50 ms\n');
  } finally {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

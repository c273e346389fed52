import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TopicClassifier } from '../src/briefing/topics/classifier.ts';
import { type Config, loadConfig } from '../src/config/load.ts';
import { ingestPaths } from '../src/ingest/pipeline.ts';
import { createSqliteStore } from '../src/store/sqlite/index.ts';
import type { Store } from '../src/store/types.ts';
import { generateItems, rng } from './generate.ts';
import type { BenchOptions } from './run.ts';

const END = new Date('2024-08-31T00:00:00Z');
const DAYS = 30;

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

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** A store of `count` (default 100,000) articles over 30 days, generated or from the corpus, in a temp folder. */
export async function buildBenchStore(
  opts: BenchOptions,
): Promise<{ store: Store; config: Config; end: Date; close(): Promise<void> }> {
  const count = opts.count ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-store-'));
  const fromCorpus = opts.corpus ? corpusItems(opts.corpus, count) : null;
  const items = fromCorpus ?? generateItems(count, { days: DAYS, end: END });
  const file = join(dir, 'items.jsonl');
  writeFileSync(file, `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
  const config = loadConfig({});
  const store = createSqliteStore({ path: join(dir, 'bench.db') });
  const ingest = await ingestPaths([file], { store, classifier: new TopicClassifier(config.topics) });
  const tagged = await store.articles.topicCounts();
  process.stdout.write(
    `store: ${items.length} ${fromCorpus ? 'corpus (re-dated) + generated' : 'generated'} articles over ${DAYS} days, ingested in ${(ingest.elapsedMs / 1000).toFixed(1)} s; tagged ${[...tagged].map(([t, n]) => `${t} ${n}`).join(', ')}\n`,
  );
  return {
    store,
    config,
    end: END,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

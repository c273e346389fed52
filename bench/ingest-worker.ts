/** Runs one side of the ingest benchmark in its own process, so peak memory is its own. */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { TopicClassifier } from '../src/briefing/topics/classifier.ts';
import { loadConfig } from '../src/config/load.ts';
import { ingestPaths } from '../src/ingest/pipeline.ts';
import { createSqliteStore } from '../src/store/sqlite/index.ts';

const [mode, file, dbPath] = process.argv.slice(2) as [string, string, string];
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 20);

const started = performance.now();
let rows = 0;
let detail: Record<string, number> | undefined;
if (mode === 'bare') {
  // The floor: the same rows parsed and inserted as they are, no cleaning, dedup, tagging or FTS.
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT, body TEXT, url TEXT, source TEXT, published TEXT)',
  );
  const insert = db.prepare('INSERT INTO items (title, body, url, source, published) VALUES (?, ?, ?, ?, ?)');
  const lines = readFileSync(file, 'utf8').split('\n');
  const tx = db.transaction((batch: string[]) => {
    for (const line of batch) {
      const r = JSON.parse(line);
      insert.run(
        r.title,
        r.description ?? r.body ?? '',
        r.link ?? r.url ?? null,
        r.source ?? '',
        r.date_published ?? r.date ?? null,
      );
    }
  });
  for (let i = 0; i < lines.length; i += 1000) {
    const batch = lines.slice(i, i + 1000).filter((l) => l.trim());
    tx(batch);
    rows += batch.length;
  }
  db.close();
} else {
  const config = loadConfig({ NEWSBRIEF_DB: dbPath });
  const store = createSqliteStore({ path: dbPath });
  const summary = await ingestPaths([file], { store, classifier: new TopicClassifier(config.topics) });
  rows = summary.articles;
  const tagged = await store.articles.topicCounts();
  detail = {
    stored: summary.counts.stored,
    near_duplicates: summary.counts.near_duplicate,
    duplicates: summary.counts.duplicate + summary.counts.unchanged,
    rejected: summary.rejected.length,
    tagged_iraq_us: tagged.get('iraq-us') ?? 0,
    tagged_iraq_turkiye: tagged.get('iraq-turkiye') ?? 0,
  };
  await store.close();
}
const ms = performance.now() - started;
sample();
clearInterval(timer);
process.stdout.write(
  `${JSON.stringify({ mode, rows, ms, peakRssMb: Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1048576, detail })}\n`,
);

import type { App } from './app.ts';
import { ingestSamples } from './samples.ts';

/** The composition root: store, samples on first run, then the adapters. */
export async function startCommand(app: App, opts: { samples: boolean }): Promise<number> {
  const now = new Date();
  if (opts.samples && (await app.store.articles.count({ includeDuplicates: true })) === 0) {
    const summary = await ingestSamples(app, now);
    app.logger.info(
      { stored: summary.counts.stored, nearDuplicates: summary.counts.near_duplicate },
      'ingested the sample articles',
    );
  }
  const counts = await app.store.articles.topicCounts();
  for (const topic of app.config.topics) {
    const latest = await app.store.articles.list({ topicId: topic.id, limit: 5 });
    process.stdout.write(`\n${topic.title} — ${counts.get(topic.id) ?? 0} articles\n`);
    for (const a of latest) process.stdout.write(`  • ${a.title} (${a.source})\n`);
  }
  return 0;
}

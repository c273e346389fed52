import type { App } from '../app.ts';
import { UserError } from '../errors.ts';
import { healthLines, sourcesHealth } from '../ingest/feeds/health.ts';
import { FeedPoller } from '../ingest/feeds/poller.ts';
import { printJson } from './format.ts';

export async function sourcesCommand(
  app: App,
  opts: { json?: boolean; poll?: boolean; enable?: string },
): Promise<number> {
  const { feeds } = app.config;
  if (opts.enable) {
    const state = await app.store.feeds.get(opts.enable);
    if (!state)
      throw new UserError(
        'UNKNOWN_FEED',
        `no polled feed has the URL ${opts.enable}`,
        'copy the URL from `newsbrief sources`',
      );
    await app.store.feeds.save({
      ...state,
      disabledReason: null,
      consecutiveFailures: 0,
      nextPollAt: new Date(0),
    });
    process.stdout.write(`Re-enabled ${state.name}; it is polled at the next tick.\n`);
    return 0;
  }
  if (opts.poll) {
    const poller = new FeedPoller({
      store: app.store,
      classifier: app.classifier,
      feeds,
      logger: app.logger,
    });
    const now = new Date();
    const results = await Promise.all(feeds.map((f) => poller.pollOne(f, now, true)));
    for (const r of results) {
      process.stderr.write(
        `${r.url}: ${r.outcome}${r.error ? ` (${r.error})` : ''}, ${r.items} items, ${r.stored} new\n`,
      );
    }
  }
  const health = await sourcesHealth(app.store, feeds);
  if (opts.json) printJson(health);
  else process.stdout.write(`${healthLines(health, new Date()).join('\n')}\n`);
  return 0;
}

import { hostname } from 'node:os';
import type { App } from './app.ts';
import { runConsole } from './bots/console/adapter.ts';
import { createConsolePoster } from './bots/console/poster.ts';
import { FeedPoller } from './ingest/feeds/poller.ts';
import { FolderWatcher } from './ingest/folders.ts';
import { ingestSamples } from './samples.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import type { Poster } from './scheduler/types.ts';
import type { Platform } from './store/types.ts';

/**
 * The composition root: store (opened by the caller), samples on first run, the scheduler, and every
 * adapter whose tokens are set (the console when none). SIGINT/SIGTERM stop new work, let in-flight
 * deliveries finish or release them, then the caller closes the database.
 */
export async function startCommand(app: App, opts: { samples: boolean }): Promise<number> {
  const now = new Date();
  if (opts.samples && (await app.store.articles.count({ includeDuplicates: true })) === 0) {
    const summary = await ingestSamples(app, now);
    app.logger.info(
      { stored: summary.counts.stored, nearDuplicates: summary.counts.near_duplicate },
      'ingested the sample articles',
    );
  }
  const { env } = app.config;
  const posters: Partial<Record<Platform, Poster>> = {};
  const stops: (() => Promise<void>)[] = [];
  if (env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID) {
    const { startDiscord } = await import('./bots/discord/adapter.ts');
    const { renderDiscord } = await import('./bots/discord/render.ts');
    const discord = await startDiscord(app);
    posters.discord = { render: renderDiscord, post: discord.poster.post } as Poster;
    stops.push(discord.stop);
  }
  if (env.SLACK_BOT_TOKEN && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN)) {
    const { startSlack } = await import('./bots/slack/adapter.ts');
    const { renderSlack } = await import('./bots/slack/render.ts');
    const slack = await startSlack(app);
    posters.slack = {
      render: renderSlack,
      post: slack.poster.post,
      findPosted: slack.poster.findPosted,
    } as Poster;
    stops.push(slack.stop);
  }
  const consoleMode = stops.length === 0;
  if (consoleMode) posters.console = createConsolePoster(process.stdout);

  const scheduler = new Scheduler({
    store: app.store,
    topics: app.config.topics,
    briefings: app.commandDeps.briefings ?? (() => Promise.reject(new Error('no briefing builder'))),
    posters,
    instanceId: `${hostname()}:${process.pid}`,
    logger: app.logger.child({ component: 'scheduler' }),
  });
  scheduler.start();
  const poller = app.config.feeds.length
    ? new FeedPoller({
        store: app.store,
        classifier: app.classifier,
        feeds: app.config.feeds,
        logger: app.logger.child({ component: 'feeds' }),
      })
    : null;
  poller?.start();
  void poller?.pollDue(new Date());
  const watcher = app.config.folders.length
    ? new FolderWatcher(app.config.folders, app, app.logger.child({ component: 'folders' }))
    : null;
  watcher?.start();
  void watcher?.scan(new Date());

  let stopping: Promise<void> | null = null;
  const shutdown = () => {
    stopping ??= (async () => {
      app.logger.info('shutting down: finishing in-flight deliveries');
      await scheduler.stop();
      await poller?.stop();
      await watcher?.stop();
      for (const stop of stops) await stop().catch(() => undefined);
    })();
    return stopping;
  };
  const done = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void shutdown().then(resolve);
      });
    }
  });
  if (consoleMode) {
    // The console ends with its input; piped input (echo … | npm start) ends the process with it.
    await Promise.race([
      runConsole(app.commandDeps, {
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true,
      }),
      done,
    ]);
    await shutdown();
    return 0;
  }
  await done;
  return 0;
}

import type { App } from './app.ts';
import { runConsole } from './bots/console/adapter.ts';
import { ingestSamples } from './samples.ts';

/** The composition root: store, samples on first run, then the adapters whose tokens are set (console when none). */
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
  const adapters: Promise<void>[] = [];
  if (env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID) {
    const { startDiscord } = await import('./bots/discord/adapter.ts');
    const discord = await startDiscord(app);
    adapters.push(discord.closed);
  }
  if (env.SLACK_BOT_TOKEN && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN)) {
    const { startSlack } = await import('./bots/slack/adapter.ts');
    await startSlack(app);
    adapters.push(new Promise<void>(() => undefined));
  }
  if (adapters.length === 0) {
    await runConsole(app.commandDeps, {
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    return 0;
  }
  await Promise.race(adapters);
  return 0;
}

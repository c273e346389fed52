import { Command } from 'commander';
import { type App, createApp } from './app.ts';
import { briefCommand } from './cli/brief.ts';
import {
  articlesCommand,
  ingestCommand,
  retagCommand,
  searchCommand,
  topicsCommand,
} from './cli/commands.ts';
import { discordDeployCommand, discordInviteCommand } from './cli/discord.ts';
import { sourcesCommand } from './cli/sources.ts';
import { ConfigError } from './config/errors.ts';
import { loadConfig } from './config/load.ts';
import { UserError } from './errors.ts';
import { createLogger } from './log.ts';
import { startCommand } from './main.ts';
import { StoreError } from './store/errors.ts';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Runs one command with the app, turning known errors into a message and an exit code. */
async function run(action: (app: App) => Promise<number>): Promise<void> {
  let app: App | undefined;
  try {
    const config = loadConfig();
    app = await createApp(config, createLogger(config.env.NEWSBRIEF_LOG_LEVEL));
    process.exitCode = await action(app);
  } catch (err) {
    process.exitCode = reportError(err);
  } finally {
    await app?.store.close();
  }
}

export function reportError(err: unknown): number {
  if (err instanceof ConfigError) {
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT_USAGE;
  }
  if (err instanceof UserError || err instanceof StoreError) {
    process.stderr.write(`error: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
    return err instanceof UserError ? EXIT_USAGE : EXIT_FAILURE;
  }
  process.stderr.write(`error: ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT_FAILURE;
}

const program = new Command('newsbrief')
  .description(
    'News briefings for Discord and Slack. Exit codes: 0 ok, 1 failure, 2 bad usage or config, 3 some input rejected.',
  )
  .showHelpAfterError();

program
  .command('start', { isDefault: false })
  .description(
    'Run newsbrief: sample articles on first run, then the console (or the chat adapters whose tokens are set)',
  )
  .option('--no-samples', 'do not ingest the bundled sample articles into an empty database')
  // After a shutdown, with the store closed, nothing must keep the process alive (stdin, timers).
  .action((opts: { samples: boolean }) =>
    run((app) => startCommand(app, { samples: opts.samples })).then(() =>
      process.exit(process.exitCode ?? 0),
    ),
  );

program
  .command('ingest')
  .description(
    'Store articles from raw text files (.txt), JSON (.json) and JSON Lines (.jsonl); folders are read recursively',
  )
  .argument('<paths...>', 'files or folders')
  .option('--source <name>', 'source name for articles without one (default: the folder name)')
  .option(
    '--published <iso>',
    'publication time for articles without one (default: the file modification time)',
  )
  .option('--json', 'print a machine-readable summary')
  .action((paths: string[], opts) => run((app) => ingestCommand(app, paths, opts)));

program
  .command('brief')
  .description('A briefing: the top stories on a topic in a time window, each with a summary and its sources')
  .argument('<topic>', 'topic id, alias or title (case and accents ignored)')
  .option('--since <window>', 'time window: 24h (default), 3d, 1w, 2024-08-13, 2024-08-01..2024-08-13')
  .option('--format <format>', 'text (default), discord (embeds JSON) or slack (Block Kit JSON)')
  .option('--max <n>', 'at most this many stories (default 5)')
  .option('--json', 'the briefing as data')
  .action((topic: string, opts) => run((app) => briefCommand(app, topic, opts)));

program
  .command('topics')
  .description('List the topics with their article counts')
  .option('--json', 'machine-readable output')
  .action((opts) => run((app) => topicsCommand(app, opts)));

program
  .command('articles')
  .description('List stored articles, newest first')
  .option('--topic <topic>', 'only this topic (id, alias or title)')
  .option('--since <window>', 'only this window: 24h, 7d, 2024-08-13, 2024-08-01..2024-08-13')
  .option('--limit <n>', 'at most this many (default 20)')
  .option('--json', 'machine-readable output')
  .action((opts) => run((app) => articlesCommand(app, opts)));

program
  .command('search')
  .description('Full-text search: words, "exact phrases", -excluded, prefix*, OR')
  .argument('<query...>', 'what to look for')
  .option('--topic <topic>', 'only this topic')
  .option('--limit <n>', 'at most this many (default 10)')
  .option('--json', 'machine-readable output')
  .action((words: string[], opts) => run((app) => searchCommand(app, words, opts)));

program
  .command('retag')
  .description('Re-tag every stored article with the current config/topics.yaml')
  .option('--json', 'machine-readable output')
  .action((opts) => run((app) => retagCommand(app, opts)));

program
  .command('sources')
  .description(
    "The feeds in config/sources.yaml and each one's health: last success, last error, items seen, next poll",
  )
  .option('--poll', 'poll every feed once now, first')
  .option('--enable <url>', 're-enable a feed that was disabled after repeated failures')
  .option('--json', 'machine-readable output')
  .action((opts) => run((app) => sourcesCommand(app, opts)));

program
  .command('discord:deploy')
  .description('Register the slash command with Discord (to DISCORD_GUILD_ID when set, else globally)')
  .action(() => run((app) => discordDeployCommand(app)));

program
  .command('discord:invite')
  .description('Print the URL that adds the bot to a server, with the permissions it needs')
  .action(() => run((app) => discordInviteCommand(app)));

program.exitOverride((err) => {
  process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
});

await program.parseAsync(process.argv);

import type { CommandDeps } from './bots/commands/types.ts';
import { createBriefingBuilder } from './briefing/cache.ts';
import { createExtractiveSummarizer, type Summarizer } from './briefing/summarize.ts';
import { TopicClassifier } from './briefing/topics/classifier.ts';
import { resolveTopic } from './briefing/topics/resolve.ts';
import type { Config } from './config/load.ts';
import type { TopicDefinition } from './config/schema.ts';
import { UserError } from './errors.ts';
import type { Logger } from './log.ts';
import { createSqliteStore } from './store/sqlite/index.ts';
import type { Store } from './store/types.ts';

/** Everything a command or service needs, built once from the configuration. */
export interface App {
  config: Config;
  store: Store;
  classifier: TopicClassifier;
  logger: Logger;
  summarizer: Summarizer;
  topic(query: string): TopicDefinition;
  /** What chat commands need, the same for every adapter. */
  commandDeps: CommandDeps;
}

export async function createApp(config: Config, logger: Logger): Promise<App> {
  const store = createSqliteStore({ path: config.dbPath });
  const classifier = new TopicClassifier(config.topics);
  const summarizer = createExtractiveSummarizer();
  return {
    config,
    store,
    classifier,
    logger,
    summarizer,
    commandDeps: {
      store,
      topics: config.topics,
      summarizer,
      briefings: createBriefingBuilder(store, summarizer),
      defaults: { timezone: config.timezone, time: config.env.NEWSBRIEF_DIGEST_TIME },
      rootName: `/${config.env.NEWSBRIEF_COMMAND}`,
    },
    topic(query) {
      const topic = resolveTopic(config.topics, query);
      if (!topic) {
        throw new UserError(
          'UNKNOWN_TOPIC',
          `unknown topic "${query}"`,
          `known topics: ${config.topics.map((t) => `${t.id} (${t.title})`).join(', ')}`,
        );
      }
      return topic;
    },
  };
}

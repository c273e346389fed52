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
}

export async function createApp(config: Config, logger: Logger): Promise<App> {
  const store = createSqliteStore({ path: config.dbPath });
  const classifier = new TopicClassifier(config.topics);
  return {
    config,
    store,
    classifier,
    logger,
    summarizer: createExtractiveSummarizer(),
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

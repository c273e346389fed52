import type { CommandDeps } from './bots/commands/types.ts';
import { createBriefingBuilder } from './briefing/cache.ts';
import { createLlmSummarizer } from './briefing/llm/summarizer.ts';
import { createExtractiveSummarizer, type Summarizer } from './briefing/summarize.ts';

export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';

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
  const extractive = createExtractiveSummarizer();
  const { env } = config;
  // With a key, summaries are written by a model (any OpenAI-compatible server), extractive as fallback.
  const summarizer: Summarizer = env.OPENAI_API_KEY
    ? createLlmSummarizer({
        apiKey: env.OPENAI_API_KEY,
        model: env.NEWSBRIEF_LLM_MODEL ?? DEFAULT_LLM_MODEL,
        ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
        ...(env.NEWSBRIEF_LLM_DAILY_TOKENS ? { dailyTokens: env.NEWSBRIEF_LLM_DAILY_TOKENS } : {}),
        store,
        logger: logger.child({ component: 'llm' }),
        fallback: extractive,
      })
    : extractive;
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
      feeds: config.feeds,
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

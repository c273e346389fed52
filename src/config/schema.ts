import { z } from 'zod';

const termList = z.array(z.string().trim().min(1, 'a term cannot be empty')).default([]);

/** One side of a bilateral topic: the names, places, people and institutions that stand for it. */
export const sideSchema = z
  .object({
    name: z.string().trim().min(1),
    names: termList,
    places: termList,
    people: termList,
    institutions: termList,
    terms: termList,
  })
  .strict()
  .refine(
    (s) => s.names.length + s.places.length + s.people.length + s.institutions.length + s.terms.length > 0,
    {
      message: 'a side needs at least one term (under names, places, people, institutions or terms)',
    },
  );

export const topicSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is lowercase letters, digits and dashes, e.g. "iraq-us"'),
    title: z.string().trim().min(1),
    description: z.string().optional(),
    aliases: z.array(z.string().trim().min(1)).default([]),
    sides: z.array(sideSchema).min(2, 'a topic needs two sides (for example Iraq and the United States)'),
    /** Words that, when present, mean a mention is not about the topic (e.g. "US Open"). */
    exclude: z.array(z.string().trim().min(1)).default([]),
    /** How strongly each side must be present (title 3, lead 2, body 1 per mention) to tag. */
    min_side_strength: z.number().positive().default(2),
  })
  .strict();

export const topicsFileSchema = z
  .object({
    /** Blocks reused through YAML anchors (e.g. one side shared by several topics). */
    shared: z.record(z.string(), z.unknown()).optional(),
    topics: z.array(topicSchema).min(1, 'declare at least one topic'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.topics.forEach((t, i) => {
      for (const key of [t.id, ...t.aliases].map((k) => k.toLowerCase())) {
        const prev = seen.get(key);
        if (prev !== undefined && prev !== i) {
          ctx.addIssue({
            code: 'custom',
            path: ['topics', i, 'id'],
            message: `"${key}" is already used by topics[${prev}]; ids and aliases must be unique`,
          });
        }
        seen.set(key, i);
      }
    });
  });

export type TopicsFile = z.infer<typeof topicsFileSchema>;
export type TopicDefinition = z.infer<typeof topicSchema>;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** The environment contract of design.md, validated once. */
export const envSchema = z.object({
  NEWSBRIEF_DB: z.string().default('data/newsbrief.db'),
  NEWSBRIEF_CONFIG_DIR: optionalString,
  NEWSBRIEF_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEWSBRIEF_TIMEZONE: z.string().default('UTC'),
  /** Default local time of a new subscription's digest. */
  NEWSBRIEF_DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, e.g. 08:00')
    .default('08:00'),
  /** The root chat command: /news by default. */
  NEWSBRIEF_COMMAND: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/, 'lowercase letters, digits, - or _, at most 32')
    .default('news'),
  DATABASE_URL: optionalString,
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_API_URL: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  NEWSBRIEF_LLM_MODEL: optionalString,
  NEWSBRIEF_LLM_DAILY_TOKENS: z.coerce.number().int().positive().optional(),
  /** Slack: who may change a channel's subscriptions (members of the channel, or workspace admins). */
  NEWSBRIEF_SLACK_MANAGERS: z.enum(['members', 'admins']).default('members'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});
export type Env = z.infer<typeof envSchema>;

const interval = z
  .string()
  .regex(/^\d+\s*(m|min|h|d)$/, 'an interval such as 5m, 15m, 1h or 1d')
  .transform((v) => {
    const n = Number.parseInt(v, 10);
    const unit = v.replace(/[\d\s]/g, '');
    return n * (unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000);
  })
  .refine((ms) => ms >= 60_000, 'at least 1m');

export const feedSourceSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
    name: z.string().trim().min(1),
    interval: interval.default(15 * 60_000),
    /** Topics this feed is about: an item naming any side of one is tagged with it even if briefly. */
    topics: z.array(z.string()).default([]),
    /** Fetch each new item's page and keep its main text beside the teaser. */
    full_text: z.boolean().default(false),
  })
  .strict();

export const folderSourceSchema = z
  .object({ path: z.string().min(1), source: z.string().optional(), interval: interval.default(5 * 60_000) })
  .strict();

export const sourcesFileSchema = z
  .object({ feeds: z.array(feedSourceSchema).default([]), folders: z.array(folderSourceSchema).default([]) })
  .strict();

export type FeedSource = z.infer<typeof feedSourceSchema>;
export type FolderSource = z.infer<typeof folderSourceSchema>;

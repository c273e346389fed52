/** The storage contract. Every method is async so SQLite and PostgreSQL share one contract and one test suite. */

export interface TopicTag {
  topicId: string;
  score: number;
}

/** An article ready to store: cleaned, hashed and tagged by ingest. */
export interface NewArticle {
  id: string;
  source: string;
  url?: string | undefined;
  title: string;
  body: string;
  publishedAt: Date;
  contentHash: string;
  /** MinHash signature (uint32 values) for near-duplicate detection (src/text/minhash.ts). */
  signature: Uint32Array;
  /** The feed's teaser, kept when `body` is the full text fetched from the article's page. */
  teaser?: string;
  tags: TopicTag[];
}

export interface StoredArticle {
  id: string;
  source: string;
  url: string | null;
  title: string;
  body: string;
  publishedAt: Date;
  ingestedAt: Date;
  contentHash: string;
  /** Set when this article is a near-identical copy of another: the id of the original. */
  duplicateOf: string | null;
  tags: TopicTag[];
}

export type UpsertOutcome = 'stored' | 'updated' | 'unchanged' | 'duplicate' | 'near_duplicate';

export interface UpsertResult {
  outcomes: { id: string; outcome: UpsertOutcome; duplicateOf?: string }[];
  counts: Record<UpsertOutcome, number>;
}

export interface ArticleQuery {
  topicId?: string;
  since?: Date;
  until?: Date;
  limit?: number;
  /** Include near-duplicate copies (default false: they are folded into their original). */
  includeDuplicates?: boolean;
  /** Return at most this many characters of each body (for callers that read only the lead). */
  bodyMaxChars?: number;
}

export interface SearchQuery {
  text: string;
  topicId?: string;
  limit?: number;
}

export interface SearchHit {
  article: StoredArticle;
  rank: number;
  snippet: string;
}

export interface ArticleRepo {
  /** Stores a batch in one transaction: all of it or none of it. */
  upsertBatch(articles: NewArticle[]): Promise<UpsertResult>;
  get(id: string): Promise<StoredArticle | null>;
  list(query: ArticleQuery): Promise<StoredArticle[]>;
  search(query: SearchQuery): Promise<SearchHit[]>;
  count(opts?: { includeDuplicates?: boolean }): Promise<number>;
  /** Articles per topic (originals only), for every topic that has any. */
  topicCounts(): Promise<Map<string, number>>;
  /** Visits every stored article in id order, in pages, for re-tagging. */
  forEachPage(pageSize: number, visit: (page: StoredArticle[]) => Promise<void>): Promise<void>;
  /** Replaces the tags of many articles in one transaction. */
  replaceTags(tags: { articleId: string; tags: TopicTag[] }[]): Promise<void>;
  /** Changes whenever stored articles change (cheap to ask): lets callers cache what they derive. */
  revision(): Promise<string>;
}

export type Platform = 'discord' | 'slack' | 'console';

/** A channel's daily digest of one topic, at a local time. */
export interface Subscription {
  id: number;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  topicId: string;
  /** Local time of the digest, HH:MM (24-hour). */
  time: string;
  /** IANA timezone of `time`. */
  timezone: string;
  createdBy: string;
  createdAt: Date;
  paused: boolean;
  pauseReason: string | null;
  /** Post a short "nothing new" digest instead of skipping the day. */
  postEmpty: boolean;
}

export type NewSubscription = Omit<
  Subscription,
  'id' | 'createdAt' | 'paused' | 'pauseReason' | 'postEmpty'
> & {
  createdAt?: Date;
  postEmpty?: boolean;
};

/**
 * One scheduled digest of one subscription: the ledger row that makes delivery exactly-once.
 * claimed → posted | empty | failed; or skipped when found too late.
 */
export type DeliveryStatus = 'claimed' | 'posted' | 'empty' | 'failed' | 'skipped';

export interface Delivery {
  id: number;
  subscriptionId: number;
  slot: Date;
  status: DeliveryStatus;
  claimedBy: string | null;
  leaseUntil: Date | null;
  attempts: number;
  messageIds: string[];
  lastError: string | null;
  delayed: boolean;
}

export interface DeliveryRepo {
  /**
   * Claims (subscription, slot) for this instance until `leaseUntil`, atomically. A slot already
   * claimed by a live lease, or finished, is `taken`; one whose lease ran out (its claimer crashed or
   * let go) is claimed again, with its attempt count kept.
   */
  claim(
    subscriptionId: number,
    slot: Date,
    by: string,
    now: Date,
    leaseUntil: Date,
    delayed: boolean,
  ): Promise<{ claimed: Delivery } | { taken: Delivery }>;
  /** Records the platform message ids and finishes the delivery (`posted`, or `empty` when nothing was new). */
  confirm(id: number, status: 'posted' | 'empty', messageIds: string[], now: Date): Promise<void>;
  /** A failed attempt: `final` ends the delivery; otherwise it can be claimed again after `retryAt`. */
  fail(id: number, error: string, final: boolean, now: Date, retryAt?: Date): Promise<void>;
  /** Records a slot found beyond the grace period, so it is never delivered. Returns false if it existed. */
  skip(subscriptionId: number, slot: Date, reason: string, now: Date): Promise<boolean>;
  /** The newest slot delivered (posted or empty) for a subscription. */
  lastSuccess(subscriptionId: number): Promise<Date | null>;
  last(subscriptionId: number): Promise<Delivery | null>;
  forSubscription(subscriptionId: number): Promise<Delivery[]>;
}

export interface ChannelRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export interface SubscriptionRepo {
  /** Adds a subscription; an existing one for the same channel and topic is returned as `existing`. */
  add(sub: NewSubscription): Promise<{ created: Subscription } | { existing: Subscription }>;
  /** Resumes a paused subscription, optionally with a new time and timezone. */
  resume(id: number, changes: { time: string; timezone: string }): Promise<Subscription>;
  remove(channel: ChannelRef, topicId: string): Promise<boolean>;
  forChannel(channel: ChannelRef): Promise<Subscription[]>;
  all(): Promise<Subscription[]>;
  pause(id: number, reason: string): Promise<void>;
}

/** What LLM summaries cost and what they produced, so a story is summarized once and a budget holds. */
export interface LlmRepo {
  getSummary(key: string): Promise<string[] | null>;
  putSummary(key: string, model: string, promptVersion: string, summary: string[]): Promise<void>;
  /** Tokens spent on a UTC day (YYYY-MM-DD). */
  tokensUsed(day: string): Promise<number>;
  addTokens(day: string, tokens: number): Promise<void>;
}

/** A feed's polling state: what conditional GET needs, and its health. */
export interface FeedState {
  url: string;
  name: string;
  etag: string | null;
  lastModified: string | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  consecutiveFailures: number;
  itemsSeen: number;
  nextPollAt: Date;
  disabledReason: string | null;
}

export interface FeedRepo {
  get(url: string): Promise<FeedState | null>;
  save(state: FeedState): Promise<void>;
  all(): Promise<FeedState[]>;
}

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  articles: ArticleRepo;
  subscriptions: SubscriptionRepo;
  deliveries: DeliveryRepo;
  llm: LlmRepo;
  feeds: FeedRepo;
  close(): Promise<void>;
}

/** Similarity (0..1) at or above which a candidate is a near-duplicate. */
export const NEAR_DUPLICATE_THRESHOLD = 0.7;

/** Estimated Jaccard similarity of two MinHash signatures: the share of equal positions. */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

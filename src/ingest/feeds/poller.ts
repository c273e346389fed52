import PQueue from 'p-queue';
import type { TopicClassifier } from '../../briefing/topics/classifier.ts';
import type { FeedSource } from '../../config/schema.ts';
import { everyMinute } from '../../cron.ts';
import type { Logger } from '../../log.ts';
import type { FeedState, NewArticle, Store } from '../../store/types.ts';
import { articleId } from '../../text/minhash.ts';
import { prepareArticle } from '../prepare.ts';
import { decodeFeed } from './decode.ts';
import { fetchFullText } from './fulltext.ts';
import { parseFeed } from './parse.ts';

export interface PollerOptions {
  store: Store;
  classifier: TopicClassifier;
  feeds: FeedSource[];
  logger: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Requests at once to one host (feeds and article pages). */
  perHost?: number;
  /** Consecutive failures after which a feed is disabled (loudly) until re-enabled. */
  maxFailures?: number;
  fullText?: { timeoutMs?: number; maxBytes?: number };
}

export interface FeedPollResult {
  url: string;
  outcome: 'new' | 'not_modified' | 'failed' | 'disabled' | 'skipped';
  requests: number;
  parsed: boolean;
  items: number;
  stored: number;
  error?: string;
}

const USER_AGENT = 'newsbrief/0.1 (feed reader)';
const MAX_BACKOFF_MS = 24 * 3_600_000;
/** An item this short is a teaser: worth fetching the page for, when the source allows it. */
const TEASER_CHARS = 600;

/**
 * Polls feeds on their intervals: conditional GET (ETag, Last-Modified), timeouts, redirects and
 * gzip (fetch handles both), a per-host concurrency limit, exponential backoff on failure, and a
 * feed disabled after repeated failures: logged, and shown in `sources`, never silently.
 */
export class FeedPoller {
  private readonly fetch: typeof fetch;
  private readonly hosts = new Map<string, PQueue>();
  private timer: { stop(): Promise<void> } | null = null;

  constructor(private readonly o: PollerOptions) {
    this.fetch = o.fetch ?? fetch;
  }

  start(): void {
    this.timer = everyMinute(
      () => this.pollDue(new Date()),
      (err) => this.o.logger.error({ err: { message: err.message } }, 'feed polling failed'),
    );
  }

  async stop(): Promise<void> {
    await this.timer?.stop();
  }

  private queue(url: string): PQueue {
    const host = new URL(url).host;
    let q = this.hosts.get(host);
    if (!q) {
      q = new PQueue({ concurrency: this.o.perHost ?? 2 });
      this.hosts.set(host, q);
    }
    return q;
  }

  /** Polls every feed that is due at `now`, at most `perHost` at a time per host. */
  async pollDue(now: Date): Promise<FeedPollResult[]> {
    return Promise.all(
      this.o.feeds.map((f) => this.queue(f.url).add(() => this.pollOne(f, now)) as Promise<FeedPollResult>),
    );
  }

  async pollOne(feed: FeedSource, now: Date, force = false): Promise<FeedPollResult> {
    const result: FeedPollResult = {
      url: feed.url,
      outcome: 'skipped',
      requests: 0,
      parsed: false,
      items: 0,
      stored: 0,
    };
    const state: FeedState = (await this.o.store.feeds.get(feed.url)) ?? {
      url: feed.url,
      name: feed.name,
      etag: null,
      lastModified: null,
      lastSuccessAt: null,
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      itemsSeen: 0,
      nextPollAt: new Date(0),
      disabledReason: null,
    };
    state.name = feed.name;
    if (state.disabledReason) return { ...result, outcome: 'disabled', error: state.disabledReason };
    if (!force && state.nextPollAt > now) return result;
    try {
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept:
          'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8',
      };
      if (state.etag) headers['if-none-match'] = state.etag;
      if (state.lastModified) headers['if-modified-since'] = state.lastModified;
      result.requests++;
      const res = await this.fetch(feed.url, {
        headers,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
      });
      if (res.status === 304) {
        // Unchanged: one request, nothing to parse.
        await res.body?.cancel();
        result.outcome = 'not_modified';
      } else if (!res.ok) {
        await res.body?.cancel();
        throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      } else {
        const { text } = decodeFeed(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type'));
        const parsed = parseFeed(text, res.url || feed.url);
        result.parsed = true;
        if (parsed.status === 'rejected') throw new Error(`not a feed: ${parsed.error}`);
        if (parsed.status === 'recovered')
          this.o.logger.warn({ feed: feed.url, error: parsed.error }, 'feed is broken; items recovered');
        const articles = await this.prepare(feed, parsed.items, now, result);
        if (articles.length)
          result.stored = (await this.o.store.articles.upsertBatch(articles)).counts.stored;
        result.items = parsed.items.length;
        state.itemsSeen += parsed.items.length;
        state.etag = res.headers.get('etag') ?? state.etag;
        state.lastModified = res.headers.get('last-modified') ?? state.lastModified;
        result.outcome = 'new';
      }
      state.lastSuccessAt = now;
      state.consecutiveFailures = 0;
      state.nextPollAt = new Date(now.getTime() + feed.interval);
    } catch (err) {
      const error =
        (err as Error).name === 'TimeoutError'
          ? `timed out after ${this.o.timeoutMs ?? 15_000} ms`
          : (err as Error).message;
      state.consecutiveFailures++;
      state.lastError = error;
      state.lastErrorAt = now;
      const backoff = Math.min(MAX_BACKOFF_MS, feed.interval * 2 ** state.consecutiveFailures);
      state.nextPollAt = new Date(now.getTime() + backoff);
      if (state.consecutiveFailures >= (this.o.maxFailures ?? 5)) {
        state.disabledReason = `disabled after ${state.consecutiveFailures} failures in a row (last: ${error})`;
        this.o.logger.error(
          { feed: feed.url, reason: state.disabledReason },
          'feed disabled: run `newsbrief sources --enable <url>` after fixing it',
        );
      } else {
        this.o.logger.warn({ feed: feed.url, error, retryInMs: backoff }, 'feed poll failed');
      }
      Object.assign(result, { outcome: 'failed', error });
    }
    await this.o.store.feeds.save(state);
    return result;
  }

  /** Items to articles; with `full_text`, new teaser-only items get their page's main text. */
  private async prepare(
    feed: FeedSource,
    items: ReturnType<typeof parseFeed>['items'],
    now: Date,
    result: FeedPollResult,
  ): Promise<NewArticle[]> {
    const out: NewArticle[] = [];
    for (const item of items) {
      let body = item.text;
      let teaser: string | undefined;
      if (
        feed.full_text &&
        item.link &&
        item.text.length < TEASER_CHARS &&
        !(await this.o.store.articles.get(articleId(item.link, '')))
      ) {
        result.requests++;
        const link = item.link;
        const full = await this.queue(link).add(() =>
          fetchFullText(link, {
            fetch: this.fetch,
            timeoutMs: this.o.fullText?.timeoutMs ?? 10_000,
            maxBytes: this.o.fullText?.maxBytes ?? 2_000_000,
            userAgent: USER_AGENT,
          }),
        );
        if (full) {
          teaser = item.text;
          // Pages repeat their headline above the text; the article has it as its title already.
          const [first, ...rest] = full.split('\n\n');
          body = first?.trim().toLowerCase() === item.title.trim().toLowerCase() ? rest.join('\n\n') : full;
        }
      }
      const article = prepareArticle(
        {
          title: item.title,
          body,
          url: item.link,
          source: feed.name,
          publishedAt: item.published,
          origin: { file: feed.url },
        },
        this.o.classifier,
        { source: feed.name, publishedAt: now, topicHints: feed.topics, ...(teaser ? { teaser } : {}) },
      );
      if (article) out.push(article);
    }
    return out;
  }
}

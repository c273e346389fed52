import PQueue from 'p-queue';
import type { BriefingBuilder } from '../briefing/cache.ts';
import type { Briefing } from '../briefing/types.ts';
import type { TopicDefinition } from '../config/schema.ts';
import { everyMinute } from '../cron.ts';
import type { Logger } from '../log.ts';
import type { Delivery, Platform, Store, Subscription } from '../store/types.ts';
import { slotsBetween } from './slots.ts';
import type { Poster, TickReport } from './types.ts';

export interface SchedulerOptions {
  store: Store;
  topics: TopicDefinition[];
  briefings: BriefingBuilder;
  posters: Partial<Record<Platform, Poster>>;
  /** Names this process in the ledger (claims are per instance). */
  instanceId: string;
  logger: Logger;
  /** Missed slots are delivered late within this time, and recorded as skipped beyond it. */
  graceMs?: number;
  /** How long a claim holds before another instance may take the slot over. */
  leaseMs?: number;
  /** Parallel posts per platform. */
  concurrency?: Partial<Record<Platform, number>>;
  /** Attempts at a transient failure within one tick, with backoff, before the slot waits for a later tick. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const HOUR = 3_600_000;
const DELAYED_AFTER_MS = 5 * 60_000;
const FIRST_DIGEST_MS = 24 * HOUR;
const MAX_RATE_LIMIT_WAITS = 50;

interface Job {
  sub: Subscription;
  delivery: Delivery;
  briefing: Briefing;
  messages: unknown[];
}

/**
 * Daily digests, exactly once: each tick finds due (subscription, slot) pairs, claims each in the
 * store's ledger, builds every (topic, window) briefing once, renders it once per platform, and posts
 * through per-platform queues, one message at a time per channel.
 */
export class Scheduler {
  private readonly graceMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly queues = new Map<Platform, PQueue>();
  private readonly channelTails = new Map<string, Promise<unknown>>();
  private running: Promise<TickReport> | null = null;
  private timer: { stop(): Promise<void> } | null = null;
  private stopping = false;

  constructor(private readonly o: SchedulerOptions) {
    this.graceMs = o.graceMs ?? 6 * HOUR;
    this.leaseMs = o.leaseMs ?? 10 * 60_000;
    this.maxAttempts = o.maxAttempts ?? 4;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    for (const platform of ['discord', 'slack', 'console'] as const) {
      this.queues.set(
        platform,
        new PQueue({ concurrency: o.concurrency?.[platform] ?? (platform === 'slack' ? 8 : 25) }),
      );
    }
  }

  /** Ticks every minute (node-cron); a tick still running when the next is due is not overlapped. */
  start(): void {
    this.timer = everyMinute(
      () => this.tick(new Date()),
      (err) => this.o.logger.error({ err: { message: err.message } }, 'tick failed'),
    );
  }

  /** Stops taking new work, lets in-flight posts finish, and releases claims not yet started. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.timer?.stop();
    await this.running?.catch(() => undefined);
  }

  async tick(now: Date): Promise<TickReport> {
    if (this.running) return this.running;
    this.running = this.runTick(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runTick(now: Date): Promise<TickReport> {
    const report: TickReport = {
      due: 0,
      claimed: 0,
      posted: 0,
      empty: 0,
      failed: 0,
      paused: 0,
      skipped: 0,
      taken: 0,
      retried: 0,
    };
    const { store } = this.o;
    const subs = (await store.subscriptions.all()).filter((s) => !s.paused && this.o.posters[s.platform]);
    const jobs: Job[] = [];
    const briefings = new Map<string, Promise<Briefing>>();
    const renders = new Map<string, unknown[]>();
    for (const sub of subs) {
      if (this.stopping) break;
      const topic = this.o.topics.find((t) => t.id === sub.topicId);
      if (!topic) continue;
      const lookFrom = new Date(
        Math.max(sub.createdAt.getTime(), now.getTime() - this.graceMs - FIRST_DIGEST_MS),
      );
      for (const slot of slotsBetween(sub.time, sub.timezone, lookFrom, now)) {
        if (now.getTime() - slot.getTime() > this.graceMs) {
          if (
            await store.deliveries.skip(
              sub.id,
              slot,
              'missed: newsbrief was not running within the grace period',
              now,
            )
          ) {
            report.skipped++;
          }
          continue;
        }
        report.due++;
        const delayed = now.getTime() - slot.getTime() > DELAYED_AFTER_MS;
        const claim = await store.deliveries.claim(
          sub.id,
          slot,
          this.o.instanceId,
          now,
          new Date(now.getTime() + this.leaseMs),
          delayed,
        );
        if ('taken' in claim) {
          report.taken++;
          continue;
        }
        report.claimed++;
        const since = (await store.deliveries.lastSuccess(sub.id)) ?? undefined;
        const from = since ?? new Date(slot.getTime() - FIRST_DIGEST_MS);
        // One briefing per (topic, window), however many channels get it.
        const key = `${topic.id}|${from.getTime()}|${slot.getTime()}`;
        let briefing = briefings.get(key);
        if (!briefing) {
          briefing = this.o.briefings({
            topic,
            window: { from, to: slot },
            now,
            ...(since ? { previousAt: since } : {}),
          });
          briefings.set(key, briefing);
        }
        const b = await briefing;
        // ...and one rendering per platform.
        const renderKey = `${key}|${sub.platform}`;
        let messages = renders.get(renderKey);
        if (!messages) {
          messages = (this.o.posters[sub.platform] as Poster).render(b);
          renders.set(renderKey, messages);
        }
        jobs.push({ sub, delivery: claim.claimed, briefing: b, messages });
      }
    }
    await Promise.all(jobs.map((job) => this.enqueue(job, report)));
    if (report.due > 0 || report.skipped > 0) this.o.logger.info({ ...report }, 'scheduler tick');
    return report;
  }

  /** Queues a job on its platform, after any earlier job for the same channel. */
  private enqueue(job: Job, report: TickReport): Promise<void> {
    const channelKey = `${job.sub.platform}:${job.sub.workspaceId}:${job.sub.channelId}`;
    const queue = this.queues.get(job.sub.platform) as PQueue;
    const previous = this.channelTails.get(channelKey) ?? Promise.resolve();
    const run = previous.then(() => queue.add(() => this.deliver(job, report)));
    const tail = run.catch(() => undefined);
    this.channelTails.set(channelKey, tail);
    void tail.then(() => {
      if (this.channelTails.get(channelKey) === tail) this.channelTails.delete(channelKey);
    });
    return run;
  }

  private async deliver({ sub, delivery, briefing, messages }: Job, report: TickReport): Promise<void> {
    const { deliveries, subscriptions } = this.o.store;
    if (this.stopping) {
      // Shutting down: let another instance (or the next start) take this slot at once.
      await deliveries.fail(delivery.id, 'released at shutdown', false, new Date(), new Date());
      return;
    }
    if (briefing.items.length === 0 && !sub.postEmpty) {
      await deliveries.confirm(delivery.id, 'empty', [], new Date());
      report.empty++;
      return;
    }
    const poster = this.o.posters[sub.platform] as Poster;
    const ids: string[] = [];
    for (const [i, message] of messages.entries()) {
      const idempotencyKey = `${sub.id}@${delivery.slot.toISOString()}#${i}`;
      let attempts = 0;
      let waits = 0;
      // Taken over from a claimer that disappeared: it may have posted before it could confirm.
      if (delivery.attempts > 1 && poster.findPosted) {
        const found = await poster.findPosted(sub.channelId, idempotencyKey).catch(() => null);
        if (found) {
          ids.push(found);
          continue;
        }
      }
      for (;;) {
        const result = await poster.post(sub.channelId, message, { idempotencyKey });
        if (result.ok) {
          ids.push(result.messageId);
          break;
        }
        if (result.failure === 'gone' || result.failure === 'forbidden') {
          const reason =
            result.failure === 'gone'
              ? 'the channel is gone (deleted or archived)'
              : 'the bot may no longer post there';
          await deliveries.fail(delivery.id, `${result.failure}: ${result.detail}`, true, new Date());
          await subscriptions.pause(sub.id, `${reason} (${result.detail})`);
          report.failed++;
          report.paused++;
          this.o.logger.warn(
            { subscription: sub.id, failure: result.failure, detail: result.detail },
            'subscription paused',
          );
          return;
        }
        report.retried++;
        if (result.failure === 'rate_limited' && ++waits <= MAX_RATE_LIMIT_WAITS) {
          await this.sleep(result.retryAfterMs ?? 1000);
          continue;
        }
        if (++attempts >= this.maxAttempts) {
          // Give the slot back; a later tick within the grace period tries again.
          await deliveries.fail(
            delivery.id,
            `${result.failure}: ${result.detail}`,
            false,
            new Date(),
            new Date(Date.now() + 60_000),
          );
          report.failed++;
          return;
        }
        await this.sleep(Math.min(30_000, 500 * 2 ** attempts));
      }
    }
    await deliveries.confirm(delivery.id, 'posted', ids, new Date());
    report.posted++;
  }
}

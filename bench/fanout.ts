import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createRest } from '../src/bots/discord/adapter.ts';
import { createDiscordPoster } from '../src/bots/discord/poster.ts';
import { renderDiscord } from '../src/bots/discord/render.ts';
import { createBriefingBuilder } from '../src/briefing/cache.ts';
import { createExtractiveSummarizer } from '../src/briefing/summarize.ts';
import { TopicClassifier } from '../src/briefing/topics/classifier.ts';
import { loadConfig } from '../src/config/load.ts';
import { ingestSamples } from '../src/samples.ts';
import { Scheduler } from '../src/scheduler/scheduler.ts';
import type { Poster } from '../src/scheduler/types.ts';
import { createSqliteStore } from '../src/store/sqlite/index.ts';
import type { BenchOptions } from './run.ts';

const RATE = 50;

/** A platform API that allows RATE requests per second (token bucket) and answers 429 + Retry-After beyond. */
function fakePlatform() {
  let tokens = RATE;
  let last = performance.now();
  const perChannel = new Map<string, number>();
  const byNonce = new Map<string, string>();
  let requests = 0;
  let limited = 0;
  let id = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      requests++;
      const now = performance.now();
      tokens = Math.min(RATE, tokens + ((now - last) / 1000) * RATE);
      last = now;
      if (tokens < 1) {
        limited++;
        const retryAfter = (1 - tokens) / RATE;
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': retryAfter.toFixed(3),
          'x-ratelimit-global': 'true',
          'x-ratelimit-scope': 'global',
        });
        res.end(
          JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: true }),
        );
        return;
      }
      tokens -= 1;
      const channel = /\/channels\/(\d+)\/messages/.exec(req.url ?? '')?.[1] ?? '';
      const body = JSON.parse(raw || '{}') as { nonce?: string };
      const key = `${channel}:${body.nonce}`;
      let messageId = byNonce.get(key);
      if (!messageId) {
        // Like Discord with enforce_nonce: a repeated nonce returns the message already created.
        messageId = String(++id);
        byNonce.set(key, messageId);
        perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: messageId, channel_id: channel }));
    });
  });
  return { server, perChannel, stats: () => ({ requests, limited }) };
}

/** One digest to N (default 5,000) subscribed channels through a rate-limited local platform API. */
export async function run(opts: BenchOptions): Promise<void> {
  const channels = opts.count ?? 5000;
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-fanout-'));
  const platform = fakePlatform();
  await new Promise<void>((r) => platform.server.listen(0, '127.0.0.1', r));
  const port = (platform.server.address() as AddressInfo).port;
  const store = createSqliteStore({ path: join(dir, 'fanout.db') });
  try {
    const config = loadConfig({});
    const slot = new Date('2024-08-13T05:00:00Z');
    await ingestSamples({ store, classifier: new TopicClassifier(config.topics) }, slot);
    for (let i = 0; i < channels; i++) {
      await store.subscriptions.add({
        platform: 'discord',
        workspaceId: 'g',
        channelId: String(700000000000000000n + BigInt(i)),
        topicId: 'iraq-us',
        time: '08:00',
        timezone: 'Asia/Baghdad',
        createdBy: 'bench',
        createdAt: new Date(slot.getTime() - 3_600_000),
      });
    }
    const rest = createRest({ token: 'bench', applicationId: '1', apiUrl: `http://127.0.0.1:${port}/api` });
    const poster = createDiscordPoster(rest);
    const scheduler = new Scheduler({
      store,
      topics: config.topics,
      briefings: createBriefingBuilder(store, createExtractiveSummarizer()),
      posters: { discord: { render: renderDiscord, post: poster.post } as Poster },
      instanceId: 'bench',
      logger: pino({ level: 'silent' }),
      concurrency: { discord: 50 },
    });
    const messagesPerDigest = renderDiscord(
      await createBriefingBuilder(
        store,
        createExtractiveSummarizer(),
      )({
        topic: config.topics[0] as (typeof config.topics)[number],
        window: { from: new Date(slot.getTime() - 86_400_000), to: slot },
        now: slot,
      }),
    ).length;
    const floorS = (channels * messagesPerDigest) / RATE;
    process.stdout.write(
      `${channels} channels x ${messagesPerDigest} message(s), platform limit ${RATE} requests/s: floor ${floorS.toFixed(1)} s\n`,
    );
    const started = performance.now();
    const progress = setInterval(() => {
      const { requests, limited } = platform.stats();
      process.stdout.write(
        `  ${((performance.now() - started) / 1000).toFixed(0)} s: ${requests} requests, ${limited} answered 429, ${platform.perChannel.size} channels reached\n`,
      );
    }, 5000);
    const report = await scheduler
      .tick(new Date(slot.getTime() + 60_000))
      .finally(() => clearInterval(progress));
    const seconds = (performance.now() - started) / 1000;
    const counts = [...platform.perChannel.values()];
    const duplicates = counts.filter((n) => n > messagesPerDigest).length;
    const losses = channels - counts.filter((n) => n >= messagesPerDigest).length;
    const { requests, limited } = platform.stats();
    process.stdout.write(
      `completed in ${seconds.toFixed(1)} s = ${(seconds / floorS).toFixed(3)} x floor (target <= 1.15)\n` +
        `ledger: ${report.posted} posted, ${report.failed} failed; platform saw ${requests} requests, ${limited} answered 429\n` +
        `channels with a duplicate: ${duplicates}; channels that got nothing: ${losses}\n`,
    );
  } finally {
    await store.close();
    await new Promise<void>((r) => platform.server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
}

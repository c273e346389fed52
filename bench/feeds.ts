import { fork } from 'node:child_process';
import { join } from 'node:path';
import PQueue from 'p-queue';
import pino from 'pino';
import { TopicClassifier } from '../src/briefing/topics/classifier.ts';
import { loadConfig } from '../src/config/load.ts';
import type { FeedSource } from '../src/config/schema.ts';
import { FeedPoller } from '../src/ingest/feeds/poller.ts';
import { createSqliteStore } from '../src/store/sqlite/index.ts';
import type { BenchOptions } from './run.ts';

const CHANGED_EVERY = 10; // one feed in ten has new items each cycle

interface Stats {
  requests: number;
  notModified: number;
}

/** One polling cycle over 1,000 local feeds, most unchanged (304), beside bare conditional fetches. */
export async function run(opts: BenchOptions): Promise<void> {
  const count = opts.count ?? 1000;
  const child = fork(join(import.meta.dirname, 'feeds-server.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const ask = (m: object) =>
    new Promise<Stats>((resolve) => {
      child.once('message', (reply: Stats) => resolve(reply));
      child.send(m);
    });
  const hosts = await new Promise<{ address: string; port: number }[]>((resolve) =>
    child.once('message', (m: { hosts: { address: string; port: number }[] }) => resolve(m.hosts)),
  );
  const feeds: FeedSource[] = Array.from({ length: count }, (_, n) => {
    const { address, port } = hosts[n % hosts.length] as { address: string; port: number };
    return {
      url: `http://${address}:${port}/feed/${n}.xml`,
      name: `Outlet ${n}`,
      interval: 60_000,
      topics: [],
      full_text: false,
    };
  });
  const store = createSqliteStore({ path: ':memory:' });
  const poller = new FeedPoller({
    store,
    classifier: new TopicClassifier(loadConfig({}).topics),
    feeds,
    logger: pino({ level: 'silent' }),
    perHost: 4,
  });
  try {
    const first = await poller.pollDue(new Date('2025-09-28T12:00:00Z'));
    process.stdout.write(
      `first cycle (every feed new): ${first.filter((r) => r.outcome === 'new').length} feeds read, ${first.reduce((n, r) => n + r.stored, 0)} articles stored\n`,
    );
    await ask({
      type: 'change',
      feeds: Array.from({ length: Math.ceil(count / CHANGED_EVERY) }, (_, i) => i * CHANGED_EVERY),
    });

    // Baseline: the same 1,000 conditional GETs, bare, at the same concurrency per host.
    const hostQueues = new Map<string, PQueue>();
    await ask({ type: 'reset' });
    let started = performance.now();
    let cpu = process.cpuUsage();
    await Promise.all(
      feeds.map((f, n) => {
        const host = new URL(f.url).host;
        const q = hostQueues.get(host) ?? new PQueue({ concurrency: 4 });
        hostQueues.set(host, q);
        return q.add(async () => {
          // Bare: the ETag each feed had after the first cycle, as the poller stored it.
          const res = await fetch(f.url, { headers: { 'if-none-match': `"${n}-0"` } });
          await res.arrayBuffer();
        });
      }),
    );
    const bare = {
      ms: performance.now() - started,
      cpu: process.cpuUsage(cpu),
      requests: (await ask({ type: 'stats' })).requests,
    };

    await ask({ type: 'reset' });
    started = performance.now();
    cpu = process.cpuUsage();
    const results = await poller.pollDue(new Date('2025-09-28T12:02:00Z'));
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const unchanged = results.filter((r) => r.outcome === 'not_modified');
    const changed = results.filter((r) => r.outcome === 'new');
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    const { requests, notModified } = await ask({ type: 'stats' });
    process.stdout.write(
      `bare conditional GETs: ${bare.requests} requests in ${(bare.ms / 1000).toFixed(2)} s wall, ${(cpuMs(bare.cpu) / 1000).toFixed(2)} s CPU\n` +
        `polling cycle:         ${requests} requests in ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs(used) / 1000).toFixed(2)} s CPU (target: under 10 s)\n` +
        `  ${unchanged.length} unchanged feeds: ${unchanged.reduce((n, r) => n + r.requests, 0)} requests, ${unchanged.filter((r) => r.parsed).length} parsed; server answered ${notModified} with 304\n` +
        `  ${changed.length} changed feeds: parsed ${changed.filter((r) => r.parsed).length}, ${changed.reduce((n, r) => n + r.stored, 0)} new articles stored; failures ${results.filter((r) => r.outcome === 'failed').length}\n`,
    );
  } finally {
    await store.close();
    child.send({ type: 'stop' });
  }
}

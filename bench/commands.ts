import { dispatch } from '../src/bots/commands/index.ts';
import type { CommandContext, CommandDeps } from '../src/bots/commands/types.ts';
import { createBriefingBuilder } from '../src/briefing/cache.ts';
import { createExtractiveSummarizer } from '../src/briefing/summarize.ts';
import type { BenchOptions } from './run.ts';
import { buildBenchStore, percentile } from './store.ts';

const CONCURRENCY = 50;
const ROUNDS = 10;
const QUERIES = [
  'Baghdad Washington',
  'pipeline Ceyhan',
  'advisers',
  '"water flows"',
  'Tigris OR Euphrates',
  'energy -gas',
  'Kirkuk',
  'budget*',
];
const WINDOWS = ['24h', '3d', '1w'];

async function measure(label: string, deps: CommandDeps, now: Date): Promise<void> {
  const ctx: CommandContext = {
    platform: 'console',
    workspaceId: 'bench',
    channelId: 'c',
    userId: 'u',
    canManageChannel: true,
    now,
  };
  const samples: Record<'brief' | 'search', number[]> = { brief: [], search: [] };
  let errors = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    const batch = Array.from({ length: CONCURRENCY }, async (_, i) => {
      const isBrief = i % 2 === 0;
      const t = performance.now();
      const reply = isBrief
        ? await dispatch(
            'brief',
            { topic: deps.topics[i % 4 < 2 ? 0 : 1]?.id, since: WINDOWS[i % 3] },
            ctx,
            deps,
          )
        : await dispatch('search', { query: QUERIES[i % QUERIES.length] }, ctx, deps);
      // The first round warms caches and the sentence model; it is not counted.
      if (round > 0) samples[isBrief ? 'brief' : 'search'].push(performance.now() - t);
      if (reply.kind === 'error') errors++;
    });
    await Promise.all(batch);
  }
  process.stdout.write(`${label}\n`);
  for (const [name, list] of Object.entries(samples)) {
    list.sort((a, b) => a - b);
    process.stdout.write(
      `  ${name.padEnd(7)} n=${list.length}  p50 ${percentile(list, 0.5).toFixed(1)} ms  p99 ${percentile(list, 0.99).toFixed(1)} ms  max ${(list.at(-1) ?? 0).toFixed(1)} ms\n`,
    );
  }
  process.stdout.write(`  errors: ${errors}   target: p99 under 500 ms\n`);
}

/** 50 concurrent /news brief and /news search requests through the command layer, ten rounds. */
export async function run(opts: BenchOptions): Promise<void> {
  const bench = await buildBenchStore(opts);
  try {
    const summarizer = createExtractiveSummarizer();
    const base: CommandDeps = {
      store: bench.store,
      topics: bench.config.topics,
      summarizer,
      defaults: { timezone: 'UTC', time: '08:00' },
      rootName: '/news',
    };
    process.stdout.write(
      `${CONCURRENCY} concurrent requests x ${ROUNDS} rounds (time from dispatch to reply, queueing included)\n`,
    );
    await measure('cache off: every brief is built', base, bench.end);
    await measure(
      'cache on: as the app runs',
      { ...base, briefings: createBriefingBuilder(bench.store, summarizer) },
      bench.end,
    );
  } finally {
    await bench.close();
  }
}

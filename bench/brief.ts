import { buildBriefing } from '../src/briefing/compose.ts';
import { parseWindow } from '../src/briefing/window.ts';
import type { BenchOptions } from './run.ts';
import { buildBenchStore, percentile } from './store.ts';

/** A store of 100,000 articles over 30 days, and briefing latency over it (p50/p99 of 100 builds). */
const RUNS = 100;

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

export async function run(opts: BenchOptions): Promise<void> {
  const bench = await buildBenchStore(opts);
  const { store, config } = bench;
  try {
    process.stdout.write(
      'baseline "query": the store read of the window alone (topic, window, up to 1,200 rows)\ntopic          window   stories  query p50/p99 (ms)   briefing p50/p99 (ms)\n',
    );
    const s = store;
    const END = bench.end;
    for (const topic of config.topics) {
      for (const w of ['24h', '3d', '1w']) {
        const window = parseWindow(w, END);
        const query = await time(() =>
          s.articles.list({
            topicId: topic.id,
            since: window.from,
            until: window.to,
            includeDuplicates: true,
            limit: 1200,
          }),
        );
        let stories = 0;
        const brief = await time(async () => {
          stories = (await buildBriefing(s, { topic, window, now: END })).stats.stories;
        });
        process.stdout.write(
          `${topic.id.padEnd(14)} ${w.padEnd(8)} ${String(stories).padStart(7)}  ${query.p50.toFixed(1).padStart(8)} / ${query.p99.toFixed(1).padEnd(8)}   ${brief.p50.toFixed(1).padStart(8)} / ${brief.p99.toFixed(1)}\n`,
        );
      }
    }
    process.stdout.write('target: briefing p99 under 50 ms\n');
  } finally {
    await bench.close();
  }
}

/**
 * Benchmarks, not tests: `npm run bench -- <name> [--corpus ../shared/corpus] [--count N]`.
 * Each prints its figures beside a baseline measured in the same run.
 */
import { parseArgs } from 'node:util';

const benches: Record<string, () => Promise<{ run(opts: BenchOptions): Promise<void> }>> = {
  ingest: () => import('./ingest.ts'),
  brief: () => import('./brief.ts'),
  commands: () => import('./commands.ts'),
  fanout: () => import('./fanout.ts'),
  feeds: () => import('./feeds.ts'),
};

export interface BenchOptions {
  corpus?: string;
  count?: number;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { corpus: { type: 'string' }, count: { type: 'string' } },
});
const names = positionals.length > 0 ? positionals : Object.keys(benches);
for (const name of names) {
  const load = benches[name];
  if (!load) {
    process.stderr.write(`unknown benchmark "${name}"; available: ${Object.keys(benches).join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(`\n== ${name} ==\n`);
  await (await load()).run({
    ...(values.corpus ? { corpus: values.corpus } : {}),
    ...(values.count ? { count: Number(values.count) } : {}),
  });
}

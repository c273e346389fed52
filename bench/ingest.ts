import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateItems } from './generate.ts';
import type { BenchOptions } from './run.ts';

const CORPUS_FILE = 'rss_link_database_2020_2023/world_news_items_sample.jsonl';

interface WorkerResult {
  mode: string;
  rows: number;
  ms: number;
  peakRssMb: number;
  detail?: Record<string, number>;
}

function runWorker(mode: 'pipeline' | 'bare', file: string, dir: string): WorkerResult {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'ingest-worker.ts'), mode, file, join(dir, `${mode}.db`)],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`${mode} worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as WorkerResult;
}

/** End-to-end ingest (parse, clean, dedup, tag, insert with FTS) against a bare better-sqlite3 insert. */
export async function run(opts: BenchOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-'));
  try {
    let file: string;
    let label: string;
    const corpusFile = opts.corpus ? join(opts.corpus, CORPUS_FILE) : undefined;
    if (corpusFile && existsSync(corpusFile)) {
      file = corpusFile;
      label = `corpus ${CORPUS_FILE}`;
    } else {
      if (opts.corpus)
        process.stdout.write(`corpus file not found under ${opts.corpus}; using generated items\n`);
      const items = generateItems(opts.count ?? 60_000);
      file = join(dir, 'items.jsonl');
      writeFileSync(file, `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
      label = `${items.length} generated items`;
    }
    process.stdout.write(`input: ${label}\n`);
    const bare = runWorker('bare', file, dir);
    const pipeline = runWorker('pipeline', file, dir);
    for (const r of [bare, pipeline]) {
      const rate = Math.round(r.rows / (r.ms / 1000));
      process.stdout.write(
        `${r.mode.padEnd(9)} ${String(r.rows).padStart(6)} rows  ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${String(rate).padStart(7)} articles/s  peak RSS ${r.peakRssMb.toFixed(0)} MB${r.detail ? `  ${JSON.stringify(r.detail)}` : ''}\n`,
      );
    }
    process.stdout.write(
      `pipeline / bare time: ${(pipeline.ms / bare.ms).toFixed(2)}x   target: >= 10000 articles/s end to end\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

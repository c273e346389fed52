import { Worker } from 'node:worker_threads';
import type { TopicClassifier } from '../briefing/topics/classifier.ts';
import type { Store, UpsertOutcome } from '../store/types.ts';
import { type InputFile, listInputFiles } from './files.ts';
import { type PreparedBatch, type PrepareOptions, prepareBatches } from './prepare.ts';
import type { Rejection } from './types.ts';

export { prepareArticle } from './prepare.ts';

export interface IngestOptions {
  /** Source name for articles that do not carry one (default: the file's folder name). */
  source?: string;
  /** Publication time for articles that do not carry one (default: the file's modification time). */
  publishedAt?: Date;
  /** Articles per transaction. */
  batchSize?: number;
  /** Prepare in a worker thread: when the input is large (default), always, or never. */
  parallel?: 'auto' | 'always' | 'never';
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  articles: number;
  elapsedMs: number;
}

export interface IngestSummary {
  files: number;
  articles: number;
  counts: Record<UpsertOutcome, number>;
  rejected: Rejection[];
  elapsedMs: number;
}

export interface IngestDeps {
  store: Store;
  classifier: TopicClassifier;
}

/** Below this much input, a worker thread costs more than it saves. */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

/** Prepares in a worker thread, yielding its batches; the caller's writes overlap the next batch. */
async function* prepareInWorker(
  files: InputFile[],
  classifier: TopicClassifier,
  opts: PrepareOptions,
): AsyncGenerator<PreparedBatch> {
  const worker = new Worker(new URL('./prepare-worker-entry.js', import.meta.url), {
    workerData: { files, topics: classifier.definitions, opts },
  });
  const queue: PreparedBatch[] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: { type: 'batch'; batch: PreparedBatch } | { type: 'done' }) => {
    if (m.type === 'batch') queue.push(m.batch);
    else done = true;
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', () => {
    done = true;
    notify();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        worker.postMessage('ack');
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    await worker.terminate();
  }
}

/** Reads files and folders, and stores what they hold: cleaned, deduplicated and tagged. */
export async function ingestPaths(
  paths: string[],
  deps: IngestDeps,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const { files, rejected } = await listInputFiles(paths);
  const counts: Record<UpsertOutcome, number> = {
    stored: 0,
    updated: 0,
    unchanged: 0,
    duplicate: 0,
    near_duplicate: 0,
  };
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  const prepareOpts: PrepareOptions = {
    batchSize: opts.batchSize ?? 1000,
    ...(opts.source ? { source: opts.source } : {}),
    ...(opts.publishedAt ? { publishedAt: opts.publishedAt } : {}),
  };
  const batches =
    opts.parallel === 'always' || (opts.parallel !== 'never' && bytesTotal >= PARALLEL_MIN_BYTES)
      ? prepareInWorker(files, deps.classifier, prepareOpts)
      : prepareBatches(files, deps.classifier, prepareOpts);
  let articles = 0;
  for await (const batch of batches) {
    rejected.push(...batch.rejected);
    articles += batch.articles.length;
    if (batch.articles.length > 0) {
      try {
        const result = await deps.store.articles.upsertBatch(batch.articles);
        for (const [k, v] of Object.entries(result.counts)) counts[k as UpsertOutcome] += v;
      } catch (err) {
        // The transaction rolled back: nothing of this batch is half-written, nothing earlier is lost.
        const reason = `not stored: ${(err as Error).message}`;
        for (const origin of batch.origins) rejected.push({ ...origin, reason });
      }
    }
    opts.onProgress?.({
      filesDone: batch.filesDone,
      filesTotal: files.length,
      bytesDone: batch.bytesDone,
      bytesTotal,
      articles,
      elapsedMs: performance.now() - started,
    });
  }
  return { files: files.length, articles, counts, rejected, elapsedMs: performance.now() - started };
}

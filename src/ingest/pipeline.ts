import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { TopicClassifier } from '../briefing/topics/classifier.ts';
import type { NewArticle, Store, UpsertOutcome } from '../store/types.ts';
import { htmlToText, tidyLine, words } from '../text/normalize.ts';
import { articleId, bandKeys, contentHash, minhashSignature } from './dedup.ts';
import { type InputFile, listInputFiles } from './files.ts';
import { parseJson, parseJsonLines } from './readers/json.ts';
import { parseRawText } from './readers/raw-text.ts';
import type { RawArticle, ReadResult, Rejection } from './types.ts';

export interface IngestOptions {
  /** Source name for articles that do not carry one (default: the file's folder name). */
  source?: string;
  /** Publication time for articles that do not carry one (default: the file's modification time). */
  publishedAt?: Date;
  /** Articles per transaction. */
  batchSize?: number;
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

const MAX_TITLE = 300;

/** Cleans, hashes and tags one article read from a source. */
export function prepareArticle(
  raw: RawArticle,
  classifier: TopicClassifier,
  fallback: { source: string; publishedAt: Date },
): NewArticle | null {
  const body = htmlToText(raw.body);
  let title = tidyLine(htmlToText(raw.title).replace(/\n+/g, ' '));
  if (!title && body) title = deriveTitle(body);
  if (!title && !body) return null;
  if (title.length > MAX_TITLE) title = `${title.slice(0, MAX_TITLE - 1).trimEnd()}…`;
  const hash = contentHash(title, body);
  const signature = minhashSignature([...words(title), ...words(body)]);
  return {
    id: articleId(raw.url, hash),
    source: raw.source?.trim() || fallback.source,
    url: raw.url,
    title,
    body,
    publishedAt: raw.publishedAt ?? fallback.publishedAt,
    contentHash: hash,
    signature,
    bandKeys: bandKeys(signature),
    tags: classifier.classify(title, body),
  };
}

function deriveTitle(body: string): string {
  const first = body.split('\n')[0] ?? '';
  const sentence = /^(.{20,200}?[.!?])\s/.exec(first)?.[1] ?? first;
  return sentence.length > 160 ? `${sentence.slice(0, 159).trimEnd()}…` : sentence;
}

function read(file: InputFile, text: string): ReadResult {
  switch (file.kind) {
    case 'raw-text':
      return parseRawText(text, file.path);
    case 'json':
      return parseJson(text, file.path);
    case 'jsonl':
      return parseJsonLines(text, file.path);
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
  const batchSize = opts.batchSize ?? 1000;
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  let bytesDone = 0;
  let articles = 0;
  let batch: { article: NewArticle; raw: RawArticle }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    try {
      const result = await deps.store.articles.upsertBatch(current.map((b) => b.article));
      for (const [k, v] of Object.entries(result.counts)) counts[k as UpsertOutcome] += v;
    } catch (err) {
      // The transaction rolled back: nothing of this batch is half-written, nothing earlier is lost.
      for (const b of current)
        rejected.push({ ...b.raw.origin, reason: `not stored: ${(err as Error).message}` });
    }
  };

  for (const [i, file] of files.entries()) {
    let text: string;
    try {
      text = await readFile(file.path, 'utf8');
    } catch (err) {
      rejected.push({
        file: file.path,
        reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      });
      continue;
    }
    const result = read(file, text);
    rejected.push(...result.rejected);
    const fallback = {
      source: opts.source ?? basename(dirname(resolve(file.path))),
      publishedAt: opts.publishedAt ?? file.mtime,
    };
    for (const raw of result.articles) {
      const article = prepareArticle(raw, deps.classifier, fallback);
      if (!article) {
        rejected.push({ ...raw.origin, reason: 'empty article: no text after cleaning' });
        continue;
      }
      articles++;
      batch.push({ article, raw });
      if (batch.length >= batchSize) await flush();
    }
    bytesDone += file.size;
    opts.onProgress?.({
      filesDone: i + 1,
      filesTotal: files.length,
      bytesDone,
      bytesTotal,
      articles,
      elapsedMs: performance.now() - started,
    });
  }
  await flush();
  return { files: files.length, articles, counts, rejected, elapsedMs: performance.now() - started };
}

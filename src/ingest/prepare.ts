import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { TopicClassifier } from '../briefing/topics/classifier.ts';
import type { NewArticle } from '../store/types.ts';
import { articleId, fingerprint } from '../text/minhash.ts';
import { htmlToText, tidyLine } from '../text/normalize.ts';
import type { InputFile } from './files.ts';
import { parseJson, parseJsonLines } from './readers/json.ts';
import { parseRawText } from './readers/raw-text.ts';
import type { Origin, RawArticle, ReadResult, Rejection } from './types.ts';

export interface PrepareOptions {
  source?: string;
  publishedAt?: Date;
  batchSize: number;
}

/** A batch of articles ready to store, with what was rejected and how far reading has come. */
export interface PreparedBatch {
  articles: NewArticle[];
  origins: Origin[];
  rejected: Rejection[];
  filesDone: number;
  bytesDone: number;
}

const MAX_TITLE = 300;

/** Cleans, hashes and tags one article read from a source. */
export function prepareArticle(
  raw: RawArticle,
  classifier: TopicClassifier,
  fallback: { source: string; publishedAt: Date; topicHints?: string[]; teaser?: string },
): NewArticle | null {
  const body = htmlToText(raw.body);
  let title = tidyLine(htmlToText(raw.title).replace(/\n+/g, ' '));
  if (!title && body) title = deriveTitle(body);
  if (!title && !body) return null;
  if (title.length > MAX_TITLE) title = `${title.slice(0, MAX_TITLE - 1).trimEnd()}…`;
  const { hash, signature } = fingerprint(title, body);
  return {
    id: articleId(raw.url, hash),
    source: raw.source?.trim() || fallback.source,
    url: raw.url,
    title,
    body,
    publishedAt: raw.publishedAt ?? fallback.publishedAt,
    contentHash: hash,
    signature,
    tags: classifier.classify(title, body, fallback.topicHints),
    ...(fallback.teaser ? { teaser: fallback.teaser } : {}),
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

/** Reads, parses and prepares files, yielding batches of at most `batchSize` articles. */
export async function* prepareBatches(
  files: InputFile[],
  classifier: TopicClassifier,
  opts: PrepareOptions,
): AsyncGenerator<PreparedBatch> {
  let batch: PreparedBatch = { articles: [], origins: [], rejected: [], filesDone: 0, bytesDone: 0 };
  let filesDone = 0;
  let bytesDone = 0;
  let lastYield = performance.now();
  const take = () => {
    const out = { ...batch, filesDone, bytesDone };
    batch = { articles: [], origins: [], rejected: [], filesDone, bytesDone };
    lastYield = performance.now();
    return out;
  };
  for (const file of files) {
    let text: string | null = null;
    try {
      text = await readFile(file.path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      batch.rejected.push({ file: file.path, reason: `cannot read: ${code}` });
    }
    if (text !== null) {
      const result = read(file, text);
      batch.rejected.push(...result.rejected);
      const fallback = {
        source: opts.source ?? basename(dirname(resolve(file.path))),
        publishedAt: opts.publishedAt ?? file.mtime,
      };
      for (const raw of result.articles) {
        const article = prepareArticle(raw, classifier, fallback);
        if (!article) {
          batch.rejected.push({ ...raw.origin, reason: 'empty article: no text after cleaning' });
          continue;
        }
        batch.articles.push(article);
        batch.origins.push(raw.origin);
        if (batch.articles.length >= opts.batchSize) yield take();
      }
    }
    filesDone++;
    bytesDone += file.size;
    // Many small files: still report progress a few times a second.
    if (performance.now() - lastYield > 250) yield take();
  }
  yield take();
}

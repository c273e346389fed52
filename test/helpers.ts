import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { TopicClassifier } from '../src/briefing/topics/classifier.ts';
import { loadConfig } from '../src/config/load.ts';
import { createSqliteStore } from '../src/store/sqlite/index.ts';
import type { Store } from '../src/store/types.ts';

/** The repository's own topics, as a user gets them out of the box. */
export const config = loadConfig({ NEWSBRIEF_DB: ':memory:' });
export const classifier = new TopicClassifier(config.topics);

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function memoryStore(): Store {
  const store = createSqliteStore({ path: ':memory:' });
  cleanups.push(() => store.close());
  return store;
}

/** Writes an article in the raw scraped format: title, captions twice, TT, title and captions again, body. */
export function rawArticle(title: string, captions: string[], paragraphs: string[]): string {
  const capBlock = captions.flatMap((c) => [c, c]).join('\n');
  return [title, '', capBlock, 'TT', '', title, '', capBlock, '', paragraphs.join('\n\n')].join('\n');
}

import type { App } from '../app.ts';
import { parseWindow } from '../briefing/window.ts';
import { UserError } from '../errors.ts';
import { ingestPaths } from '../ingest/pipeline.ts';
import { articleJson, articleLines, printJson } from './format.ts';
import { rejectionLines, summaryLine, terminalProgress } from './progress.ts';

export const EXIT_REJECTED = 3;

function parseLimit(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(
      'BAD_LIMIT',
      `--limit must be a whole number above 0, not "${text}"`,
      'for example --limit 20',
    );
  return n;
}

export async function ingestCommand(
  app: App,
  paths: string[],
  opts: { source?: string; published?: string; json?: boolean },
): Promise<number> {
  let publishedAt: Date | undefined;
  if (opts.published) {
    publishedAt = new Date(opts.published);
    if (Number.isNaN(publishedAt.getTime())) {
      throw new UserError(
        'BAD_DATE',
        `--published "${opts.published}" is not a date`,
        'use ISO 8601, e.g. 2024-08-13 or 2024-08-13T09:30:00Z',
      );
    }
  }
  const interactive = !opts.json && process.stderr.isTTY === true;
  const progress = interactive ? terminalProgress(process.stderr) : undefined;
  const summary = await ingestPaths(paths, app, {
    ...(opts.source ? { source: opts.source } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  });
  progress?.done();
  if (opts.json) {
    printJson({
      files: summary.files,
      articles: summary.articles,
      stored: summary.counts.stored + summary.counts.near_duplicate,
      near_duplicates: summary.counts.near_duplicate,
      updated: summary.counts.updated,
      duplicates: summary.counts.duplicate + summary.counts.unchanged,
      rejected: summary.rejected,
      elapsed_ms: Math.round(summary.elapsedMs),
    });
  } else {
    for (const line of rejectionLines(summary)) process.stderr.write(`${line}\n`);
    process.stdout.write(`${summaryLine(summary)}\n`);
  }
  return summary.rejected.length > 0 ? EXIT_REJECTED : 0;
}

export async function topicsCommand(app: App, opts: { json?: boolean }): Promise<number> {
  const counts = await app.store.articles.topicCounts();
  const rows = app.config.topics.map((t) => ({
    id: t.id,
    title: t.title,
    aliases: t.aliases,
    articles: counts.get(t.id) ?? 0,
  }));
  if (opts.json) printJson(rows);
  else {
    for (const r of rows) {
      process.stdout.write(
        `${r.id.padEnd(16)} ${r.title.padEnd(16)} ${r.articles} article${r.articles === 1 ? '' : 's'}${r.aliases.length ? `   (also: ${r.aliases.join(', ')})` : ''}\n`,
      );
    }
  }
  return 0;
}

export async function articlesCommand(
  app: App,
  opts: { topic?: string; since?: string; limit?: string; json?: boolean },
): Promise<number> {
  const now = new Date();
  const window = opts.since ? parseWindow(opts.since, now) : undefined;
  const articles = await app.store.articles.list({
    ...(opts.topic ? { topicId: app.topic(opts.topic).id } : {}),
    ...(window ? { since: window.from, until: window.to } : {}),
    limit: parseLimit(opts.limit, 20),
  });
  if (opts.json) printJson(articles.map(articleJson));
  else if (articles.length === 0)
    process.stdout.write(
      'No articles match. Ingest some with `newsbrief ingest <files>`, or widen --since.\n',
    );
  else for (const a of articles) process.stdout.write(`${articleLines(a).join('\n')}\n`);
  return 0;
}

export async function searchCommand(
  app: App,
  words: string[],
  opts: { topic?: string; limit?: string; json?: boolean },
): Promise<number> {
  const text = words.join(' ');
  const hits = await app.store.articles.search({
    text,
    ...(opts.topic ? { topicId: app.topic(opts.topic).id } : {}),
    limit: parseLimit(opts.limit, 10),
  });
  if (opts.json) printJson(hits.map((h) => ({ ...articleJson(h.article), snippet: h.snippet })));
  else if (hits.length === 0)
    process.stdout.write(`Nothing found for "${text}". Try fewer or different words.\n`);
  else {
    for (const h of hits)
      process.stdout.write(`${articleLines(h.article).join('\n')}\n                  ${h.snippet}\n`);
  }
  return 0;
}

export async function retagCommand(app: App, opts: { json?: boolean }): Promise<number> {
  let articles = 0;
  let changed = 0;
  await app.store.articles.forEachPage(1000, async (page) => {
    const updates = page.map((a) => ({ articleId: a.id, tags: app.classifier.classify(a.title, a.body) }));
    page.forEach((a, i) => {
      const before = a.tags
        .map((t) => `${t.topicId}:${t.score}`)
        .sort()
        .join();
      const after = (updates[i]?.tags ?? [])
        .map((t) => `${t.topicId}:${t.score}`)
        .sort()
        .join();
      if (before !== after) changed++;
    });
    articles += page.length;
    await app.store.articles.replaceTags(updates);
  });
  if (opts.json) printJson({ articles, changed });
  else process.stdout.write(`Re-tagged ${articles} articles; ${changed} changed.\n`);
  return 0;
}

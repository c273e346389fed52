import type { Origin, RawArticle, ReadResult, Rejection } from '../types.ts';

/** Field aliases accepted in JSON input, in order of preference. */
export const FIELD_ALIASES = {
  title: ['title', 'headline', 'name'],
  body: ['body', 'text', 'content', 'description', 'summary', 'teaser', 'content_text', 'content_html'],
  url: ['url', 'link', 'href', 'permalink'],
  publishedAt: [
    'published_at',
    'date',
    'published',
    'publishedAt',
    'pubDate',
    'pub_date',
    'date_published',
    'timestamp',
    'time',
  ],
  source: ['source', 'source_name', 'outlet', 'publisher', 'feed', 'site'],
} as const;

function pick(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = record[k];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  // A nested source object such as {"name": "…"} or {"title": "…"}.
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return asText(o.name ?? o.title ?? o.value);
  }
  return undefined;
}

export function parseDate(v: unknown): Date | undefined | 'invalid' {
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    // Seconds or milliseconds since the epoch.
    const d = new Date(v < 1e11 ? v * 1000 : v);
    return Number.isNaN(d.getTime()) ? 'invalid' : d;
  }
  if (typeof v !== 'string') return 'invalid';
  const s = v.trim();
  const d = new Date(/^\d+$/.test(s) ? Number(s) * (s.length <= 10 ? 1000 : 1) : s);
  return Number.isNaN(d.getTime()) ? 'invalid' : d;
}

/** Maps one JSON object to an article, or explains why it cannot be one. */
export function recordToArticle(record: unknown, origin: Origin): RawArticle | Rejection {
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    return { ...origin, reason: 'expected an object like {"title": …, "body": …}' };
  }
  const r = record as Record<string, unknown>;
  const title = asText(pick(r, FIELD_ALIASES.title))?.trim() ?? '';
  const body = asText(pick(r, FIELD_ALIASES.body))?.trim() ?? '';
  if (!title && !body) {
    return {
      ...origin,
      reason: `empty article: no title and no body (looked for ${FIELD_ALIASES.body.join('|')})`,
    };
  }
  const published = parseDate(pick(r, FIELD_ALIASES.publishedAt));
  if (published === 'invalid') {
    return {
      ...origin,
      reason: `unreadable date ${JSON.stringify(pick(r, FIELD_ALIASES.publishedAt))}; use ISO 8601 such as 2024-08-13T09:00:00Z`,
    };
  }
  const url = asText(pick(r, FIELD_ALIASES.url))?.trim();
  return {
    title,
    body,
    url: url || undefined,
    source: asText(pick(r, FIELD_ALIASES.source))?.trim() || undefined,
    publishedAt: published,
    origin,
  };
}

function collect(records: { value: unknown; origin: Origin }[]): ReadResult {
  const articles: RawArticle[] = [];
  const rejected: Rejection[] = [];
  for (const { value, origin } of records) {
    const a = recordToArticle(value, origin);
    if ('reason' in a) rejected.push(a);
    else articles.push(a);
  }
  return { articles, rejected };
}

/** A JSON document: an array of articles, `{articles: […]}` / `{items: […]}`, or one article. */
export function parseJson(text: string, file: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      articles: [],
      rejected: [
        {
          file,
          line: lineOfJsonError(text, err as Error),
          reason: `invalid JSON: ${(err as Error).message}`,
        },
      ],
    };
  }
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && Array.isArray((doc as { articles?: unknown }).articles)
      ? (doc as { articles: unknown[] }).articles
      : doc && typeof doc === 'object' && Array.isArray((doc as { items?: unknown }).items)
        ? (doc as { items: unknown[] }).items
        : [doc];
  // Records in a JSON array have no line of their own; they are reported as "item N".
  return collect(list.map((value, i) => ({ value, origin: { file, item: i + 1 } })));
}

/** JSON Lines: one article per line; a bad line is rejected with its number, the rest are read. */
export function parseJsonLines(text: string, file: string): ReadResult {
  const records: { value: unknown; origin: Origin }[] = [];
  const rejected: Rejection[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      try {
        records.push({ value: JSON.parse(line), origin: { file, line: i + 1 } });
      } catch (err) {
        rejected.push({ file, line: i + 1, reason: `invalid JSON: ${(err as Error).message}` });
      }
    });
  const result = collect(records);
  return {
    articles: result.articles,
    rejected: [...rejected, ...result.rejected].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
}

function lineOfJsonError(text: string, err: Error): number {
  const pos = /position (\d+)/.exec(err.message);
  if (!pos?.[1]) return 1;
  return text.slice(0, Number(pos[1])).split('\n').length;
}

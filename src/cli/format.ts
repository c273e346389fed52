import type { StoredArticle } from '../store/types.ts';

/** The machine-readable shape of an article in every `--json` output. */
export function articleJson(a: StoredArticle) {
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    source: a.source,
    published_at: a.publishedAt.toISOString(),
    topics: a.tags.map((t) => ({ id: t.topicId, score: t.score })),
    ...(a.duplicateOf ? { duplicate_of: a.duplicateOf } : {}),
  };
}

export function articleLines(a: StoredArticle): string[] {
  const when = a.publishedAt.toISOString().slice(0, 16).replace('T', ' ');
  const tags = a.tags.map((t) => `${t.topicId} ${t.score.toFixed(2)}`).join(', ');
  return [
    `${when}  ${a.title}`,
    `                  ${[a.source, tags || 'no topic', a.url ?? `id ${a.id}`].join(' · ')}`,
  ];
}

export const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

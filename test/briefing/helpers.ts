import type { Briefing, BriefingItem } from '../../src/briefing/types.ts';
import type { Store } from '../../src/store/types.ts';
import { article } from '../store/contract.ts';

export const NOW = new Date('2024-08-13T12:00:00Z');
export const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

/** Stores articles given as [title, body, source, hoursAgo]. */
export async function seed(store: Store, rows: [string, string, string, number][]): Promise<void> {
  await store.articles.upsertBatch(
    rows.map(([title, body, source, h], i) =>
      article(
        { title, body, source, url: `https://${source.toLowerCase().replace(/\W+/g, '-')}.example/${i}` },
        hoursAgo(h),
      ),
    ),
  );
}

/** A briefing of `n` stories with very long titles, summaries and many sources, for limit tests. */
export function hugeBriefing(n: number): Briefing {
  const long = (word: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${word}${i}`).join(' ');
  const items: BriefingItem[] = Array.from({ length: n }, (_, i) => ({
    headline: `Story ${i}: <&> *bold* _it_ |pipe| ${long('headline', 80)}`,
    summary: [`${long('summary', 400)} & <b>.`, `${long('second', 300)}.`],
    sources: Array.from({ length: 14 }, (_, j) => ({
      title: `Source ${j}`,
      url: `https://outlet${j}.example/${i}/${'x'.repeat(120)}`,
      source: `Outlet number ${j} ${long('name', 10)}`,
      publishedAt: hoursAgo(j + 1),
    })),
    articleIds: [`a${i}`],
    firstSeen: hoursAgo(30),
    lastUpdated: hoursAgo(1),
    status: i % 2 ? 'updated' : 'new',
  }));
  return {
    topic: { id: 'iraq-us', title: 'Iraq–US' },
    window: { from: hoursAgo(24), to: NOW },
    generatedAt: NOW,
    generator: 'extractive',
    items,
    stats: { articles: n * 14, sources: 14, stories: n },
    moreStories: 0,
  };
}

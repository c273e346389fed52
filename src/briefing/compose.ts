import type { TopicDefinition } from '../config/schema.ts';
import type { Store, StoredArticle } from '../store/types.ts';
import { type Cluster, clusterArticles } from './cluster.ts';
import { createExtractiveSummarizer, type Summarizer } from './summarize.ts';
import { contentTerms, cosine } from './terms.ts';
import type { Briefing, BriefingItem, SourceRef } from './types.ts';
import type { TimeWindow } from './window.ts';

export interface BriefingRequest {
  topic: TopicDefinition;
  window: TimeWindow;
  now: Date;
  /** When the same audience last got a briefing: only stories new or updated since then are kept. */
  previousAt?: Date;
  maxItems?: number;
}

export const DEFAULT_MAX_ITEMS = 5;
/** Articles considered per briefing, most relevant and recent first: bounds the work on busy days. */
const MAX_ARTICLES = 300;
/** Clustering and summaries read titles and leads only. */
const BODY_CHARS = 3000;
/** How far before the previous briefing to look, so a story with new developments is known as "updated". */
const CONTEXT_MS = 3 * 86_400_000;
const HOUR = 3_600_000;

function topicTermsOf(topic: TopicDefinition): Set<string> {
  const terms = topic.sides.flatMap((s) => [
    ...s.names,
    ...s.places,
    ...s.people,
    ...s.institutions,
    ...s.terms,
  ]);
  return new Set(terms.flatMap((t) => contentTerms(t)));
}

const relevance = (a: StoredArticle, topicId: string) =>
  a.tags.find((t) => t.topicId === topicId)?.score ?? 0;

/** The clearest title: close to the story's centre, of a readable length, not shouting. */
function headlineOf(c: Cluster): string {
  let best = c.articles[0]?.title ?? '';
  let bestScore = Number.NEGATIVE_INFINITY;
  const originals = c.articles.filter((a) => !a.duplicateOf);
  for (const a of originals.length ? originals : c.articles) {
    const len = a.title.length;
    const lengthFit = len < 30 ? -0.3 : len > 120 ? -0.3 : 0;
    const shouting = a.title === a.title.toUpperCase() ? -0.5 : 0;
    const question = a.title.endsWith('?') ? -0.1 : 0;
    const score = cosine(c.vectors.get(a.id) ?? new Map(), c.centroid) + lengthFit + shouting + question;
    if (score > bestScore) {
      bestScore = score;
      best = a.title;
    }
  }
  return best;
}

/** One source per outlet: its first article on the story. */
function sourcesOf(c: Cluster): SourceRef[] {
  const byOutlet = new Map<string, SourceRef>();
  for (const a of [...c.articles].sort((x, y) => x.publishedAt.getTime() - y.publishedAt.getTime())) {
    if (!byOutlet.has(a.source)) {
      byOutlet.set(a.source, {
        title: a.title,
        source: a.source,
        publishedAt: a.publishedAt,
        ...(a.url ? { url: a.url } : {}),
      });
    }
  }
  return [...byOutlet.values()];
}

/** Builds the briefing for a topic and window: select, cluster, rank, summarize, compose. */
export async function buildBriefing(
  store: Store,
  req: BriefingRequest,
  summarizer: Summarizer = createExtractiveSummarizer(),
): Promise<Briefing> {
  const { topic, window, now, previousAt } = req;
  const from = previousAt
    ? new Date(Math.min(window.from.getTime(), previousAt.getTime() - CONTEXT_MS))
    : window.from;
  const fetched = await store.articles.list({
    topicId: topic.id,
    since: from,
    until: window.to,
    includeDuplicates: true,
    limit: MAX_ARTICLES * 2,
    bodyMaxChars: BODY_CHARS,
  });
  const recency = (a: StoredArticle) => Math.exp(-(now.getTime() - a.publishedAt.getTime()) / (48 * HOUR));
  const articles = fetched
    .map((a) => ({ a, weight: relevance(a, topic.id) * (0.5 + recency(a)) }))
    .sort((x, y) => y.weight - x.weight)
    .slice(0, MAX_ARTICLES)
    .map((x) => x.a);

  const inWindow = (a: StoredArticle) => a.publishedAt >= window.from && a.publishedAt < window.to;
  const isFresh = (a: StoredArticle) => inWindow(a) && (!previousAt || a.publishedAt > previousAt);
  const topicTerms = topicTermsOf(topic);
  const stories = clusterArticles(articles, topicTerms).filter((c) => c.articles.some(isFresh));

  const ranked = stories
    .map((c) => {
      const independent = new Set(c.articles.filter((a) => !a.duplicateOf).map((a) => a.source)).size;
      const latest = Math.max(...c.articles.map((a) => a.publishedAt.getTime()));
      const meanRelevance = c.articles.reduce((n, a) => n + relevance(a, topic.id), 0) / c.articles.length;
      const score =
        Math.log2(1 + independent) + Math.exp(-(now.getTime() - latest) / (36 * HOUR)) + 0.5 * meanRelevance;
      return { c, score };
    })
    .sort((x, y) => y.score - x.score);
  const kept = ranked.slice(0, req.maxItems ?? DEFAULT_MAX_ITEMS).map((r) => r.c);
  const { summaries, generator } = await summarizer.summarize(kept, { topicTerms });

  const items: BriefingItem[] = kept.map((c, i) => {
    const times = c.articles.map((a) => a.publishedAt.getTime());
    const firstSeen = new Date(Math.min(...times));
    return {
      headline: headlineOf(c),
      summary: summaries[i] ?? [],
      sources: sourcesOf(c),
      articleIds: c.articles.map((a) => a.id),
      firstSeen,
      lastUpdated: new Date(Math.max(...times)),
      status: previousAt && firstSeen <= previousAt ? 'updated' : 'new',
    };
  });
  const windowArticles = stories.flatMap((c) => c.articles.filter(inWindow));
  return {
    topic: { id: topic.id, title: topic.title },
    window: { from: window.from, to: window.to },
    generatedAt: now,
    generator,
    items,
    stats: {
      articles: windowArticles.length,
      sources: new Set(windowArticles.map((a) => a.source)).size,
      stories: stories.length,
    },
    moreStories: Math.max(0, stories.length - items.length),
    ...(previousAt ? { since: previousAt } : {}),
  };
}

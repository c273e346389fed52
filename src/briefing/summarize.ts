import type { StoredArticle } from '../store/types.ts';
import type { Cluster } from './cluster.ts';
import { splitSentences } from './sentences.ts';
import { addTerms, contentTerms, cosine, idfOf, type Vector, weigh } from './terms.ts';

export type Generator = 'extractive' | `llm:${string}`;

/** Writes one or two sentences per story. The extractive one is the default; an LLM one may replace it. */
export interface Summarizer {
  /** What this summarizer writes with when all goes well. */
  readonly generator: Generator;
  /** The summaries, and what actually wrote them (an LLM summarizer may fall back to extractive). */
  summarize(
    stories: Cluster[],
    ctx: { topicTerms: Set<string> },
  ): Promise<{ summaries: string[][]; generator: Generator }>;
}

export interface ScoredSentence {
  text: string;
  vector: Vector;
  score: number;
  /** Order of appearance: article rank, then position. */
  order: number;
}

const MAX_CHARS_READ = 3000;
const SENTENCES_PER_ARTICLE = 8;
const ARTICLES_READ = 4;
const REDUNDANT = 0.5;

/** Sentences a reader would accept on their own: complete, not a fragment, not a caption or a credit. */
function acceptable(s: string, words: number): boolean {
  if (words < 6 || words > 60) return false;
  if (!/[.!?]["'”’)]?$/.test(s)) return false;
  if (/^[a-z]/.test(s)) return false;
  if (/^\(|^(photo|image|video|file|read more|click|subscribe|advertisement)\b/i.test(s)) return false;
  return true;
}

/**
 * Scores sentences by how central they are to the story (cosine with its centroid), where they stand
 * (early sentences of a news article say what happened), and whether they name the topic.
 */
export function scoreSentences(
  sentences: { text: string; position: number; articleRank: number }[],
  centroid: Vector,
  topicTerms: Set<string>,
  idf: (t: string) => number,
): ScoredSentence[] {
  const out: ScoredSentence[] = [];
  for (const s of sentences) {
    const terms = contentTerms(s.text);
    const words = s.text.split(/\s+/).length;
    if (!acceptable(s.text, words)) continue;
    const vector = weigh(addTerms(new Map(), terms, 1), idf);
    const centrality = cosine(vector, centroid);
    const position = 1 / (1 + s.position);
    const topical = terms.some((t) => topicTerms.has(t)) ? 1 : 0;
    const rankPenalty = 1 / (1 + 0.15 * s.articleRank);
    const score = (0.3 * centrality + 0.55 * position + 0.15 * topical) * rankPenalty;
    out.push({ text: s.text, vector, score, order: s.articleRank * 100 + s.position });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Picks up to `max` sentences, best first, skipping any that repeat what is already chosen. */
export function pickSentences(
  scored: ScoredSentence[],
  opts: { max: number; maxChars: number; avoid: Vector[] },
): ScoredSentence[] {
  const chosen: ScoredSentence[] = [];
  let chars = 0;
  const best = scored[0]?.score ?? 0;
  for (const s of scored) {
    if (chosen.length >= opts.max) break;
    if (chosen.length > 0 && (s.score < 0.5 * best || chars + s.text.length > opts.maxChars)) continue;
    if ([...opts.avoid, ...chosen.map((c) => c.vector)].some((v) => cosine(v, s.vector) > REDUNDANT))
      continue;
    chosen.push(s);
    chars += s.text.length;
  }
  return chosen.sort((a, b) => a.order - b.order);
}

/** The lead paragraphs of an article, cut at a paragraph boundary so no sentence is cut. */
function leadText(a: StoredArticle): string {
  if (a.body.length <= MAX_CHARS_READ) return a.body;
  const cut = a.body.lastIndexOf('\n\n', MAX_CHARS_READ);
  return cut > 0
    ? a.body.slice(0, cut)
    : a.body.slice(0, a.body.indexOf('. ', MAX_CHARS_READ) + 1 || undefined);
}

/** The default summarizer: one or two sentences chosen from the story's own articles, offline. */
export function createExtractiveSummarizer(
  opts: { maxSentences?: number; maxChars?: number } = {},
): Summarizer {
  const max = opts.maxSentences ?? 2;
  const maxChars = opts.maxChars ?? 420;
  return {
    generator: 'extractive',
    async summarize(stories, ctx) {
      const chosenSoFar: Vector[] = [];
      const perStory = stories.map((c) => {
        // Originals closest to the story's centre first; copies add nothing new.
        const readers = c.articles
          .filter((a) => !a.duplicateOf)
          .sort(
            (x, y) =>
              cosine(c.vectors.get(y.id) ?? new Map(), c.centroid) -
              cosine(c.vectors.get(x.id) ?? new Map(), c.centroid),
          )
          .slice(0, ARTICLES_READ);
        return (readers.length ? readers : c.articles.slice(0, 1)).flatMap((a, articleRank) =>
          splitSentences(leadText(a))
            .slice(0, SENTENCES_PER_ARTICLE)
            .map((text, position) => ({ text, position, articleRank })),
        );
      });
      const idf = idfOf(perStory.flat().map((s) => contentTerms(s.text)));
      const summaries = stories.map((c, i) => {
        const scored = scoreSentences(perStory[i] ?? [], c.centroid, ctx.topicTerms, idf);
        const picked = pickSentences(scored, { max, maxChars, avoid: chosenSoFar });
        chosenSoFar.push(...picked.map((p) => p.vector));
        return picked.map((p) => p.text);
      });
      return { summaries, generator: 'extractive' };
    },
  };
}

import type { StoredArticle } from '../store/types.ts';
import { addTerms, contentTerms, idfOf, type Vector, weigh } from './terms.ts';

export interface Cluster {
  articles: StoredArticle[];
  /** Unit-length centroid of the members' vectors. */
  centroid: Vector;
  vectors: Map<string, Vector>;
}

/** How similar (cosine of title-and-lead vectors) an article must be to a story to join it. */
export const JOIN_THRESHOLD = 0.2;
/** Words naming the topic itself ("Iraq", "Ankara") say little about which story an article tells. */
const TOPIC_TERM_WEIGHT = 0.25;
const BACKGROUND_DOCS = 10;
const TITLE_WEIGHT = 3;
const LEAD_WORDS = 80;

/** Title and lead: what a story is about, without the background paragraphs every story shares. */
function storyTerms(a: StoredArticle): { title: string[]; lead: string[] } {
  return { title: contentTerms(a.title), lead: contentTerms(a.body).slice(0, LEAD_WORDS) };
}

/** A story's members summed, with the sum's squared norm kept up to date as members join. */
class RunningCentroid {
  readonly sum: Vector = new Map();
  private norm2 = 0;

  add(v: Vector): void {
    for (const [t, w] of v) {
      const old = this.sum.get(t) ?? 0;
      const next = old + w;
      this.sum.set(t, next);
      this.norm2 += next * next - old * old;
    }
  }

  get norm(): number {
    return Math.sqrt(this.norm2) || 1;
  }

  unit(): Vector {
    return weigh(new Map(this.sum), () => 1);
  }
}

/**
 * Groups articles about the same story: near-duplicate copies join their original, then each article
 * (oldest first) joins the most similar story if it is similar enough, or starts a new one. Similarity
 * is the cosine of TF-IDF vectors over title (weighted) and lead, with IDF from the articles at hand,
 * so the words every article of a topic shares ("Iraq", "Baghdad") count for little.
 */
export function clusterArticles(articles: StoredArticle[], topicTerms: Set<string> = new Set()): Cluster[] {
  const terms = new Map(articles.map((a) => [a.id, storyTerms(a)]));
  const docIdf = idfOf(
    [...terms.values()].map((t) => [...t.title, ...t.lead]),
    BACKGROUND_DOCS,
  );
  const idf = (t: string) => docIdf(t) * (topicTerms.has(t) ? TOPIC_TERM_WEIGHT : 1);
  const vectors = new Map<string, Vector>();
  for (const a of articles) {
    const t = terms.get(a.id) ?? { title: [], lead: [] };
    vectors.set(a.id, weigh(addTerms(addTerms(new Map(), t.title, TITLE_WEIGHT), t.lead, 1), idf));
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  const ordered = [...articles].sort((x, y) => x.publishedAt.getTime() - y.publishedAt.getTime());
  const clusters: { members: StoredArticle[]; centroid: RunningCentroid }[] = [];
  const clusterOf = new Map<string, number>();
  // Which stories contain each term: an article is compared only with stories it shares a word with.
  const postings = new Map<string, number[]>();

  for (const a of ordered) {
    const v = vectors.get(a.id) ?? new Map();
    // A linked re-post belongs with its original whatever its wording.
    const originalCluster =
      a.duplicateOf && byId.has(a.duplicateOf) ? clusterOf.get(a.duplicateOf) : undefined;
    let best = originalCluster ?? -1;
    if (best === -1) {
      const dots = new Map<number, number>();
      for (const [t, w] of v) {
        for (const i of postings.get(t) ?? []) {
          dots.set(i, (dots.get(i) ?? 0) + w * (clusters[i]?.centroid.sum.get(t) ?? 0));
        }
      }
      let bestSim = JOIN_THRESHOLD;
      for (const [i, dot] of dots) {
        const sim = dot / (clusters[i]?.centroid.norm ?? 1);
        if (sim >= bestSim) {
          bestSim = sim;
          best = i;
        }
      }
    }
    let target = clusters[best];
    if (!target) {
      best = clusters.length;
      target = { members: [], centroid: new RunningCentroid() };
      clusters.push(target);
    }
    for (const t of v.keys()) {
      if (!target.centroid.sum.has(t)) {
        const list = postings.get(t);
        if (list) list.push(best);
        else postings.set(t, [best]);
      }
    }
    target.members.push(a);
    target.centroid.add(v);
    clusterOf.set(a.id, best);
  }
  return clusters.map((c) => ({
    articles: c.members,
    centroid: c.centroid.unit(),
    vectors: new Map(c.members.map((m) => [m.id, vectors.get(m.id) ?? new Map()])),
  }));
}

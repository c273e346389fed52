import { fold } from '../text/normalize.ts';

/** Words that say nothing about what a story is about. */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself his
  how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there these they this those through to too
  under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves
  said says say told tell according added also new one two three year years day days week weeks monday tuesday wednesday thursday
  friday saturday sunday last first next since still would could may might must shall per amid including including via yet
  mr mrs ms dr its it's time made make makes take takes took set sets many much well back even like get got`.split(
    /\s+/,
  ),
);

/** Light stemming: plural and possessive endings, so "talks" meets "talk" and "Iraq's" meets "Iraq". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us'))
    return word.slice(0, -1);
  return word;
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/** Content terms of a text, in order: folded, lowercased, stemmed, without stopwords. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(TOKEN_RE)) {
    const w = m[0].toLowerCase();
    if (w.length < 3 && !/^\d+$/.test(w)) continue;
    if (STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

export type Vector = Map<string, number>;

export function addTerms(into: Vector, terms: string[], weight: number): Vector {
  for (const t of terms) into.set(t, (into.get(t) ?? 0) + weight);
  return into;
}

/** Multiplies each weight by its inverse document frequency and scales to unit length. */
export function weigh(v: Vector, idf: (term: string) => number): Vector {
  let norm = 0;
  for (const [t, w] of v) {
    const x = w * idf(t);
    v.set(t, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const other = large.get(t);
    if (other !== undefined) dot += w * other;
  }
  return dot;
}

/**
 * Inverse document frequencies over a set of documents' term sets. `background` pseudo-documents that
 * contain none of the terms keep a small set dominated by one story from discounting that story's words.
 */
export function idfOf(docs: Iterable<Iterable<string>>, background = 0): (term: string) => number {
  const df = new Map<string, number>();
  let n = background;
  for (const terms of docs) {
    n++;
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return (t) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
}

/**
 * Summary quality against human references: ROUGE-1/2/L F1 of the extractive summarizer and of the
 * Lead-3 baseline, both choosing 3 sentences from the same sentence split.
 *   npm run eval:summaries -- --corpus ../shared/corpus [--limit N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type RougeScores, rouge } from '../src/briefing/rouge.ts';
import { splitSentences } from '../src/briefing/sentences.ts';
import { pickSentences, scoreSentences } from '../src/briefing/summarize.ts';
import { addTerms, contentTerms, idfOf, weigh } from '../src/briefing/terms.ts';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, limit: { type: 'string' } } });
if (!values.corpus) {
  process.stderr.write('usage: npm run eval:summaries -- --corpus ../shared/corpus [--limit N]\n');
  process.exit(2);
}
const limit = values.limit ? Number(values.limit) : Number.POSITIVE_INFINITY;
const SENTENCES = 3;

interface Doc {
  sentences: string[];
  reference: string;
}

function loadJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function cnndm(dir: string): Doc[] {
  const path = join(dir, 'frank_cnndm_xsum/frank_articles_with_references.jsonl');
  return loadJsonl<{ dataset: string; article_lines: string[]; reference: string }>(path)
    .filter((r) => r.dataset === 'cnndm')
    .map((r) => ({ sentences: r.article_lines, reference: r.reference }));
}

function bbc(dir: string): Doc[] {
  const path = join(dir, 'bbc_news_2004_2005/bbc_news_summary.jsonl');
  return loadJsonl<{ article: string; reference_summary: string }>(path).map((r) => ({
    // The first paragraph of each BBC article is its title.
    sentences: splitSentences(r.article.split('\n\n').slice(1).join('\n\n')),
    reference: r.reference_summary.replace(/([.!?])(?=[A-Z])/g, '$1 '),
  }));
}

function mean(scores: RougeScores[]): RougeScores {
  const n = scores.length || 1;
  return {
    rouge1: scores.reduce((s, x) => s + x.rouge1, 0) / n,
    rouge2: scores.reduce((s, x) => s + x.rouge2, 0) / n,
    rougeL: scores.reduce((s, x) => s + x.rougeL, 0) / n,
  };
}

function evaluate(name: string, docs: Doc[]): void {
  const sample = docs.slice(0, limit).filter((d) => d.sentences.length > 0);
  // Document frequencies over the evaluation set stand in for the background a briefing has.
  const idf = idfOf(sample.map((d) => contentTerms(d.sentences.join(' '))));
  const ours: RougeScores[] = [];
  const lead: RougeScores[] = [];
  let oursWords = 0;
  let leadWords = 0;
  for (const d of sample) {
    const centroid = weigh(addTerms(new Map(), contentTerms(d.sentences.join(' ')), 1), idf);
    const scored = scoreSentences(
      d.sentences.map((text, position) => ({ text, position, articleRank: 0 })),
      centroid,
      new Set(),
      idf,
    );
    const picked = pickSentences(scored, { max: SENTENCES, maxChars: Number.POSITIVE_INFINITY, avoid: [] });
    // Too few acceptable sentences: fill from the lead, as the briefing would show the lead.
    const chosen = picked.map((p) => p.text);
    for (const s of d.sentences) if (chosen.length < SENTENCES && !chosen.includes(s)) chosen.push(s);
    const summary = chosen.join(' ');
    const lead3 = d.sentences.slice(0, SENTENCES).join(' ');
    ours.push(rouge(summary, d.reference));
    lead.push(rouge(lead3, d.reference));
    oursWords += summary.split(/\s+/).length;
    leadWords += lead3.split(/\s+/).length;
  }
  const fmt = (s: RougeScores) =>
    [s.rouge1, s.rouge2, s.rougeL].map((x) => (100 * x).toFixed(2).padStart(6)).join(' ');
  process.stdout.write(`\n${name}: ${sample.length} articles, ${SENTENCES} sentences each\n`);
  process.stdout.write(`                    R-1    R-2    R-L   words/summary\n`);
  process.stdout.write(`  newsbrief      ${fmt(mean(ours))}   ${(oursWords / sample.length).toFixed(1)}\n`);
  process.stdout.write(`  Lead-3         ${fmt(mean(lead))}   ${(leadWords / sample.length).toFixed(1)}\n`);
}

const corpus = values.corpus;
for (const [name, load, file] of [
  ['CNN/DailyMail (FRANK sample)', cnndm, 'frank_cnndm_xsum/frank_articles_with_references.jsonl'],
  ['BBC News Summary', bbc, 'bbc_news_2004_2005/bbc_news_summary.jsonl'],
] as const) {
  if (!existsSync(join(corpus, file))) {
    process.stdout.write(`\n${name}: ${join(corpus, file)} not found, skipped\n`);
    continue;
  }
  evaluate(name, load(corpus));
}

import { fold } from '../../text/normalize.ts';

/**
 * Checks that a model's summary says nothing its sources do not: every number, every capitalised name
 * (people, places, organisations, days) and every quotation must be found in the source text.
 */
export function checkGrounding(
  summary: string,
  sources: string,
): { ok: true } | { ok: false; problems: string[] } {
  const haystack = fold(sources).toLowerCase().replace(/\s+/g, ' ');
  const sourceWords = ` ${wordsOf(sources)} `;
  const sourceNumbers = new Set(numbersIn(sources));
  const problems: string[] = [];

  for (const n of numbersIn(summary))
    if (!sourceNumbers.has(n)) problems.push(`number ${n} is not in the sources`);

  // Quotations are compared word by word: "borders," in a source and "borders." in a summary agree.
  for (const quote of summary.matchAll(/["“]([^"”]{3,})["”]/g)) {
    if (!sourceWords.includes(` ${wordsOf(quote[1] ?? '')} `))
      problems.push(`quotation "${quote[1]}" is not in the sources`);
  }

  // Capitalised words: names of people, places, organisations. A sentence's first word is checked only
  // if it is not an ordinary word ("The", "Officials").
  for (const sentence of summary.split(/(?<=[.!?])\s+/)) {
    const words = sentence.match(/[\p{L}][\p{L}\p{M}'’-]*/gu) ?? [];
    words.forEach((word, i) => {
      if (!/^\p{Lu}/u.test(word) || word.length < 2) return;
      const w = fold(word)
        .toLowerCase()
        .replace(/['’]s$/, '');
      // A sentence's first word is capitalised anyway: an ordinary word ("Flows" where a source has
      // "flowing") passes; a name there ("Biden said") is still checked.
      if (
        i === 0 &&
        (ORDINARY.has(w) ||
          new RegExp(`(^|[^a-z0-9])${escapeRegex(w.slice(0, Math.max(4, w.length - 2)))}`).test(haystack))
      )
        return;
      if (!new RegExp(`(^|[^a-z0-9])${escapeRegex(w)}`).test(haystack))
        problems.push(`name "${word}" is not in the sources`);
    });
  }
  return problems.length ? { ok: false, problems: [...new Set(problems)] } : { ok: true };
}

const ORDINARY = new Set(
  'the a an in on at after before as both but by during for from he she it its they this that these those their his her officials meanwhile separately while with when where who what which also and or'.split(
    ' ',
  ),
);

const wordsOf = (text: string) =>
  (
    fold(text)
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  ).join(' ');

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Numbers as values: "185,000" and "185000" are one; "2.5" stays a decimal. */
export function numbersIn(text: string): string[] {
  return (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) =>
    n.replace(/,(?=\d{3}\b)/g, '').replace(/,$/, ''),
  );
}

/** Pure text helpers shared by ingest and briefing. No dependencies, no I/O. */

const COMBINING_MARKS = /\p{M}+/gu;
const SPECIAL_FOLDS: Record<string, string> = {
  ı: 'i',
  İ: 'I',
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
};
const SPECIAL_FOLD_RE = /[ıİßøØđĐłŁ]/g;
const QUOTES_RE = /[\u2018\u2019\u201A\u201B\u2032`´]/g;
const DQUOTES_RE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const DASHES_RE = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;
const NON_ASCII_RE = /[\u0080-\uffff]/;

/**
 * Removes diacritics and unifies quotes and dashes while keeping letter case, so that
 * "Türkiye’s" and "Turkiye's" compare equal and acronyms can still be told apart from words.
 */
export function fold(text: string): string {
  // Most text is plain ASCII: nothing to fold.
  if (!NON_ASCII_RE.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(SPECIAL_FOLD_RE, (c) => SPECIAL_FOLDS[c] ?? c)
    .replace(QUOTES_RE, "'")
    .replace(DQUOTES_RE, '"')
    .replace(DASHES_RE, '-');
}

/** Lowercased, folded, punctuation-free words: the basis of hashes and similarity. */
export function words(text: string): string[] {
  const folded = fold(text).toLowerCase();
  return (NON_ASCII_RE.test(folded) ? folded.match(WORD_RE) : folded.match(ASCII_WORD_RE)) ?? [];
}
const WORD_RE = /[\p{L}\p{N}]+/gu;
const ASCII_WORD_RE = /[a-z0-9]+/g;

/** Collapses runs of spaces and tabs, trims, and removes invisible characters. */
export function tidyLine(line: string): string {
  const plain = NON_ASCII_RE.test(line)
    ? line.replace(/[\u00A0\u2007\u202F]/g, ' ').replace(/[\u200B-\u200D\uFEFF]/g, '')
    : line;
  return (SPACE_RUN_RE.test(plain) ? plain.replace(SPACE_RUN_RE_G, ' ') : plain).trim();
}
const SPACE_RUN_RE = /[\t\f\v]| {2}/;
const SPACE_RUN_RE_G = /[ \t\f\v]+/g;

/** Body text: tidy each line, keep paragraphs (one blank line between), drop empty runs. */
export function tidyParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map(tidyLine).filter(Boolean).join(' '))
    .filter(Boolean)
    .join('\n\n');
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  deg: '°',
  eacute: 'é',
  uuml: 'ü',
  ouml: 'ö',
  ccedil: 'ç',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, code: string) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X'
          ? Number.parseInt(code.slice(2), 16)
          : Number.parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[code.toLowerCase()] ?? m;
  });
}

const BLOCK_TAGS =
  /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|tr|table|figure|figcaption|header|footer)\b[^>]*>/gi;

/** HTML fragment to plain paragraphs: scripts, styles and comments dropped, entities decoded. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidyParagraphs(html);
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|iframe|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(script|style|noscript|iframe|template)\b[\s\S]*$/gi, ' ')
    .replace(BLOCK_TAGS, '\n\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/<[^>]*$/, ' ');
  return tidyParagraphs(decodeEntities(text));
}

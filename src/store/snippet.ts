import type { ParsedQuery } from './fts-query.ts';

const RADIUS = 90;

/** A short passage around the first searched word in the text, cut at word boundaries. */
export function snippetFor(text: string, query: ParsedQuery): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  let at = -1;
  for (const group of query.required) {
    for (const term of group) {
      const word = term.replace(/"|\*$/g, '').split(' ')[0] ?? '';
      const i = word ? lower.indexOf(word) : -1;
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
  }
  if (at < 0) at = 0;
  let start = Math.max(0, at - RADIUS);
  let end = Math.min(flat.length, at + RADIUS);
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > at ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

import { tidyLine } from '../../text/normalize.ts';
import type { RawArticle, ReadResult } from '../types.ts';

/**
 * Reads the raw scraped format: articles separated by two or more blank lines; each starts with its
 * title, then image captions (often twice), a stray marker such as `TT`, the title and captions again,
 * and finally the body paragraphs. Only the title (once) and the body are kept.
 */
export function parseRawText(text: string, file: string): ReadResult {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(tidyLine);
  const articles: RawArticle[] = [];
  const rejected: ReadResult['rejected'] = [];
  for (const block of splitBlocks(lines)) {
    const article = parseArticle(block.lines, block.start, file);
    if ('reason' in article) rejected.push(article);
    else articles.push(article);
  }
  return { articles, rejected };
}

/** Groups lines into articles: a run of two or more blank lines ends an article. */
function splitBlocks(lines: string[]): { lines: string[]; start: number }[] {
  const blocks: { lines: string[]; start: number }[] = [];
  let current: string[] = [];
  let start = 0;
  let blanks = 0;
  lines.forEach((line, i) => {
    if (line === '') {
      blanks++;
      return;
    }
    if (blanks >= 2 && current.length > 0) {
      blocks.push({ lines: current, start });
      current = [];
    }
    if (current.length === 0) start = i;
    else if (blanks > 0) current.push('');
    current.push(line);
    blanks = 0;
  });
  if (current.length > 0) blocks.push({ lines: current, start });
  return blocks;
}

/** Short all-capital lines such as `TT` are layout leftovers, not text. */
const isMarker = (line: string) => /^[A-Z]{1,3}$/.test(line);
const norm = (line: string) => line.toLowerCase().replace(/\s+/g, ' ').trim();
/** How far into an article the title block (captions, marker, repeated title) may reach. */
const HEADER_WINDOW = 40;

function parseArticle(
  lines: string[],
  start: number,
  file: string,
): RawArticle | { file: string; line: number; reason: string } {
  const title = lines[0] ?? '';
  const line = start + 1;
  if (isMarker(title) || title.length < 3) {
    return { file, line, reason: `no title: the article starts with "${title}" (expected a headline line)` };
  }
  const titleKey = norm(title);
  // The header ends at the last repeated title or marker line near the top.
  let anchor = 0;
  for (let i = 1; i < Math.min(lines.length, HEADER_WINDOW); i++) {
    const l = lines[i] ?? '';
    if (norm(l) === titleKey || isMarker(l)) anchor = i;
  }
  const headerLines = new Set<string>();
  for (let i = 1; i <= anchor; i++) {
    const l = lines[i] ?? '';
    if (l) headerLines.add(norm(l));
  }
  // Captions that are repeated (twice in a row) before the body are captions even without a marker.
  let bodyStart = anchor + 1;
  while (bodyStart < lines.length) {
    const l = lines[bodyStart] ?? '';
    const next = lines[bodyStart + 1] ?? '';
    if (l === '' || headerLines.has(norm(l)) || isMarker(l) || norm(l) === titleKey) bodyStart++;
    else if (anchor === 0 && norm(next) === norm(l)) {
      headerLines.add(norm(l));
      bodyStart += 2;
    } else break;
  }
  const paragraphs: string[] = [];
  let current: string[] = [];
  let previous = '';
  for (const l of lines.slice(bodyStart)) {
    if (l === '') {
      if (current.length) paragraphs.push(current.join(' '));
      current = [];
      continue;
    }
    // Drop stray markers and lines that merely repeat the line before (doubled captions).
    if (isMarker(l) || norm(l) === norm(previous) || norm(l) === titleKey) continue;
    current.push(l);
    previous = l;
  }
  if (current.length) paragraphs.push(current.join(' '));
  const body = paragraphs.join('\n\n');
  if (body.length === 0) {
    return { file, line, reason: `empty article "${title.slice(0, 60)}": it has a title but no body text` };
  }
  return { title, body, origin: { file, line } };
}

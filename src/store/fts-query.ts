/**
 * Turns anything a user types into a safe full-text query. Supported: words (all must match),
 * "quoted phrases", -excluded words, prefix* and OR between terms. Everything else is treated as
 * plain text, so no input can produce a query syntax error.
 */
export interface ParsedQuery {
  /** Groups of alternatives: every group must match; any alternative within a group may. */
  required: string[][];
  excluded: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

export function parseSearchText(text: string): ParsedQuery {
  const required: string[][] = [];
  const excluded: string[] = [];
  let pendingOr = false;
  // A quote opens a phrase only when it has a closing partner; a lone quote is ignored.
  const tokenRe = /(-?)"([^"]*)"|(\S+)/g;
  for (const m of text.matchAll(tokenRe)) {
    const negate = m[1] === '-';
    const raw = m[2] ?? m[3] ?? '';
    if (m[3] !== undefined && raw === 'OR') {
      pendingOr = required.length > 0;
      continue;
    }
    const isPhrase = m[2] !== undefined;
    const bareNegate = !isPhrase && raw.startsWith('-');
    const prefix = !isPhrase && /[\p{L}\p{N}]\*+[)"']*$/u.test(raw);
    const parts = raw.toLowerCase().match(WORD) ?? [];
    if (parts.length === 0) continue;
    const term = `"${parts.join(' ')}"${prefix ? '*' : ''}`;
    if (negate || bareNegate) {
      excluded.push(term);
      pendingOr = false;
      continue;
    }
    const last = required.at(-1);
    if (pendingOr && last) last.push(term);
    else required.push([term]);
    pendingOr = false;
  }
  return { required, excluded };
}

/** The FTS5 MATCH expression, or null when the text holds nothing to search for. */
export function toFtsQuery(text: string): string | null {
  const { required, excluded } = parseSearchText(text);
  if (required.length === 0) return null;
  const positive = required
    .map((alts) => (alts.length > 1 ? `(${alts.join(' OR ')})` : alts[0]))
    .join(' AND ');
  return excluded.length > 0 ? `(${positive}) NOT ${excluded.map((e) => `${e}`).join(' NOT ')}` : positive;
}

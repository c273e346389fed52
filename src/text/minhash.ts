import { createHash } from 'node:crypto';
import { words } from './normalize.ts';

/**
 * Near-duplicate detection by MinHash over word shingles, with locality-sensitive banding so the
 * store only compares an article against the few that share a band. 32 hashes in 8 bands of 4:
 * pairs with Jaccard similarity 0.8 become candidates ~96% of the time, pairs at 0.3 about 5%.
 */
export const SIGNATURE_SIZE = 32;
export const BAND_ROWS = 4;
const SHINGLE = 3;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => fmix32((i + 1) * 0x9e3779b9));

/** Stable hash of the normalized words of title and body: identical text, identical hash. */
export function contentHash(titleWords: string[], bodyWords: string[]): string {
  return createHash('sha256')
    .update(`${titleWords.join(' ')}\n${bodyWords.join(' ')}`)
    .digest('hex')
    .slice(0, 32);
}

/** Hash and signature of an article's text, from its words computed once. */
export function fingerprint(title: string, body: string): { hash: string; signature: Uint32Array } {
  const titleWords = words(title);
  const bodyWords = words(body);
  return {
    hash: contentHash(titleWords, bodyWords),
    signature: minhashSignature(titleWords.concat(bodyWords)),
  };
}

export function minhashSignature(tokens: string[]): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  if (tokens.length === 0) return sig;
  const wordHashes = tokens.map(fnv1a);
  const n = wordHashes.length < SHINGLE ? 1 : SHINGLE;
  for (let i = 0; i + n <= wordHashes.length; i++) {
    let h = 0;
    for (let j = 0; j < n; j++) h = fmix32(h ^ Math.imul((wordHashes[i + j] ?? 0) + j, 0x27d4eb2d));
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = fmix32(h ^ (SEEDS[k] ?? 0));
      if (v < (sig[k] ?? 0)) sig[k] = v;
    }
  }
  return sig;
}

/** One key per band; two signatures that agree on a whole band share its key. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b * BAND_ROWS < sig.length; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < BAND_ROWS; r++) h = fmix32(h ^ (sig[b * BAND_ROWS + r] ?? 0));
    keys.push(h);
  }
  return keys;
}

export function articleId(url: string | undefined, hash: string): string {
  return url ? createHash('sha256').update(url).digest('hex').slice(0, 20) : hash.slice(0, 20);
}

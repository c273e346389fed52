import type Database from 'better-sqlite3';
import { NEAR_DUPLICATE_THRESHOLD, signatureSimilarity } from '../types.ts';

interface Entry {
  id: string;
  signature: Uint32Array;
  duplicateOf: string | null;
}

export function fromSignatureBlob(blob: Buffer): Uint32Array {
  // Copy: the blob's offset may not be 4-byte aligned.
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Uint32Array(copy.buffer, 0, Math.floor(blob.byteLength / 4));
}

/**
 * Near-duplicate candidates by locality-sensitive banding, kept in memory and rebuilt from the
 * signatures stored with each article. `catchUp` reads rows written since the last look (by this or
 * another process), so it must run inside the write transaction, before candidates are asked for.
 */
export class LshIndex {
  private buckets = new Map<number, number[]>();
  private entries = new Map<number, Entry>();
  private lastRowid = 0;
  private readonly since: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly bandKeysOf: (sig: Uint32Array) => number[],
  ) {
    this.since = db.prepare(
      'SELECT rowid, id, signature, duplicate_of FROM articles WHERE rowid > ? ORDER BY rowid',
    );
  }

  catchUp(): void {
    for (const row of this.since.iterate(this.lastRowid) as Iterable<{
      rowid: number;
      id: string;
      signature: Buffer;
      duplicate_of: string | null;
    }>) {
      this.add(row.rowid, {
        id: row.id,
        signature: fromSignatureBlob(row.signature),
        duplicateOf: row.duplicate_of,
      });
    }
  }

  add(rowid: number, entry: Entry): void {
    this.entries.set(rowid, entry);
    for (const key of this.bandKeysOf(entry.signature)) {
      const bucket = this.buckets.get(key);
      if (bucket) {
        if (bucket.at(-1) !== rowid) bucket.push(rowid);
      } else this.buckets.set(key, [rowid]);
    }
    if (rowid > this.lastRowid) this.lastRowid = rowid;
  }

  /** The original that this signature nearly duplicates, or null. */
  findOriginal(signature: Uint32Array, keys: number[]): string | null {
    let best: { id: string; sim: number } | null = null;
    const seen = new Set<number>();
    for (const key of keys) {
      for (const rowid of this.buckets.get(key) ?? []) {
        if (seen.has(rowid)) continue;
        seen.add(rowid);
        const entry = this.entries.get(rowid);
        if (!entry) continue;
        const sim = signatureSimilarity(signature, entry.signature);
        if (sim >= NEAR_DUPLICATE_THRESHOLD && (!best || sim > best.sim))
          best = { id: entry.duplicateOf ?? entry.id, sim };
      }
    }
    return best?.id ?? null;
  }

  /** Forgets everything, e.g. after a rolled-back transaction; the next catchUp rebuilds it. */
  reset(): void {
    this.buckets.clear();
    this.entries.clear();
    this.lastRowid = 0;
  }
}

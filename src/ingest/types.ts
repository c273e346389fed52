/** An article as read from a source, before cleaning, hashing and tagging. */
export interface RawArticle {
  title: string;
  body: string;
  url?: string | undefined;
  source?: string | undefined;
  publishedAt?: Date | undefined;
  /** Where it came from, for messages: file and 1-based line (or item number in a JSON array). */
  origin: Origin;
}

/** Input that was skipped, with enough detail for the user to find and fix it. */
export interface Origin {
  file: string;
  line?: number;
  item?: number;
}

export interface Rejection extends Origin {
  reason: string;
}

export function formatOrigin(o: Origin): string {
  return o.line !== undefined
    ? `${o.file}:${o.line}`
    : o.item !== undefined
      ? `${o.file} (item ${o.item})`
      : o.file;
}

export interface ReadResult {
  articles: RawArticle[];
  rejected: Rejection[];
}

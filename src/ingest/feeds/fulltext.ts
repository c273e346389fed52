import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToText } from '../../text/normalize.ts';

export interface FullTextOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Pages larger than this are not read (bytes). */
  maxBytes: number;
  userAgent: string;
}

/** Reads a response body up to `max` bytes; null when it is larger. */
async function boundedText(res: Response, max: number): Promise<string | null> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > max) return null;
  const reader = res.body?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The main text of an article page, by Mozilla's Readability over a linkedom DOM, bounded in size and
 * time. Null when the page cannot be fetched or has no readable article.
 */
export async function fetchFullText(url: string, o: FullTextOptions): Promise<string | null> {
  try {
    const res = await o.fetch(url, {
      signal: AbortSignal.timeout(o.timeoutMs),
      headers: { 'user-agent': o.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9' },
    });
    if (!res.ok || !/html/i.test(res.headers.get('content-type') ?? 'text/html')) return null;
    const html = await boundedText(res, o.maxBytes);
    if (!html) return null;
    const { document } = parseHTML(html);
    const article = new Readability(
      document as unknown as ConstructorParameters<typeof Readability>[0],
    ).parse();
    // The article's HTML keeps paragraph breaks that its textContent loses.
    const text = htmlToText(article?.content ?? '');
    return text.length >= 200 ? text : null;
  } catch {
    return null;
  }
}

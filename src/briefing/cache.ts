import type { Store } from '../store/types.ts';
import { type BriefingRequest, buildBriefing } from './compose.ts';
import type { Summarizer } from './summarize.ts';
import type { Briefing } from './types.ts';

export type BriefingBuilder = (req: BriefingRequest) => Promise<Briefing>;

const MINUTE = 60_000;

/**
 * Builds briefings through a small cache: the same topic, window (to the minute) and options over an
 * unchanged store give the same briefing, so a newsroom asking at once costs one build. Entries live
 * a minute at most, so articles written by another process show within a minute.
 */
export function createBriefingBuilder(
  store: Store,
  summarizer: Summarizer,
  opts: { ttlMs?: number; maxEntries?: number; enabled?: boolean } = {},
): BriefingBuilder {
  const ttl = opts.ttlMs ?? MINUTE;
  const max = opts.maxEntries ?? 200;
  const entries = new Map<string, { at: number; briefing: Promise<Briefing> }>();
  if (opts.enabled === false) return (req) => buildBriefing(store, req, summarizer);
  return async (req) => {
    const key = [
      req.topic.id,
      Math.floor(req.window.from.getTime() / MINUTE),
      Math.floor(req.window.to.getTime() / MINUTE),
      req.previousAt?.getTime() ?? '',
      req.maxItems ?? '',
      summarizer.generator,
      await store.articles.revision(),
    ].join('|');
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttl) return hit.briefing;
    // Concurrent requests for the same key share one build.
    const briefing = buildBriefing(store, req, summarizer);
    entries.set(key, { at: now, briefing });
    briefing.catch(() => entries.delete(key));
    if (entries.size > max) {
      for (const [k, v] of entries) if (now - v.at >= ttl || entries.size > max) entries.delete(k);
    }
    return briefing;
  };
}

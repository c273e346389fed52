import type { FeedSource } from '../../config/schema.ts';
import type { FeedState, Store } from '../../store/types.ts';

export interface SourceHealth {
  url: string;
  name: string;
  status: 'ok' | 'failing' | 'disabled' | 'never polled';
  lastSuccess: Date | null;
  lastError: string | null;
  itemsSeen: number;
  nextPoll: Date | null;
}

/** Each configured feed with its polling state, for `newsbrief sources` and `/news sources`. */
export async function sourcesHealth(store: Store, feeds: FeedSource[]): Promise<SourceHealth[]> {
  const states = new Map((await store.feeds.all()).map((s) => [s.url, s] as [string, FeedState]));
  return feeds.map((f) => {
    const s = states.get(f.url);
    const status = !s
      ? 'never polled'
      : s.disabledReason
        ? 'disabled'
        : s.consecutiveFailures > 0
          ? 'failing'
          : 'ok';
    return {
      url: f.url,
      name: f.name,
      status,
      lastSuccess: s?.lastSuccessAt ?? null,
      lastError: s?.disabledReason ?? s?.lastError ?? null,
      itemsSeen: s?.itemsSeen ?? 0,
      nextPoll: s && !s.disabledReason ? s.nextPollAt : null,
    };
  });
}

export function healthLines(list: SourceHealth[], now: Date): string[] {
  const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')}Z` : '—');
  if (list.length === 0) return ['No feeds configured. Add them to config/sources.yaml.'];
  return list.map((h) => {
    const error = h.lastError ? `; last error: ${h.lastError}` : '';
    const next = h.nextPoll ? `; next poll ${h.nextPoll <= now ? 'now' : when(h.nextPoll)}` : '';
    return `• ${h.name} [${h.status}] — ${h.itemsSeen} items seen; last success ${when(h.lastSuccess)}${next}${error}`;
  });
}

import { DateTime } from 'luxon';
import type { DeliveryStatus } from '../../store/types.ts';
import type { Command } from './types.ts';

const LAST: Record<DeliveryStatus, string> = {
  posted: 'posted',
  empty: 'nothing new, skipped',
  failed: 'failed',
  skipped: 'missed (newsbrief was down)',
  claimed: 'in progress',
};

import { formatDigestTime, nextDigest } from './util.ts';

export const subscriptions: Command = {
  name: 'subscriptions',
  description: "This channel's digests and when the next one comes",
  options: [],
  async handle(ctx, _args, deps) {
    const subs = await deps.store.subscriptions.forChannel({
      platform: ctx.platform,
      workspaceId: ctx.workspaceId,
      channelId: ctx.channelId,
    });
    if (subs.length === 0) {
      return {
        kind: 'text',
        text: `No digests in this channel yet. Add one with ${deps.rootName} subscribe <topic> [HH:MM] [timezone].`,
        ephemeral: true,
      };
    }
    const title = (id: string) => deps.topics.find((t) => t.id === id)?.title ?? id;
    const lines = await Promise.all(
      subs.map(async (s) => {
        const last = await deps.store.deliveries.last(s.id);
        const lastText = last
          ? `; last ${formatDigestTime(DateTime.fromJSDate(last.slot, { zone: s.timezone }))}: ${LAST[last.status]}${last.status === 'failed' && last.lastError ? ` (${last.lastError})` : ''}`
          : '';
        return s.paused
          ? `• ${title(s.topicId)}: paused (${s.pauseReason ?? 'no reason given'}). Subscribe again to resume${lastText}.`
          : `• ${title(s.topicId)}: daily at ${s.time} (${s.timezone}); next ${formatDigestTime(nextDigest(s.time, s.timezone, ctx.now))}${lastText}`;
      }),
    );
    return { kind: 'text', text: `Digests in this channel:\n${lines.join('\n')}`, ephemeral: true };
  },
};

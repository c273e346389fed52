import { UserError } from '../../errors.ts';
import type { Command } from './types.ts';
import {
  formatDigestTime,
  nextDigest,
  parseTime,
  parseTimezone,
  requireManage,
  requireTopic,
} from './util.ts';

export const subscribe: Command = {
  name: 'subscribe',
  description: "Post a topic's daily digest in this channel",
  options: [
    { name: 'topic', description: 'Topic, e.g. iraq-turkiye', required: true, autocomplete: 'topic' },
    { name: 'time', description: 'Local time of the digest, HH:MM (default 08:00)', required: false },
    {
      name: 'timezone',
      description: 'IANA timezone, e.g. Asia/Baghdad (default from config)',
      required: false,
    },
  ],
  async handle(ctx, args, deps) {
    requireManage(ctx.canManageChannel, deps.rootName);
    const topic = requireTopic(deps, args.topic);
    const time = parseTime(args.time ?? deps.defaults.time);
    const timezone = parseTimezone(args.timezone ?? deps.defaults.timezone);
    const missing = await ctx.checkPostingAccess?.();
    if (missing)
      throw new UserError(
        'BOT_CANNOT_POST',
        `I can't post digests in this channel: ${missing}.`,
        'Fix that, then subscribe again.',
      );
    const channel = { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId: ctx.channelId };
    const result = await deps.store.subscriptions.add({
      ...channel,
      topicId: topic.id,
      time,
      timezone,
      createdBy: ctx.userId,
    });
    let sub = 'created' in result ? result.created : result.existing;
    let verb = 'Subscribed';
    if ('existing' in result) {
      if (!result.existing.paused) {
        throw new UserError(
          'DUPLICATE_SUBSCRIPTION',
          `This channel already gets the ${topic.title} digest at ${sub.time} (${sub.timezone}).`,
          `To change the time, run ${deps.rootName} unsubscribe ${topic.id}, then subscribe again.`,
        );
      }
      sub = await deps.store.subscriptions.resume(sub.id, { time, timezone });
      verb = 'Resumed';
    }
    const next = formatDigestTime(nextDigest(sub.time, sub.timezone, ctx.now));
    return {
      kind: 'text',
      text: `${verb}: this channel gets the ${topic.title} digest every day at ${sub.time} (${sub.timezone}). Next: ${next}.`,
      ephemeral: false,
    };
  },
};

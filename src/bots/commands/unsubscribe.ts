import { UserError } from '../../errors.ts';
import type { Command } from './types.ts';
import { requireManage, requireTopic } from './util.ts';

export const unsubscribe: Command = {
  name: 'unsubscribe',
  description: "Stop a topic's daily digest in this channel",
  options: [{ name: 'topic', description: 'Topic to stop', required: true, autocomplete: 'topic' }],
  async handle(ctx, args, deps) {
    requireManage(ctx.canManageChannel, deps.rootName);
    const topic = requireTopic(deps, args.topic);
    const channel = { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId: ctx.channelId };
    if (!(await deps.store.subscriptions.remove(channel, topic.id))) {
      const current = (await deps.store.subscriptions.forChannel(channel)).map((s) => s.topicId);
      throw new UserError(
        'NOT_SUBSCRIBED',
        `This channel is not subscribed to ${topic.title}.`,
        current.length
          ? `It is subscribed to: ${current.join(', ')}.`
          : `It has no subscriptions; add one with ${deps.rootName} subscribe.`,
      );
    }
    return {
      kind: 'text',
      text: `Unsubscribed: no more ${topic.title} digests in this channel.`,
      ephemeral: false,
    };
  },
};

import { buildBriefing } from '../../briefing/compose.ts';
import { parseWindow, WINDOW_EXAMPLES } from '../../briefing/window.ts';
import { UserError } from '../../errors.ts';
import type { Command } from './types.ts';
import { requireTopic } from './util.ts';

export const brief: Command = {
  name: 'brief',
  description: 'The top stories on a topic, each with a summary and its sources',
  options: [
    { name: 'topic', description: 'Topic, e.g. iraq-us', required: true, autocomplete: 'topic' },
    { name: 'since', description: `Time window (default 24h): ${WINDOW_EXAMPLES}`, required: false },
  ],
  slow: true,
  async handle(ctx, args, deps) {
    const topic = requireTopic(deps, args.topic);
    let window: ReturnType<typeof parseWindow>;
    try {
      window = parseWindow(args.since ?? '24h', ctx.now);
    } catch (err) {
      if (err instanceof UserError)
        throw new UserError(err.code, `"${args.since}" is not a time window.`, `Try ${WINDOW_EXAMPLES}.`);
      throw err;
    }
    const req = { topic, window, now: ctx.now };
    const briefing = await (deps.briefings
      ? deps.briefings(req)
      : buildBriefing(deps.store, req, deps.summarizer));
    return { kind: 'briefing', briefing, ephemeral: false };
  },
};

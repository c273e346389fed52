import type { Briefing } from '../../briefing/types.ts';
import type { Poster } from '../../scheduler/types.ts';
import { renderText } from './render.ts';

/** Digests for console subscriptions are printed where the console is. */
export function createConsolePoster(output: NodeJS.WritableStream): Poster<string> {
  let n = 0;
  return {
    render: (b: Briefing) => [renderText(b)],
    async post(channelId, text) {
      output.write(`\n[digest for ${channelId}]\n${text}`);
      return { ok: true, messageId: `console-${++n}` };
    },
  };
}

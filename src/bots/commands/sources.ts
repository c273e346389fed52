import { healthLines, sourcesHealth } from '../../ingest/feeds/health.ts';
import type { Command } from './types.ts';

export const sources: Command = {
  name: 'sources',
  description: 'The feeds newsbrief reads, and how each is doing',
  options: [],
  async handle(ctx, _args, deps) {
    const lines = healthLines(await sourcesHealth(deps.store, deps.feeds ?? []), ctx.now);
    return { kind: 'text', text: `Sources:\n${lines.join('\n')}`, ephemeral: true };
  },
};

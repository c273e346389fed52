import { UserError } from '../../errors.ts';
import { relativeTime, truncate } from '../render-common.ts';
import type { Command } from './types.ts';

const RESULTS = 5;

export const search: Command = {
  name: 'search',
  description: 'Search stored articles: words, "exact phrases", -exclude, prefix*',
  options: [{ name: 'query', description: 'What to look for', required: true, rest: true }],
  slow: true,
  async handle(ctx, args, deps) {
    const text = args.query?.trim() ?? '';
    if (!text)
      throw new UserError(
        'MISSING_QUERY',
        'What should I search for?',
        `For example: ${deps.rootName} search Kirkuk pipeline`,
      );
    const hits = await deps.store.articles.search({ text, limit: RESULTS });
    if (hits.length === 0) {
      return {
        kind: 'text',
        text: `Nothing found for "${text}". Try fewer or different words.`,
        ephemeral: true,
      };
    }
    const lines = hits.map((h, i) => {
      const a = h.article;
      const link = a.url ? ` <${a.url}>` : '';
      return `${i + 1}. ${a.title} — ${a.source}, ${relativeTime(a.publishedAt, ctx.now)}${link}\n   ${truncate(h.snippet, 200)}`;
    });
    return { kind: 'text', text: `Results for "${text}":\n${lines.join('\n')}`, ephemeral: true };
  },
};

import type { Command } from './types.ts';

export const topics: Command = {
  name: 'topics',
  description: 'The topics you can follow',
  options: [],
  async handle(_ctx, _args, deps) {
    const counts = await deps.store.articles.topicCounts();
    const lines = deps.topics.map(
      (t) =>
        `• ${t.title} — \`${t.id}\`${t.aliases.length ? ` (also ${t.aliases.join(', ')})` : ''}: ${counts.get(t.id) ?? 0} articles`,
    );
    return { kind: 'text', text: `Topics:\n${lines.join('\n')}`, ephemeral: true };
  },
};

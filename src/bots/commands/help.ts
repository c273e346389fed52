import type { Command } from './types.ts';

/** Usage lines for every command, derived from their declarations. */
export function usage(commands: Command[], root: string): string {
  return commands
    .map((c) => {
      const opts = c.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
      return `${root} ${c.name}${opts ? ` ${opts}` : ''} — ${c.description}`;
    })
    .join('\n');
}

export function createHelp(all: () => Command[]): Command {
  return {
    name: 'help',
    description: 'What each command does',
    options: [],
    async handle(_ctx, _args, deps) {
      return {
        kind: 'text',
        text: `${usage(all(), deps.rootName)}\n\nExamples: ${deps.rootName} brief iraq-us 48h · ${deps.rootName} subscribe iraq-turkiye 07:30 Asia/Baghdad`,
        ephemeral: true,
      };
    },
  };
}

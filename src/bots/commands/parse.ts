import { UserError } from '../../errors.ts';
import { usage } from './help.ts';
import { commands, findCommand } from './index.ts';
import type { Args } from './types.ts';

/** Splits command text into words, keeping "quoted phrases" (straight or curly quotes) together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return tokens.filter((t) => t !== '');
}

export interface ParsedCommand {
  name: string;
  args: Args;
}

/**
 * Parses `/news brief iraq-us 48h` (the root word optional) against the commands' declared options:
 * positional in declared order, or `name:value`; an option marked `rest` takes the remaining words.
 */
export function parseCommandText(text: string, root: string): ParsedCommand {
  const rootWord = root.replace(/^\//, '');
  let body = text.trim();
  const rootRe = new RegExp(`^/?${rootWord}(\\s+|$)`, 'i');
  body = body.replace(rootRe, '');
  const [first, ...rest] = tokenize(body);
  if (!first) throw new UserError('MISSING_COMMAND', 'Which command?', usage(commands, `/${rootWord}`));
  const command = findCommand(first);
  if (!command) {
    throw new UserError(
      'UNKNOWN_COMMAND',
      `There is no /${rootWord} ${first} command.`,
      usage(commands, `/${rootWord}`),
    );
  }
  const args: Args = {};
  const positional: string[] = [];
  for (const token of rest) {
    const named = /^([a-z]+)[:=](.+)$/i.exec(token);
    const option = named && command.options.find((o) => o.name === named[1]?.toLowerCase());
    if (named && option) args[option.name] = named[2];
    else positional.push(token);
  }
  for (const option of command.options) {
    if (args[option.name] !== undefined) continue;
    if (option.rest) {
      if (positional.length) args[option.name] = positional.splice(0).join(' ');
    } else if (positional.length) args[option.name] = positional.shift();
  }
  const line = usage([command], `/${rootWord}`);
  if (positional.length) {
    throw new UserError(
      'TOO_MANY_ARGUMENTS',
      `I didn't understand "${positional.join(' ')}".`,
      `Usage: ${line}`,
    );
  }
  const missing = command.options.find((o) => o.required && !args[o.name]);
  if (missing)
    throw new UserError(
      'MISSING_ARGUMENT',
      `Missing <${missing.name}>: ${missing.description}.`,
      `Usage: ${line}`,
    );
  return { name: command.name, args };
}

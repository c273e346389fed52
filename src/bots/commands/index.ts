import { UserError } from '../../errors.ts';
import { brief } from './brief.ts';
import { createHelp } from './help.ts';
import { search } from './search.ts';
import { sources } from './sources.ts';
import { subscribe } from './subscribe.ts';
import { subscriptions } from './subscriptions.ts';
import { topics } from './topics.ts';
import type { Args, Command, CommandContext, CommandDeps, Reply } from './types.ts';
import { unsubscribe } from './unsubscribe.ts';

export const commands: Command[] = [brief, subscribe, unsubscribe, subscriptions, topics, search, sources];
commands.push(createHelp(() => commands));

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name.toLowerCase());
}

/** Runs a command; a user's mistake becomes an error reply that says what to do, never an exception. */
export async function dispatch(
  name: string,
  args: Args,
  ctx: CommandContext,
  deps: CommandDeps,
): Promise<Reply> {
  const command = findCommand(name);
  if (!command) {
    return {
      kind: 'error',
      code: 'UNKNOWN_COMMAND',
      message: `There is no ${deps.rootName} ${name} command.`,
      hint: `Try ${deps.rootName} help. Commands: ${commands.map((c) => c.name).join(', ')}.`,
    };
  }
  try {
    return await command.handle(ctx, args, deps);
  } catch (err) {
    if (err instanceof UserError) {
      return { kind: 'error', code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
    }
    throw err;
  }
}

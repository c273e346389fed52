import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { UserError } from '../../errors.ts';
import { dispatch } from '../commands/index.ts';
import { parseCommandText } from '../commands/parse.ts';
import type { CommandContext, CommandDeps, Reply } from '../commands/types.ts';
import { renderText } from './render.ts';

export function formatReply(reply: Reply): string {
  if (reply.kind === 'briefing') return renderText(reply.briefing);
  if (reply.kind === 'text') return `${reply.text}\n`;
  return `error: ${reply.message}\n${reply.hint ? `${reply.hint}\n` : ''}`;
}

/** Runs one line of console input: `/news brief iraq-us` (the root word may be left out). */
export async function runConsoleLine(line: string, deps: CommandDeps, now = new Date()): Promise<string> {
  const ctx: CommandContext = {
    platform: 'console',
    workspaceId: 'local',
    channelId: 'console',
    userId: safeUser(),
    canManageChannel: true,
    now,
  };
  try {
    const { name, args } = parseCommandText(line, deps.rootName);
    return formatReply(await dispatch(name, args, ctx, deps));
  } catch (err) {
    if (err instanceof UserError)
      return formatReply({
        kind: 'error',
        code: err.code,
        message: err.message,
        ...(err.hint ? { hint: err.hint } : {}),
      });
    throw err;
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'console';
  }
}

/**
 * Reads commands from standard input, one per line, and prints the replies. Works interactively (with a
 * prompt) and with piped input, returning when input ends or on `exit`.
 */
export async function runConsole(
  deps: CommandDeps,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean },
): Promise<void> {
  const rl = createInterface({ input: io.input, terminal: false });
  const prompt = () => {
    if (io.interactive) io.output.write(`${deps.rootName}> `);
  };
  if (io.interactive) {
    io.output.write(
      `Type ${deps.rootName} help for the commands, for example: ${deps.rootName} brief iraq-us. Ctrl-D or "exit" quits.\n`,
    );
  }
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line) io.output.write(await runConsoleLine(line, deps));
    prompt();
  }
  rl.close();
}

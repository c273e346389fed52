import { App as BoltApp, type RespondFn, type SlashCommand, SocketModeReceiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { App } from '../../app.ts';
import { UserError } from '../../errors.ts';
import { dispatch } from '../commands/index.ts';
import { parseCommandText } from '../commands/parse.ts';
import type { CommandContext, CommandDeps, Reply } from '../commands/types.ts';
import { createSlackPoster } from './poster.ts';
import { renderSlack } from './render.ts';

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set; HTTP on `port` otherwise. */
  appToken?: string;
  apiUrl?: string;
  port: number;
  /** Who may change a channel's subscriptions: any member of it, or workspace admins and owners. */
  managers: 'members' | 'admins';
}

/** Can the bot post in this channel? null when yes, else what to do about it. */
async function postingAccess(client: WebClient, channelId: string): Promise<string | null> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    const c = info.channel as
      | { is_private?: boolean; is_member?: boolean; is_archived?: boolean }
      | undefined;
    if (c?.is_archived) return 'the channel is archived';
    if (c?.is_private && !c.is_member)
      return "I'm not in this private channel: invite me with /invite @newsbrief";
    return null;
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found')
      return "I can't see this channel (a private channel I'm not in): invite me with /invite @newsbrief";
    throw err;
  }
}

async function isAdmin(client: WebClient, userId: string): Promise<boolean> {
  const res = await client.users.info({ user: userId });
  const u = res.user as { is_admin?: boolean; is_owner?: boolean } | undefined;
  return Boolean(u?.is_admin || u?.is_owner);
}

async function send(respond: RespondFn, reply: Reply): Promise<void> {
  if (reply.kind === 'error') {
    const text = `:warning: ${reply.message}${reply.hint ? `\n${reply.hint}` : ''}`;
    await respond({ response_type: 'ephemeral', text });
    return;
  }
  const responseType = reply.ephemeral ? 'ephemeral' : 'in_channel';
  if (reply.kind === 'text') {
    await respond({ response_type: responseType, text: reply.text });
    return;
  }
  // A response_url takes five messages; a briefing renders to at most three.
  for (const m of renderSlack(reply.briefing)) {
    await respond({ response_type: responseType, text: m.text, blocks: m.blocks });
  }
}

/** Handles one /news invocation: already acknowledged, answered through respond(). */
export async function handleSlashCommand(
  command: SlashCommand,
  respond: RespondFn,
  client: WebClient,
  deps: CommandDeps,
  managers: SlackSettings['managers'],
): Promise<void> {
  let parsed: ReturnType<typeof parseCommandText>;
  try {
    parsed = parseCommandText(`${deps.rootName} ${command.text}`, deps.rootName);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    await send(respond, {
      kind: 'error',
      code: err.code,
      message: err.message,
      ...(err.hint ? { hint: err.hint } : {}),
    });
    return;
  }
  const manages = parsed.name === 'subscribe' || parsed.name === 'unsubscribe';
  const ctx: CommandContext = {
    platform: 'slack',
    workspaceId: command.team_id,
    channelId: command.channel_id,
    userId: command.user_id,
    // Anyone who can run a slash command in a channel is a member of it.
    canManageChannel: managers === 'members' || (manages && (await isAdmin(client, command.user_id))),
    now: new Date(),
    checkPostingAccess: () => postingAccess(client, command.channel_id),
  };
  await send(respond, await dispatch(parsed.name, parsed.args, ctx, deps));
}

/** Starts the Slack adapter: HTTP on `port` (/slack/events), or Socket Mode with an app token. */
export async function startSlack(app: App, settings?: SlackSettings) {
  const { env } = app.config;
  const s: SlackSettings = settings ?? {
    botToken: env.SLACK_BOT_TOKEN ?? '',
    signingSecret: env.SLACK_SIGNING_SECRET ?? '',
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
    port: env.PORT,
    managers: env.NEWSBRIEF_SLACK_MANAGERS,
  };
  const log = app.logger.child({ adapter: 'slack' });
  const clientOptions = s.apiUrl ? { slackApiUrl: s.apiUrl.endsWith('/') ? s.apiUrl : `${s.apiUrl}/` } : {};
  const bolt = new BoltApp({
    token: s.botToken,
    clientOptions,
    ...(s.appToken
      ? { receiver: new SocketModeReceiver({ appToken: s.appToken, installerOptions: { clientOptions } }) }
      : { signingSecret: s.signingSecret, endpoints: '/slack/events' }),
  });
  bolt.command(app.commandDeps.rootName, async ({ command, ack, respond, client }) => {
    // Slack wants the acknowledgement within 3 seconds: give it first, then do the work.
    await ack();
    await handleSlashCommand(command, respond, client, app.commandDeps, s.managers).catch(
      async (err: Error) => {
        log.error({ err: { message: err.message, stack: err.stack } }, 'slash command failed');
        await respond({
          response_type: 'ephemeral',
          text: ':warning: Something went wrong on my side. Please try again in a minute.',
        });
      },
    );
  });
  bolt.error(async (err) => {
    log.error({ err: { message: err.message } }, 'slack error');
  });
  await (s.appToken ? bolt.start() : bolt.start(s.port));
  log.info(
    { mode: s.appToken ? 'socket' : 'http', port: s.appToken ? undefined : s.port },
    'slack adapter ready',
  );
  return {
    bolt,
    poster: createSlackPoster(bolt.client),
    async stop() {
      await bolt.stop();
    },
  };
}

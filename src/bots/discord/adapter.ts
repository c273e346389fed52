import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
} from 'discord.js';
import type { App } from '../../app.ts';
import { fold } from '../../text/normalize.ts';
import { dispatch, findCommand } from '../commands/index.ts';
import type { CommandContext, CommandDeps, Reply } from '../commands/types.ts';
import { BOT_PERMISSIONS, slashCommandData } from './commands.ts';
import { createDiscordPoster } from './poster.ts';
import { renderDiscord } from './render.ts';

/** Replies faster than this go out directly; slower ones are deferred first (Discord allows 3 s). */
export const DEFER_AFTER_MS = 1000;

export interface DiscordSettings {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
}

export function createRest(s: DiscordSettings): REST {
  return new REST({ version: '10', ...(s.apiUrl ? { api: s.apiUrl } : {}) }).setToken(s.token);
}

/** Registers the slash command: to one guild (instant) when given, else globally. */
export async function deployCommands(rest: REST, s: DiscordSettings, root: string): Promise<void> {
  const route = s.guildId
    ? Routes.applicationGuildCommands(s.applicationId, s.guildId)
    : Routes.applicationCommands(s.applicationId);
  await rest.put(route, { body: slashCommandData(root) });
}

function toContext(i: ChatInputCommandInteraction): CommandContext {
  return {
    platform: 'discord',
    workspaceId: i.guildId ?? 'dm',
    channelId: i.channelId,
    userId: i.user.id,
    canManageChannel: i.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    now: new Date(),
    async checkPostingAccess() {
      const missing = BOT_PERMISSIONS.filter((p) => !i.appPermissions?.has(p.flag)).map((p) => p.name);
      return missing.length
        ? `I am missing the ${missing.join(', ')} permission${missing.length > 1 ? 's' : ''} here`
        : null;
    },
  };
}

function errorText(reply: Extract<Reply, { kind: 'error' }>): string {
  return `⚠️ ${reply.message}${reply.hint ? `\n${reply.hint}` : ''}`;
}

/** Sends a reply: directly, or by editing the deferred one; errors always only to the person who asked. */
async function send(i: ChatInputCommandInteraction, reply: Reply): Promise<void> {
  if (reply.kind === 'error') {
    if (i.deferred) {
      await i.deleteReply().catch(() => undefined);
      await i.followUp({ content: errorText(reply), flags: MessageFlags.Ephemeral });
    } else await i.reply({ content: errorText(reply), flags: MessageFlags.Ephemeral });
    return;
  }
  const messages =
    reply.kind === 'briefing'
      ? renderDiscord(reply.briefing)
      : [{ content: reply.text.slice(0, 2000), embeds: [] }];
  const flags = reply.ephemeral ? MessageFlags.Ephemeral : undefined;
  const [first, ...rest] = messages;
  if (!first) return;
  if (i.deferred) await i.editReply({ content: first.content ?? null, embeds: first.embeds });
  else await i.reply({ content: first.content ?? '', embeds: first.embeds, ...(flags ? { flags } : {}) });
  for (const m of rest)
    await i.followUp({ content: m.content ?? '', embeds: m.embeds, ...(flags ? { flags } : {}) });
}

export async function handleCommand(i: ChatInputCommandInteraction, deps: CommandDeps): Promise<void> {
  const name = i.options.getSubcommand(false) ?? 'help';
  const command = findCommand(name);
  const args = Object.fromEntries(
    (command?.options ?? []).map((o) => [o.name, i.options.getString(o.name) ?? undefined]),
  );
  const work = dispatch(name, args, toContext(i), deps);
  // The 3-second rule: answer at once when quick, otherwise defer and edit the answer in later.
  const quick = await Promise.race([
    work,
    new Promise<null>((r) => setTimeout(() => r(null), DEFER_AFTER_MS)),
  ]);
  if (quick) return send(i, quick);
  await i.deferReply(command?.name === 'search' ? { flags: MessageFlags.Ephemeral } : {});
  await send(i, await work);
}

export async function handleAutocomplete(i: AutocompleteInteraction, deps: CommandDeps): Promise<void> {
  const typed = fold(String(i.options.getFocused())).toLowerCase();
  const choices = deps.topics
    .filter((t) => [t.id, t.title, ...t.aliases].some((n) => fold(n).toLowerCase().includes(typed)))
    .slice(0, 25)
    .map((t) => ({ name: `${t.title} (${t.id})`, value: t.id }));
  await i.respond(choices);
}

/** Starts the Discord adapter: the gateway client, command registration and the scheduler's poster. */
export async function startDiscord(app: App, settings?: DiscordSettings) {
  const { env } = app.config;
  const s: DiscordSettings = settings ?? {
    token: env.DISCORD_TOKEN ?? '',
    applicationId: env.DISCORD_APPLICATION_ID ?? '',
    ...(env.DISCORD_GUILD_ID ? { guildId: env.DISCORD_GUILD_ID } : {}),
    ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
  };
  const root = app.commandDeps.rootName.slice(1);
  // Slash commands arrive as interactions; no privileged intent and no message content are needed.
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(s.apiUrl ? { rest: { api: s.apiUrl } } : {}),
  });
  const log = app.logger.child({ adapter: 'discord' });
  client.on(Events.InteractionCreate, (i: Interaction) => {
    const run = i.isAutocomplete()
      ? handleAutocomplete(i, app.commandDeps)
      : i.isChatInputCommand() && i.commandName === root
        ? handleCommand(i, app.commandDeps)
        : Promise.resolve();
    run.catch((err: Error) =>
      log.error({ err: { message: err.message, stack: err.stack } }, 'interaction failed'),
    );
  });
  client.on(Events.Error, (err) => log.error({ err: { message: err.message } }, 'discord client error'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(s.token);
  await ready;
  await deployCommands(client.rest, s, root);
  log.info(
    { guilds: client.guilds.cache.size, scope: s.guildId ? 'guild' : 'global' },
    'discord adapter ready',
  );
  let close: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    close = resolve;
  });
  return {
    client,
    poster: createDiscordPoster(client.rest),
    closed,
    async stop() {
      await client.destroy();
      close();
    },
  };
}

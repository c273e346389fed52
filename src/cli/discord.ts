import type { App } from '../app.ts';
import { createRest, deployCommands } from '../bots/discord/adapter.ts';
import { inviteUrl } from '../bots/discord/commands.ts';
import { UserError } from '../errors.ts';

function settings(app: App, needToken: boolean) {
  const { env } = app.config;
  if (!env.DISCORD_APPLICATION_ID || (needToken && !env.DISCORD_TOKEN)) {
    throw new UserError(
      'DISCORD_NOT_CONFIGURED',
      `set ${needToken ? 'DISCORD_TOKEN and ' : ''}DISCORD_APPLICATION_ID first`,
      'both are on your application page at https://discord.com/developers/applications (README, "Discord")',
    );
  }
  return {
    token: env.DISCORD_TOKEN ?? '',
    applicationId: env.DISCORD_APPLICATION_ID,
    ...(env.DISCORD_GUILD_ID ? { guildId: env.DISCORD_GUILD_ID } : {}),
    ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
  };
}

export async function discordDeployCommand(app: App): Promise<number> {
  const s = settings(app, true);
  await deployCommands(createRest(s), s, app.commandDeps.rootName.slice(1));
  process.stdout.write(
    s.guildId
      ? `Registered ${app.commandDeps.rootName} in server ${s.guildId} (available now).\n`
      : `Registered ${app.commandDeps.rootName} globally (Discord may take up to an hour to show it everywhere).\n`,
  );
  return 0;
}

export async function discordInviteCommand(app: App): Promise<number> {
  process.stdout.write(`${inviteUrl(settings(app, false).applicationId)}\n`);
  return 0;
}

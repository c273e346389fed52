import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { commands } from '../commands/index.ts';

/** Discord limits a command's and an option's description to 100 characters. */
const describe = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

/**
 * The slash command built from the platform-neutral declarations: one root command, one subcommand per
 * handler, string options in declared order, topic options with autocomplete.
 */
export function slashCommandData(root: string): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      name: root,
      description: 'News briefings: brief, search, subscribe this channel to a daily digest',
      dm_permission: false,
      options: commands.map((c) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: c.name,
        description: describe(c.description),
        options: c.options.map((o) => ({
          type: ApplicationCommandOptionType.String,
          name: o.name,
          description: describe(o.description),
          required: o.required,
          ...(o.autocomplete ? { autocomplete: true } : {}),
        })),
      })),
    },
  ];
}

/** What the bot needs in a channel to post digests: see it, send messages, send embeds. */
export const BOT_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
] as const;

export const BOT_PERMISSION_BITS = BOT_PERMISSIONS.reduce((n, p) => n | p.flag, 0n);

export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: BOT_PERMISSION_BITS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params}`;
}

import type { Briefing, BriefingItem } from '../../briefing/types.ts';
import { briefingTitle, emptyText, footerText, moreText, truncate } from '../render-common.ts';

/** Discord's documented limits for messages and embeds. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  totalEmbedChars: 6000,
} as const;

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  timestamp?: string;
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
}

const NEW_COLOR = 0x2b6cb0;
const UPDATED_COLOR = 0xd69e2e;
/** At most this many messages per briefing; the rest is summed up as "…and N more stories". */
export const MAX_DISCORD_MESSAGES = 3;

/** Characters Discord counts towards the 6000 limit of one message's embeds. */
export function embedChars(e: DiscordEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Escapes the characters that would otherwise turn text into Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>[\]()])/g, '\\$1');
}

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

function storyEmbed(item: BriefingItem): DiscordEmbed {
  const first = item.sources.find((s) => s.url);
  // Source lines use Discord's own relative timestamps, which each reader sees in their time.
  const sourceLines = item.sources.map((s) => {
    const name = escapeMarkdown(s.source);
    return `${s.url ? `[${name}](${s.url})` : name} · <t:${unix(s.publishedAt)}:R>`;
  });
  let sources = '';
  for (const [i, line] of sourceLines.entries()) {
    const rest = sourceLines.length - i;
    const next = sources ? `${sources}\n${line}` : line;
    if (next.length > DISCORD_LIMITS.fieldValue - 20) {
      sources += `\n+${rest} more`;
      break;
    }
    sources = next;
  }
  const summary = truncate(escapeMarkdown(item.summary.join(' ')), 1500);
  return {
    title: truncate(`${item.status === 'updated' ? '🔄 ' : ''}${item.headline}`, DISCORD_LIMITS.title),
    ...(first?.url ? { url: first.url } : {}),
    description: summary || '​',
    color: item.status === 'updated' ? UPDATED_COLOR : NEW_COLOR,
    fields: [
      {
        name: item.sources.length === 1 ? 'Source' : `Sources (${item.sources.length})`,
        value: sources || '—',
      },
    ],
  };
}

/** Renders a briefing as one or more messages of embeds, each within Discord's limits. */
export function renderDiscord(b: Briefing): DiscordMessage[] {
  const header = truncate(`**${briefingTitle(b)}**`, DISCORD_LIMITS.content);
  if (b.items.length === 0) return [{ content: `${header}\n${emptyText(b)}`, embeds: [] }];
  const footer = footerText(b);
  const messages: DiscordMessage[] = [{ content: header, embeds: [] }];
  let chars = 0;
  let omitted = b.moreStories;
  for (const [i, item] of b.items.entries()) {
    const embed = storyEmbed(item);
    const size = embedChars(embed);
    // Reserve room in the last embed for the footer and a "more stories" line.
    const reserve = footer.length + 40;
    let current = messages.at(-1) as DiscordMessage;
    if (
      current.embeds.length >= DISCORD_LIMITS.embedsPerMessage ||
      chars + size + reserve > DISCORD_LIMITS.totalEmbedChars
    ) {
      if (messages.length >= MAX_DISCORD_MESSAGES) {
        omitted += b.items.length - i;
        break;
      }
      current = { embeds: [] };
      messages.push(current);
      chars = 0;
    }
    current.embeds.push(embed);
    chars += size;
  }
  const last = messages.at(-1) as DiscordMessage;
  const lastEmbed = last.embeds.at(-1);
  if (lastEmbed) lastEmbed.footer = { text: omitted > 0 ? `${moreText(omitted)} · ${footer}` : footer };
  return messages;
}

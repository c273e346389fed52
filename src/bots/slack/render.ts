import type { Briefing, BriefingItem } from '../../briefing/types.ts';
import { briefingTitle, emptyText, footerText, moreText, relativeTime, truncate } from '../render-common.ts';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  contextElements: 10,
  contextText: 2000,
  fallbackText: 4000,
} as const;

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' };

export interface SlackMessage {
  /** Plain-text fallback for notifications and clients that cannot show blocks. */
  text: string;
  blocks: SlackBlock[];
}

export const MAX_SLACK_MESSAGES = 3;

/** Slack mrkdwn needs &, < and > escaped; everything else is literal. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

function storyBlocks(item: BriefingItem, now: Date): SlackBlock[] {
  const first = item.sources.find((s) => s.url);
  const headline = escapeMrkdwn(truncate(item.headline, 300)).replace(/\|/g, '¦');
  const title = first?.url ? `*<${first.url}|${headline}>*` : `*${headline}*`;
  const marker = item.status === 'updated' ? ' _(updated)_' : '';
  const summary = escapeMrkdwn(item.summary.join(' '));
  // Never leave half an escaped entity ("&am…") at the cut.
  const text = truncate(`${title}${marker}\n${summary}`, SLACK_LIMITS.sectionText).replace(
    /&[a-z]{0,3}…$/,
    '…',
  );
  // Slack shows `{ago}` in each reader's own terms; the text after | is the fallback.
  const elements = item.sources.slice(0, SLACK_LIMITS.contextElements).map((s, i) => {
    const name = escapeMrkdwn(truncate(s.source, 80)).replace(/\|/g, '¦');
    const label = s.url ? `<${s.url}|${name}>` : name;
    const more = i === SLACK_LIMITS.contextElements - 1 && item.sources.length > SLACK_LIMITS.contextElements;
    return {
      type: 'mrkdwn' as const,
      text: `${label} · <!date^${unix(s.publishedAt)}^{ago}|${relativeTime(s.publishedAt, now)}>${more ? ` (+${item.sources.length - SLACK_LIMITS.contextElements} more)` : ''}`,
    };
  });
  return [
    { type: 'section', text: { type: 'mrkdwn', text } },
    ...(elements.length ? [{ type: 'context' as const, elements }] : []),
  ];
}

function fallback(b: Briefing, items: BriefingItem[]): string {
  const lines = [briefingTitle(b), ...items.map((i) => `• ${i.headline}`)];
  return truncate(lines.join('\n'), SLACK_LIMITS.fallbackText);
}

/** Renders a briefing as Block Kit messages within Slack's limits, each with a plain-text fallback. */
export function renderSlack(b: Briefing): SlackMessage[] {
  const header: SlackBlock = {
    type: 'header',
    text: { type: 'plain_text', text: truncate(briefingTitle(b), SLACK_LIMITS.headerText), emoji: true },
  };
  if (b.items.length === 0) {
    return [
      {
        text: emptyText(b),
        blocks: [header, { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(emptyText(b)) } }],
      },
    ];
  }
  const footer = footerText(b);
  const messages: { blocks: SlackBlock[]; items: BriefingItem[] }[] = [{ blocks: [header], items: [] }];
  let omitted = b.moreStories;
  for (const [i, item] of b.items.entries()) {
    const blocks: SlackBlock[] = [...storyBlocks(item, b.generatedAt), { type: 'divider' }];
    let current = messages.at(-1) as (typeof messages)[number];
    // Keep one block free in the last message for the footer.
    if (current.blocks.length + blocks.length > SLACK_LIMITS.blocksPerMessage - 1) {
      if (messages.length >= MAX_SLACK_MESSAGES) {
        omitted += b.items.length - i;
        break;
      }
      current = { blocks: [], items: [] };
      messages.push(current);
    }
    current.blocks.push(...blocks);
    current.items.push(item);
  }
  const last = messages.at(-1) as (typeof messages)[number];
  const footerLine = omitted > 0 ? `${moreText(omitted)} · ${footer}` : footer;
  last.blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(footerLine) }] });
  return messages.map((m) => ({ text: fallback(b, m.items), blocks: m.blocks }));
}

import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/bots/console/render.ts';
import {
  DISCORD_LIMITS,
  embedChars,
  MAX_DISCORD_MESSAGES,
  renderDiscord,
} from '../../src/bots/discord/render.ts';
import { MAX_SLACK_MESSAGES, renderSlack, SLACK_LIMITS } from '../../src/bots/slack/render.ts';
import { hugeBriefing, NOW } from './helpers.ts';

const huge = hugeBriefing(64);
const shown = (texts: string[], n: number) => texts.filter((t) => t.includes(`Story ${n}:`)).length;

describe('Discord renderer', () => {
  const messages = renderDiscord(huge);

  it('keeps every message within Discord limits', () => {
    expect(messages.length).toBeLessThanOrEqual(MAX_DISCORD_MESSAGES);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(m.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(
        DISCORD_LIMITS.totalEmbedChars,
      );
      expect(m.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      for (const e of m.embeds) {
        expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
        expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
        expect(e.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
        for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
    }
  });

  it('accounts for every story: shown, or counted in "…and N more stories"', () => {
    const embeds = messages.flatMap((m) => m.embeds);
    const footer = embeds.at(-1)?.footer?.text ?? '';
    const more = Number(/…and (\d+) more stories/.exec(footer)?.[1] ?? 0);
    expect(embeds.length + more).toBe(64);
    expect(footer).toContain('extractive summaries · 896 articles from 14 sources');
    expect(
      shown(
        embeds.map((e) => e.title ?? ''),
        0,
      ),
    ).toBe(1);
  });

  it('links sources with Discord relative timestamps, and says when there is nothing new', () => {
    const first = messages[0]?.embeds[0];
    expect(first?.url).toMatch(/^https:\/\/outlet0\.example/);
    expect(first?.fields?.[0]?.value).toMatch(
      /^\[Outlet number 0 .*\]\(https:\/\/outlet0\.example\/.*\) · <t:\d+:R>/,
    );
    expect(first?.fields?.[0]?.value).toMatch(/\+\d+ more$/);
    const empty = renderDiscord({ ...huge, items: [], stats: { articles: 0, sources: 0, stories: 0 } });
    expect(empty).toEqual([
      {
        content: '**Iraq–US briefing: the last 24 hours**\nNo new Iraq–US stories in the last 24 hours.',
        embeds: [],
      },
    ]);
  });
});

describe('Slack renderer', () => {
  const messages = renderSlack(huge);

  it('keeps every message within Block Kit limits and gives a text fallback', () => {
    expect(messages.length).toBeLessThanOrEqual(MAX_SLACK_MESSAGES);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
      for (const b of m.blocks) {
        if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
        if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        if (b.type === 'context') {
          expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
          for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
        }
      }
    }
  });

  it('accounts for every story and escapes mrkdwn', () => {
    const sections = messages.flatMap((m) => m.blocks).filter((b) => b.type === 'section');
    const last = messages.at(-1)?.blocks.at(-1);
    const footer = last?.type === 'context' ? (last.elements[0]?.text ?? '') : '';
    const more = Number(/…and (\d+) more stories/.exec(footer)?.[1] ?? 0);
    expect(sections.length + more).toBe(64);
    const text = sections[0]?.type === 'section' ? sections[0].text.text : '';
    expect(text).toContain('&lt;&amp;&gt;');
    expect(text).not.toMatch(/<&>/);
    expect(text).toMatch(
      /^\*<https:\/\/outlet0\.example\/[^|]+\|Story 0: &lt;&amp;&gt; \*bold\* _it_ ¦pipe¦ /,
    );
    for (const s of sections) if (s.type === 'section') expect(s.text.text).not.toMatch(/&[a-z]{0,3}…$/);
  });
});

describe('text renderer', () => {
  it('lists every story with its sources and relative times, and the footer', () => {
    const text = renderText(huge);
    for (const n of [0, 31, 63]) expect(text).toContain(`${n + 1}. Story ${n}:`);
    expect(text).toContain('2. Story 1:');
    expect(text).toMatch(/\(updated\)/);
    expect(text).toContain('Outlet number 0 name0');
    expect(text).toContain(', 1h ago <https://outlet0.example/0/');
    expect(text.trimEnd().endsWith('extractive summaries · 896 articles from 14 sources')).toBe(true);
    expect(renderText({ ...huge, items: [], generatedAt: NOW })).toBe(
      'No new Iraq–US stories in the last 24 hours.\n',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/bots/commands/index.ts';
import { parseCommandText, tokenize } from '../../src/bots/commands/parse.ts';
import type { CommandContext, CommandDeps, Reply } from '../../src/bots/commands/types.ts';
import { nextDigest } from '../../src/bots/commands/util.ts';
import type { Summarizer } from '../../src/briefing/summarize.ts';
import type { Subscription, SubscriptionRepo } from '../../src/store/types.ts';
import { config, memoryStore } from '../helpers.ts';

/** A subscription repo in plain memory: the handlers need nothing more. */
function fakeSubscriptions(): SubscriptionRepo & { rows: Subscription[] } {
  const rows: Subscription[] = [];
  const same = (s: Subscription, c: { platform: string; workspaceId: string; channelId: string }) =>
    s.platform === c.platform && s.workspaceId === c.workspaceId && s.channelId === c.channelId;
  return {
    rows,
    async add(sub) {
      const existing = rows.find((r) => same(r, sub) && r.topicId === sub.topicId);
      if (existing) return { existing };
      const created: Subscription = {
        postEmpty: false,
        ...sub,
        id: rows.length + 1,
        createdAt: new Date(0),
        paused: false,
        pauseReason: null,
      };
      rows.push(created);
      return { created };
    },
    async resume(id, changes) {
      const row = rows.find((r) => r.id === id) as Subscription;
      Object.assign(row, { ...changes, paused: false, pauseReason: null });
      return row;
    },
    async remove(c, topicId) {
      const i = rows.findIndex((r) => same(r, c) && r.topicId === topicId);
      if (i >= 0) rows.splice(i, 1);
      return i >= 0;
    },
    async forChannel(c) {
      return rows.filter((r) => same(r, c));
    },
    async all() {
      return rows;
    },
    async pause(id, reason) {
      Object.assign(rows.find((r) => r.id === id) ?? {}, { paused: true, pauseReason: reason });
    },
  };
}

const NOW = new Date('2024-08-13T05:00:00Z');
const noSummaries: Summarizer = {
  generator: 'extractive',
  summarize: async (s) => ({ summaries: s.map(() => []), generator: 'extractive' }),
};

function setup(over: Partial<CommandContext> = {}) {
  const subs = fakeSubscriptions();
  const store = { ...memoryStore(), subscriptions: subs };
  // No deliveries yet for these handler tests.
  store.deliveries = { ...store.deliveries, last: async () => null };
  const deps: CommandDeps = {
    store,
    topics: config.topics,
    summarizer: noSummaries,
    defaults: { timezone: 'UTC', time: '08:00' },
    rootName: '/news',
  };
  const ctx: CommandContext = {
    platform: 'discord',
    workspaceId: 'g1',
    channelId: 'c1',
    userId: 'u1',
    canManageChannel: true,
    now: NOW,
    ...over,
  };
  const run = (name: string, args: Record<string, string> = {}) => dispatch(name, args, ctx, deps);
  return { subs, run };
}

const errorOf = (r: Reply) => (r.kind === 'error' ? r : null);

describe('subscribe', () => {
  it('stores platform, workspace, channel, topic, time, timezone and who, with defaults 08:00 and the configured zone', async () => {
    const { subs, run } = setup();
    const reply = await run('subscribe', { topic: 'Iraq–Turkey' });
    expect(reply).toEqual({
      kind: 'text',
      text: 'Subscribed: this channel gets the Iraq–Türkiye digest every day at 08:00 (UTC). Next: Tue 13 Aug, 08:00 UTC.',
      ephemeral: false,
    });
    expect(subs.rows).toMatchObject([
      {
        platform: 'discord',
        workspaceId: 'g1',
        channelId: 'c1',
        topicId: 'iraq-turkiye',
        time: '08:00',
        timezone: 'UTC',
        createdBy: 'u1',
      },
    ]);
  });

  it.each([
    [{ topic: 'iraq-us', time: '25:00' }, 'BAD_TIME', /"25:00" is not a time of day/, /07:30/],
    [{ topic: 'iraq-us', time: '7pm' }, 'BAD_TIME', /"7pm"/, /HH:MM/],
    [
      { topic: 'iraq-us', timezone: 'Mars/Olympus' },
      'BAD_TIMEZONE',
      /"Mars\/Olympus" is not a timezone/,
      /Asia\/Baghdad/,
    ],
    [{ topic: 'atlantis' }, 'UNKNOWN_TOPIC', /don't know the topic "atlantis"/, /iraq-us.*iraq-turkiye/],
  ])('refuses %o with a message and an example', async (args, code, message, hint) => {
    const { subs, run } = setup();
    const e = errorOf(await run('subscribe', args));
    expect(e?.code).toBe(code);
    expect(e?.message).toMatch(message);
    expect(e?.hint).toMatch(hint);
    expect(subs.rows).toEqual([]);
  });

  it('refuses a duplicate, saying how to change it', async () => {
    const { run } = setup();
    await run('subscribe', { topic: 'iraq-us', time: '7:05', timezone: 'Asia/Baghdad' });
    const e = errorOf(await run('subscribe', { topic: 'iraq-us' }));
    expect(e).toMatchObject({
      code: 'DUPLICATE_SUBSCRIPTION',
      message: 'This channel already gets the Iraq–US digest at 07:05 (Asia/Baghdad).',
    });
    expect(e?.hint).toMatch(/\/news unsubscribe iraq-us/);
  });

  it('resumes a paused subscription', async () => {
    const { subs, run } = setup();
    await run('subscribe', { topic: 'iraq-us' });
    await subs.pause(1, 'channel deleted');
    const reply = await run('subscribe', { topic: 'iraq-us', time: '09:15' });
    expect(reply.kind === 'text' && reply.text).toMatch(/^Resumed: .* at 09:15/);
    expect(subs.rows[0]).toMatchObject({ paused: false, time: '09:15' });
  });

  it('needs the right to manage the channel, and the bot able to post there', async () => {
    expect(
      errorOf(await setup({ canManageChannel: false }).run('subscribe', { topic: 'iraq-us' }))?.code,
    ).toBe('FORBIDDEN');
    const noEmbed = setup({ checkPostingAccess: async () => 'I am missing the Embed Links permission here' });
    const e = errorOf(await noEmbed.run('subscribe', { topic: 'iraq-us' }));
    expect(e?.message).toBe(
      "I can't post digests in this channel: I am missing the Embed Links permission here.",
    );
    expect(noEmbed.subs.rows).toEqual([]);
  });
});

describe('unsubscribe, subscriptions, topics, search, brief, help', () => {
  it('unsubscribes, and says what the channel has when the topic is not among them', async () => {
    const { run } = setup();
    await run('subscribe', { topic: 'iraq-us' });
    expect(errorOf(await run('unsubscribe', { topic: 'iraq-turkiye' }))).toMatchObject({
      code: 'NOT_SUBSCRIBED',
      hint: 'It is subscribed to: iraq-us.',
    });
    expect(
      errorOf(await setup({ canManageChannel: false }).run('unsubscribe', { topic: 'iraq-us' }))?.code,
    ).toBe('FORBIDDEN');
    expect(await run('unsubscribe', { topic: 'iraq-us' })).toMatchObject({
      kind: 'text',
      text: 'Unsubscribed: no more Iraq–US digests in this channel.',
    });
  });

  it('lists subscriptions with the next digest in their own timezone, and pause reasons', async () => {
    const { subs, run } = setup();
    await run('subscribe', { topic: 'iraq-us', time: '07:30', timezone: 'America/New_York' });
    await run('subscribe', { topic: 'iraq-turkiye' });
    await subs.pause(2, 'channel deleted');
    const reply = await run('subscriptions');
    expect(reply.kind === 'text' && reply.text).toBe(
      'Digests in this channel:\n• Iraq–US: daily at 07:30 (America/New_York); next Tue 13 Aug, 07:30 EDT\n• Iraq–Türkiye: paused (channel deleted). Subscribe again to resume.',
    );
  });

  it('computes the next digest across a DST change', () => {
    // Clocks in New York go forward at 02:00 on 10 March 2024: 02:30 does not exist that day.
    expect(nextDigest('02:30', 'America/New_York', new Date('2024-03-10T05:00:00Z')).toISO()).toBe(
      '2024-03-10T03:30:00.000-04:00',
    );
    expect(nextDigest('08:00', 'Asia/Baghdad', new Date('2024-08-13T04:59:00Z')).toISO()).toBe(
      '2024-08-13T08:00:00.000+03:00',
    );
    expect(nextDigest('08:00', 'Asia/Baghdad', new Date('2024-08-13T05:00:01Z')).toISO()).toBe(
      '2024-08-14T08:00:00.000+03:00',
    );
  });

  it('brief explains an unknown topic and an unreadable window; an empty briefing is a normal reply', async () => {
    const { run } = setup();
    expect(errorOf(await run('brief', { topic: 'mars' }))?.code).toBe('UNKNOWN_TOPIC');
    expect(errorOf(await run('brief', { topic: 'iraq-us', since: 'yesterdayish' }))).toMatchObject({
      code: 'BAD_WINDOW',
      message: '"yesterdayish" is not a time window.',
      hint: expect.stringMatching(/24h, 3d, 1w/),
    });
    const reply = await run('brief', { topic: 'iraq-us' });
    expect(reply).toMatchObject({
      kind: 'briefing',
      ephemeral: false,
      briefing: { items: [], topic: { id: 'iraq-us' } },
    });
  });

  it('search needs words and says when nothing matched; topics and help list what exists', async () => {
    const { run } = setup();
    expect(errorOf(await run('search', { query: '  ' }))?.code).toBe('MISSING_QUERY');
    expect(await run('search', { query: 'Kirkuk' })).toMatchObject({
      kind: 'text',
      ephemeral: true,
      text: expect.stringMatching(/Nothing found/),
    });
    expect(await run('topics')).toMatchObject({
      text: expect.stringMatching(/Iraq–US — `iraq-us` \(also iraq-usa/),
    });
    const help = await run('help');
    expect(help.kind === 'text' && help.text).toMatch(/\/news subscribe <topic> \[time\] \[timezone\]/);
    expect(errorOf(await run('frobnicate'))?.code).toBe('UNKNOWN_COMMAND');
  });
});

describe('command text parser (console and Slack)', () => {
  it.each([
    ['/news brief iraq-us 48h', 'brief', { topic: 'iraq-us', since: '48h' }],
    ['brief   iraq-us', 'brief', { topic: 'iraq-us' }],
    ['/news BRIEF since:3d iraq-turkey', 'brief', { since: '3d', topic: 'iraq-turkey' }],
    [
      '/news subscribe iraq-turkiye 07:30 Asia/Baghdad',
      'subscribe',
      { topic: 'iraq-turkiye', time: '07:30', timezone: 'Asia/Baghdad' },
    ],
    ['/news search "Kirkuk pipeline" exports', 'search', { query: 'Kirkuk pipeline exports' }],
    ['/news search “oil deal”', 'search', { query: 'oil deal' }],
    ['/news help', 'help', {}],
  ])('%s', (text, name, args) => {
    expect(parseCommandText(text, '/news')).toEqual({ name, args });
  });

  it.each([
    ['/news', /Which command/],
    ['/news fly iraq-us', /There is no \/news fly command/],
    ['/news brief', /Missing <topic>/],
    ['/news unsubscribe iraq-us extra words', /didn't understand "extra words"/],
  ])('%s fails with usage', (text, message) => {
    expect(() => parseCommandText(text, '/news')).toThrow(message);
  });

  it('keeps quoted phrases together', () => {
    expect(tokenize(`a "b c" 'd e' f`)).toEqual(['a', 'b c', 'd e', 'f']);
  });
});

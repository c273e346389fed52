import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../src/bots/commands/index.ts';
import { renderText } from '../src/bots/console/render.ts';
import { createBriefingBuilder } from '../src/briefing/cache.ts';
import { createExtractiveSummarizer } from '../src/briefing/summarize.ts';
import type { Briefing } from '../src/briefing/types.ts';
import { Scheduler } from '../src/scheduler/scheduler.ts';
import { slotsBetween } from '../src/scheduler/slots.ts';
import type { Poster, PostResult } from '../src/scheduler/types.ts';
import { createSqliteStore } from '../src/store/sqlite/index.ts';
import type { Store } from '../src/store/types.ts';
import { config, tempDir } from './helpers.ts';
import { article } from './store/contract.ts';

const logger = pino({ level: 'silent' });
const H = 3_600_000;

/** A platform that, like Discord with enforce_nonce, returns the earlier message for a repeated key. */
class FakePlatform implements Poster<string> {
  readonly messages: { channel: string; key: string; text: string }[] = [];
  private readonly byKey = new Map<string, string>();
  fail: (channel: string) => PostResult | null = () => null;
  hang: (channel: string) => boolean = () => false;
  render(b: Briefing): string[] {
    return [renderText(b)];
  }
  async post(
    channel: string,
    text: string,
    { idempotencyKey }: { idempotencyKey: string },
  ): Promise<PostResult> {
    const failure = this.fail(channel);
    if (failure) return failure;
    const existing = this.byKey.get(idempotencyKey);
    if (existing) return { ok: true, messageId: existing };
    const id = `m${this.messages.length + 1}`;
    this.byKey.set(idempotencyKey, id);
    this.messages.push({ channel, key: idempotencyKey, text });
    // The message is out; the process "dies" before it can confirm.
    if (this.hang(channel)) return new Promise(() => undefined);
    return { ok: true, messageId: id };
  }
}

function openStore(path: string): Store {
  return createSqliteStore({ path });
}

function scheduler(
  store: Store,
  platform: FakePlatform,
  instanceId = 'A',
  extra: Partial<ConstructorParameters<typeof Scheduler>[0]> = {},
) {
  return new Scheduler({
    store,
    topics: config.topics,
    briefings: createBriefingBuilder(store, createExtractiveSummarizer(), { enabled: false }),
    posters: { discord: platform },
    instanceId,
    logger,
    sleep: async () => undefined,
    ...extra,
  });
}

async function subscribe(
  store: Store,
  channelId: string,
  time: string,
  timezone: string,
  createdAt: Date,
  topicId = 'iraq-us',
) {
  const r = await store.subscriptions.add({
    platform: 'discord',
    workspaceId: 'g',
    channelId,
    topicId,
    time,
    timezone,
    createdBy: 'u',
    createdAt,
  });
  if (!('created' in r)) throw new Error('exists');
  return r.created;
}

async function seedStory(store: Store, at: Date, n: number) {
  await store.articles.upsertBatch([
    article(
      {
        title: `Iraq and US agree step ${n} on advisers`,
        body: `Baghdad and Washington agreed step ${n} on the coalition advisers, officials said.`,
      },
      at,
    ),
  ]);
}

describe('slots across daylight-saving changes', () => {
  const iso = (d: Date[]) => d.map((x) => x.toISOString());
  it('08:00 America/New_York and Europe/Berlin fall once per local day around both changes', () => {
    expect(
      iso(
        slotsBetween(
          '08:00',
          'America/New_York',
          new Date('2024-03-09T00:00Z'),
          new Date('2024-03-12T00:00Z'),
        ),
      ),
    ).toEqual(['2024-03-09T13:00:00.000Z', '2024-03-10T12:00:00.000Z', '2024-03-11T12:00:00.000Z']);
    expect(
      iso(
        slotsBetween(
          '08:00',
          'America/New_York',
          new Date('2024-11-02T00:00Z'),
          new Date('2024-11-05T00:00Z'),
        ),
      ),
    ).toEqual(['2024-11-02T12:00:00.000Z', '2024-11-03T13:00:00.000Z', '2024-11-04T13:00:00.000Z']);
    expect(
      iso(
        slotsBetween('08:00', 'Europe/Berlin', new Date('2024-03-30T00:00Z'), new Date('2024-04-02T00:00Z')),
      ),
    ).toEqual(['2024-03-30T07:00:00.000Z', '2024-03-31T06:00:00.000Z', '2024-04-01T06:00:00.000Z']);
    expect(
      iso(
        slotsBetween('08:00', 'Europe/Berlin', new Date('2024-10-26T00:00Z'), new Date('2024-10-29T00:00Z')),
      ),
    ).toEqual(['2024-10-26T06:00:00.000Z', '2024-10-27T07:00:00.000Z', '2024-10-28T07:00:00.000Z']);
  });

  it('a time inside the spring gap moves forward; a time in the repeated hour comes once', () => {
    expect(
      iso(
        slotsBetween(
          '02:30',
          'America/New_York',
          new Date('2024-03-10T00:00Z'),
          new Date('2024-03-11T00:00Z'),
        ),
      ),
    ).toEqual(['2024-03-10T07:30:00.000Z']);
    expect(
      iso(
        slotsBetween(
          '01:30',
          'America/New_York',
          new Date('2024-11-03T00:00Z'),
          new Date('2024-11-04T00:00Z'),
        ),
      ),
    ).toEqual(['2024-11-03T05:30:00.000Z']);
  });

  it('the scheduler, ticking every 10 minutes over four days around the changes, posts once per local day', async () => {
    const store = openStore(join(tempDir(), 'dst.db'));
    const platform = new FakePlatform();
    const start = new Date('2024-03-08T23:00Z');
    await subscribe(store, 'ny', '08:00', 'America/New_York', start);
    await subscribe(store, 'berlin', '08:00', 'Europe/Berlin', new Date('2024-03-29T23:00Z'));
    await subscribe(store, 'ny-gap', '02:30', 'America/New_York', start);
    for (let d = 0; d < 4; d++) await seedStory(store, new Date(start.getTime() + d * 24 * H), d);
    const s = scheduler(store, platform, 'A', { graceMs: 6 * H });
    for (let t = start.getTime(); t < start.getTime() + 4 * 24 * H; t += 10 * 60_000)
      await s.tick(new Date(t));
    for (
      let t = new Date('2024-03-29T23:00Z').getTime();
      t < new Date('2024-04-02T00:00Z').getTime();
      t += 10 * 60_000
    )
      await s.tick(new Date(t));
    const slotsOf = async (channel: string) => {
      const sub = (await store.subscriptions.all()).find((x) => x.channelId === channel);
      return (await store.deliveries.forSubscription(sub?.id ?? 0)).map(
        (d) => `${d.slot.toISOString()} ${d.status}`,
      );
    };
    const delivered = (list: string[]) => list.every((x) => / (posted|empty)$/.test(x));
    const ny = (await slotsOf('ny')).filter((x) => x < '2024-03-13');
    expect(ny.map((x) => x.slice(0, 24))).toEqual([
      '2024-03-09T13:00:00.000Z',
      '2024-03-10T12:00:00.000Z',
      '2024-03-11T12:00:00.000Z',
      '2024-03-12T12:00:00.000Z',
    ]);
    expect(delivered(ny)).toBe(true);
    expect((await slotsOf('ny-gap')).map((x) => x.slice(0, 24))).toContain('2024-03-10T07:30:00.000Z');
    expect((await slotsOf('berlin')).map((x) => x.slice(0, 24))).toEqual([
      '2024-03-30T07:00:00.000Z',
      '2024-03-31T06:00:00.000Z',
      '2024-04-01T06:00:00.000Z',
    ]);
    // No channel ever got the same digest twice.
    expect(new Set(platform.messages.map((m) => m.key)).size).toBe(platform.messages.length);
    await store.close();
  }, 60_000);
});

describe('exactly once', () => {
  it('a process killed between claim and confirmation restarts without a duplicate', async () => {
    const path = join(tempDir(), 'crash.db');
    const store = openStore(path);
    const platform = new FakePlatform();
    const slot = new Date('2024-08-13T05:00:00Z');
    await subscribe(store, 'c1', '08:00', 'Asia/Baghdad', new Date('2024-08-13T00:00Z'));
    await seedStory(store, new Date(slot.getTime() - 2 * H), 1);
    platform.hang = () => true;
    void scheduler(store, platform, 'A', { leaseMs: 10 * 60_000 }).tick(new Date(slot.getTime() + 60_000));
    await new Promise((r) => setTimeout(r, 200));
    expect(platform.messages).toHaveLength(1);

    // "Restart": a new process on the same database. While the dead claim's lease holds, it waits.
    platform.hang = () => false;
    const restarted = openStore(path);
    const b = scheduler(restarted, platform, 'B');
    expect(await b.tick(new Date(slot.getTime() + 5 * 60_000))).toMatchObject({ taken: 1, posted: 0 });
    expect(await b.tick(new Date(slot.getTime() + 12 * 60_000))).toMatchObject({ claimed: 1, posted: 1 });
    expect(platform.messages).toHaveLength(1);
    const [d] = await restarted.deliveries.forSubscription(1);
    expect(d).toMatchObject({ status: 'posted', attempts: 2, claimedBy: 'B', messageIds: ['m1'] });
    await restarted.close();
    await store.close();
  });

  it('on a platform without nonces, a taken-over delivery finds the message already posted instead of repeating it', async () => {
    const path = join(tempDir(), 'crash-slack.db');
    const store = openStore(path);
    const sent: { channel: string; key: string }[] = [];
    let dead = true;
    // Like Slack: every post is a new message; the key travels in metadata and can be searched for.
    const slackLike: Poster<string> = {
      render: (b) => [renderText(b)],
      post: async (channel, _text, { idempotencyKey }) => {
        sent.push({ channel, key: idempotencyKey });
        return dead ? new Promise(() => undefined) : { ok: true, messageId: `ts${sent.length}` };
      },
      findPosted: async (channel, key) => {
        const i = sent.findIndex((m) => m.channel === channel && m.key === key);
        return i >= 0 ? `ts${i + 1}` : null;
      },
    };
    const slot = new Date('2024-08-13T05:00:00Z');
    await subscribe(store, 'c1', '08:00', 'Asia/Baghdad', new Date('2024-08-13T00:00Z'));
    await seedStory(store, new Date(slot.getTime() - 2 * H), 1);
    const make = (s: Store, id: string) =>
      scheduler(s, new FakePlatform(), id, { posters: { discord: slackLike } });
    void make(store, 'A').tick(new Date(slot.getTime() + 60_000));
    await new Promise((r) => setTimeout(r, 200));
    dead = false;
    const restarted = openStore(path);
    expect(await make(restarted, 'B').tick(new Date(slot.getTime() + 12 * 60_000))).toMatchObject({
      posted: 1,
    });
    expect(sent).toHaveLength(1);
    expect((await restarted.deliveries.forSubscription(1))[0]).toMatchObject({
      status: 'posted',
      messageIds: ['ts1'],
      attempts: 2,
    });
    await restarted.close();
    await store.close();
  });

  it('two scheduler instances on one database deliver each slot once', async () => {
    const path = join(tempDir(), 'two.db');
    const a = openStore(path);
    const b = openStore(path);
    const platform = new FakePlatform();
    const now = new Date('2024-08-13T05:01:00Z');
    await seedStory(a, new Date(now.getTime() - 3 * H), 1);
    for (let i = 0; i < 30; i++)
      await subscribe(
        a,
        `c${i}`,
        '08:00',
        'Asia/Baghdad',
        new Date('2024-08-13T00:00Z'),
        i % 2 ? 'iraq-us' : 'iraq-turkiye',
      );
    const [ra, rb] = await Promise.all([
      scheduler(a, platform, 'A').tick(now),
      scheduler(b, platform, 'B').tick(now),
    ]);
    expect((ra?.claimed ?? 0) + (rb?.claimed ?? 0)).toBe(30);
    expect((ra?.taken ?? 0) + (rb?.taken ?? 0)).toBe(30);
    const delivered = await Promise.all(
      (await a.subscriptions.all()).map((s) => a.deliveries.forSubscription(s.id)),
    );
    expect(
      delivered.every((list) => list.length === 1 && ['posted', 'empty'].includes(list[0]?.status ?? '')),
    ).toBe(true);
    expect(new Set(platform.messages.map((m) => m.channel)).size).toBe(platform.messages.length);
    await a.close();
    await b.close();
  });

  it('a 429 storm still delivers everything, once', async () => {
    const store = openStore(join(tempDir(), 'storm.db'));
    const platform = new FakePlatform();
    const now = new Date('2024-08-13T05:01:00Z');
    await seedStory(store, new Date(now.getTime() - 3 * H), 1);
    for (let i = 0; i < 40; i++)
      await subscribe(store, `c${i}`, '08:00', 'Asia/Baghdad', new Date('2024-08-13T00:00Z'));
    let calls = 0;
    platform.fail = () =>
      ++calls % 5 !== 0 ? { ok: false, failure: 'rate_limited', retryAfterMs: 1, detail: '429' } : null;
    const waits: number[] = [];
    const report = await scheduler(store, platform, 'A', { sleep: async (ms) => void waits.push(ms) }).tick(
      now,
    );
    expect(report).toMatchObject({ claimed: 40, posted: 40, failed: 0 });
    expect(report.retried).toBeGreaterThan(100);
    expect(waits.every((w) => w === 1)).toBe(true);
    expect(platform.messages).toHaveLength(40);
    expect(new Set(platform.messages.map((m) => m.channel)).size).toBe(40);
    await store.close();
  });
});

describe('failures, grace and content', () => {
  it('a deleted channel pauses its subscription, shown by /news subscriptions; subscribing again resumes it', async () => {
    const store = openStore(join(tempDir(), 'gone.db'));
    const platform = new FakePlatform();
    const now = new Date('2024-08-13T05:01:00Z');
    await seedStory(store, new Date(now.getTime() - 3 * H), 1);
    await subscribe(store, 'deleted', '08:00', 'Asia/Baghdad', new Date('2024-08-13T00:00Z'));
    platform.fail = () => ({ ok: false, failure: 'gone', detail: '10003: Unknown Channel' });
    expect(await scheduler(store, platform).tick(now)).toMatchObject({ failed: 1, paused: 1 });
    const [sub] = await store.subscriptions.all();
    expect(sub).toMatchObject({
      paused: true,
      pauseReason: 'the channel is gone (deleted or archived) (10003: Unknown Channel)',
    });
    const deps = {
      store,
      topics: config.topics,
      summarizer: createExtractiveSummarizer(),
      defaults: { timezone: 'UTC', time: '08:00' },
      rootName: '/news',
    };
    const ctx = {
      platform: 'discord' as const,
      workspaceId: 'g',
      channelId: 'deleted',
      userId: 'u',
      canManageChannel: true,
      now,
    };
    const listed = await dispatch('subscriptions', {}, ctx, deps);
    expect(listed.kind === 'text' && listed.text).toMatch(
      /Iraq–US: paused \(the channel is gone .*\)\. Subscribe again to resume; last Tue 13 Aug, 08:00 GMT\+3: failed \(gone: 10003: Unknown Channel\)\./,
    );
    expect(await scheduler(store, platform).tick(new Date(now.getTime() + 60_000))).toMatchObject({ due: 0 });
    const again = await dispatch('subscribe', { topic: 'iraq-us' }, ctx, deps);
    expect(again.kind === 'text' && again.text).toMatch(/^Resumed/);
    await store.close();
  });

  it('delivers a missed slot late within the grace period, marked delayed, and skips it beyond', async () => {
    const store = openStore(join(tempDir(), 'grace.db'));
    const platform = new FakePlatform();
    const slot = new Date('2024-08-13T05:00:00Z');
    await seedStory(store, new Date(slot.getTime() - 3 * H), 1);
    await subscribe(store, 'late', '08:00', 'Asia/Baghdad', new Date('2024-08-13T00:00Z'));
    await subscribe(
      store,
      'too-late',
      '08:00',
      'Asia/Baghdad',
      new Date('2024-08-13T00:00Z'),
      'iraq-turkiye',
    );
    const s = scheduler(store, platform, 'A', { graceMs: 6 * H });
    // Down from 07:00 to 10:00 local: the 08:00 slot is 2 hours late.
    await s.tick(new Date(slot.getTime() + 2 * H));
    expect(await store.deliveries.forSubscription(1)).toMatchObject([{ status: 'posted', delayed: true }]);
    // The other subscription's slot of the next day is found 8 hours late: skipped, never posted.
    const nextSlot = new Date(slot.getTime() + 24 * H);
    const before = platform.messages.length;
    await s.tick(new Date(nextSlot.getTime() + 8 * H));
    expect(
      (await store.deliveries.forSubscription(2)).map((d) => [d.slot.toISOString(), d.status]),
    ).toContainEqual([nextSlot.toISOString(), 'skipped']);
    expect(
      platform.messages.filter((m) => m.channel === 'too-late' && m.key.includes(nextSlot.toISOString())),
    ).toHaveLength(0);
    expect(platform.messages.length).toBeGreaterThanOrEqual(before);
    await store.close();
  });

  it('each digest holds what is new since the last one; nothing new is skipped unless asked for', async () => {
    const store = openStore(join(tempDir(), 'content.db'));
    const platform = new FakePlatform();
    const day1 = new Date('2024-08-13T05:00:00Z');
    await subscribe(store, 'c', '08:00', 'Asia/Baghdad', new Date('2024-08-13T00:00Z'));
    const quiet = await store.subscriptions.add({
      platform: 'discord',
      workspaceId: 'g',
      channelId: 'quiet',
      topicId: 'iraq-turkiye',
      time: '08:00',
      timezone: 'Asia/Baghdad',
      createdBy: 'u',
      createdAt: new Date('2024-08-13T00:00Z'),
      postEmpty: true,
    });
    expect('created' in quiet).toBe(true);
    await store.articles.upsertBatch([
      article(
        {
          title: 'Pentagon and Iraq Sign Training Deal',
          body: 'The Pentagon and Iraq signed a deal on training Iraqi pilots in Washington.',
        },
        new Date(day1.getTime() - 5 * H),
      ),
    ]);
    const s = scheduler(store, platform);
    await s.tick(new Date(day1.getTime() + 60_000));
    await store.articles.upsertBatch([
      article(
        {
          title: 'US Treasury Extends Iraq Gas Waiver',
          body: 'The US Treasury extended the waiver for Iraq to buy Iranian gas, Baghdad said.',
        },
        new Date(day1.getTime() + 3 * H),
      ),
    ]);
    await s.tick(new Date(day1.getTime() + 24 * H + 60_000));
    const toC = platform.messages.filter((m) => m.channel === 'c').map((m) => m.text);
    expect(toC).toHaveLength(2);
    expect(toC[0]).toContain('Pentagon and Iraq Sign Training Deal');
    expect(toC[1]).toContain('US Treasury Extends Iraq Gas Waiver');
    expect(toC[1]).not.toContain('Pentagon');
    // Nothing on Iraq–Türkiye: the subscription that asked for it gets a short "nothing new".
    expect(platform.messages.filter((m) => m.channel === 'quiet').map((m) => m.text.trim())).toEqual([
      'No new Iraq–Türkiye stories in the last 24 hours.',
      'No new Iraq–Türkiye stories in the last 24 hours.',
    ]);
    await store.close();
  });
});

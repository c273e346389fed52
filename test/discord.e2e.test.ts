import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.ts';
import { startDiscord } from '../src/bots/discord/adapter.ts';
import { slashCommandData } from '../src/bots/discord/commands.ts';
import { createDiscordPoster } from '../src/bots/discord/poster.ts';
import { DISCORD_LIMITS, type DiscordEmbed, embedChars } from '../src/bots/discord/render.ts';
import { createBriefingBuilder } from '../src/briefing/cache.ts';
import type { Summarizer } from '../src/briefing/summarize.ts';
import { loadConfig } from '../src/config/load.ts';
import { ingestSamples } from '../src/samples.ts';
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID } from './fakes/discord.ts';
import { tempDir } from './helpers.ts';

let fake: FakeDiscord;
let app: App;
let discord: Awaited<ReturnType<typeof startDiscord>>;
let dir: string;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  dir = tempDir();
  const env = {
    NEWSBRIEF_DB: join(dir, 'discord.db'),
    DISCORD_TOKEN: 'fake-token-for-tests',
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_API_URL: fake.apiUrl,
  };
  app = await createApp(loadConfig(env), pino({ level: 'silent' }));
  await ingestSamples(app, new Date());
  discord = await startDiscord(app);
}, 30_000);

afterAll(async () => {
  await discord?.stop();
  await app?.store.close();
  await fake?.stop();
});

type Callback = {
  type: number;
  data?: { content?: string; embeds?: DiscordEmbed[]; flags?: number; choices?: unknown[] };
};
const callbackFor = (id: string) =>
  fake.waitFor(
    () => fake.requestsTo('POST', new RegExp(`^/interactions/${id}/`))[0]?.body as Callback | undefined,
  );

function expectEmbedsWithinLimits(embeds: DiscordEmbed[]) {
  expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  expect(embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.totalEmbedChars);
  for (const e of embeds) expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
}

describe('Discord adapter against a fake Discord', () => {
  it('connects through the gateway: HELLO, IDENTIFY with only the Guilds intent, READY, GUILD_CREATE, heartbeats', async () => {
    expect(fake.gatewayOps.slice(0, 2)).toEqual([10, 2]);
    expect(fake.identified).toMatchObject({ token: 'fake-token-for-tests', intents: 1 });
    expect(discord.client.guilds.cache.get(GUILD_ID)?.name).toBe('Newsroom');
    await fake.waitFor(() => fake.heartbeats >= 1);
    expect(fake.requestsTo('GET', /^\/gateway\/bot$/)).toHaveLength(1);
  });

  it('registers /news to the guild with one subcommand per handler and topic autocomplete', () => {
    const [put] = fake.requestsTo('PUT', new RegExp(`^/applications/${APP_ID}/guilds/${GUILD_ID}/commands$`));
    expect(put?.body).toEqual(slashCommandData('news'));
    const [news] = (put?.body ?? []) as {
      name: string;
      options: { name: string; options: { name: string; autocomplete?: boolean; required: boolean }[] }[];
    }[];
    expect(news?.name).toBe('news');
    expect(news?.options.map((o) => o.name)).toEqual([
      'brief',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'topics',
      'search',
      'sources',
      'help',
    ]);
    const briefOpts = news?.options[0]?.options;
    expect(briefOpts?.[0]).toMatchObject({ name: 'topic', required: true, autocomplete: true });
    expect(briefOpts?.[1]).toMatchObject({ name: 'since', required: false });
  });

  it('answers /news brief with embeds within limits, in the channel', async () => {
    const { id } = fake.interaction('brief', { topic: 'iraq-turkey', since: '3d' });
    const cb = await callbackFor(id);
    expect(cb.type).toBe(4);
    expect(cb.data?.flags ?? 0).toBe(0);
    expect(cb.data?.content).toBe('**Iraq–Türkiye briefing: the last 3 days**');
    const embeds = cb.data?.embeds ?? [];
    expectEmbedsWithinLimits(embeds);
    expect(embeds[0]?.title).toMatch(/Ceyhan|Pipeline/i);
    expect(embeds[0]?.fields?.[0]?.name).toBe('Sources (3)');
    expect(embeds.at(-1)?.footer?.text).toMatch(/^extractive summaries · \d+ articles from \d+ sources$/);
  });

  it('defers a slow briefing within the 3 seconds, then edits the answer in', async () => {
    const original = app.commandDeps.summarizer;
    const slow: Summarizer = {
      generator: 'extractive',
      summarize: async (stories, ctx) => {
        await new Promise((r) => setTimeout(r, 1500));
        return original.summarize(stories, ctx);
      },
    };
    const cached = app.commandDeps.briefings;
    app.commandDeps.summarizer = slow;
    app.commandDeps.briefings = createBriefingBuilder(app.store, slow);
    try {
      const sentAt = Date.now();
      const { id, token } = fake.interaction('brief', { topic: 'iraq-us' });
      const cb = await callbackFor(id);
      const callbackAt = fake.requestsTo('POST', new RegExp(`^/interactions/${id}/`))[0]?.at ?? 0;
      expect(cb.type).toBe(5);
      expect(callbackAt - sentAt).toBeLessThan(3000);
      const edit = await fake.waitFor(
        () =>
          fake.requestsTo('PATCH', new RegExp(`^/webhooks/${APP_ID}/${token}/messages/(@|%40)original$`))[0],
      );
      expect(edit.at).toBeGreaterThan(callbackAt);
      const body = edit.body as { embeds: DiscordEmbed[]; content: string };
      expect(body.content).toMatch(/Iraq–US briefing/);
      expect(body.embeds.length).toBeGreaterThan(0);
      expectEmbedsWithinLimits(body.embeds);
    } finally {
      app.commandDeps.summarizer = original;
      app.commandDeps.briefings = cached;
    }
  });

  it('sends mistakes back only to the person who asked, saying what to do', async () => {
    const { id } = fake.interaction('brief', { topic: 'mars' });
    const cb = await callbackFor(id);
    expect(cb.type).toBe(4);
    expect(cb.data?.flags).toBe(64);
    expect(cb.data?.content).toMatch(/I don't know the topic "mars"[\s\S]*iraq-us/);
  });

  it('refuses subscribe without Manage Channels, or when the bot cannot embed links there', async () => {
    const noManage = fake.interaction('subscribe', { topic: 'iraq-us' }, { manage: false });
    const refused = await callbackFor(noManage.id);
    expect(refused.data?.flags).toBe(64);
    expect(refused.data?.content).toMatch(/can't change this channel's subscriptions/);

    const viewAndSend = (1n << 10n) | (1n << 11n);
    const noEmbeds = fake.interaction('subscribe', { topic: 'iraq-us' }, { appPermissions: viewAndSend });
    const missing = await callbackFor(noEmbeds.id);
    expect(missing.data?.flags).toBe(64);
    expect(missing.data?.content).toMatch(/missing the Embed Links permission/);
    expect(await app.store.subscriptions.all()).toHaveLength(0);
  });

  it('subscribes the channel and lists it with its next digest', async () => {
    const sub = fake.interaction('subscribe', {
      topic: 'iraq-turkiye',
      time: '07:30',
      timezone: 'Asia/Baghdad',
    });
    expect((await callbackFor(sub.id)).data?.content).toMatch(
      /Subscribed: this channel gets the Iraq–Türkiye digest every day at 07:30 \(Asia\/Baghdad\)\. Next: .* GMT\+3\./,
    );
    expect(await app.store.subscriptions.all()).toMatchObject([
      { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID, topicId: 'iraq-turkiye' },
    ]);
    const list = fake.interaction('subscriptions', {});
    const cb = await callbackFor(list.id);
    expect(cb.data?.flags).toBe(64);
    expect(cb.data?.content).toMatch(/Iraq–Türkiye: daily at 07:30 \(Asia\/Baghdad\); next/);
  });

  it('autocompletes topics', async () => {
    const { id } = fake.interaction('brief', { topic: 'turk' }, { type: 4 });
    const cb = await callbackFor(id);
    expect(cb).toEqual({
      type: 8,
      data: { choices: [{ name: 'Iraq–Türkiye (iraq-turkiye)', value: 'iraq-turkiye' }] },
    });
  });

  it('posts digests for the scheduler with a nonce, retries a 429 after Retry-After, and types failures', async () => {
    const poster = createDiscordPoster(discord.client.rest);
    const route = `POST /channels/${CHANNEL_ID}/messages`;
    fake.rateLimitOnce.set(route, 1);
    const ok = await poster.post(
      CHANNEL_ID,
      { content: 'digest', embeds: [] },
      { idempotencyKey: 'sub-1@2024-08-13T05:00:00Z' },
    );
    expect(ok).toEqual({ ok: true, messageId: expect.any(String) });
    const attempts = fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(250);
    expect(attempts[1]?.body).toMatchObject({ enforce_nonce: true, nonce: expect.stringMatching(/^.{25}$/) });

    fake.channelErrors.set('300000000000000009', [404, 10003]);
    fake.channelErrors.set('300000000000000008', [403, 50001]);
    fake.channelErrors.set('300000000000000007', [500, 0]);
    const post = (c: string) => poster.post(c, { content: 'x', embeds: [] }, { idempotencyKey: c });
    expect(await post('300000000000000009')).toMatchObject({ ok: false, failure: 'gone' });
    expect(await post('300000000000000008')).toMatchObject({ ok: false, failure: 'forbidden' });
    expect(await post('300000000000000007')).toMatchObject({ ok: false, failure: 'transient' });
  }, 30_000);
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const APP_ID = '100000000000000001';
export const BOT_ID = '100000000000000002';
export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '300000000000000001';
export const USER_ID = '400000000000000001';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  at: number;
}

/**
 * A local stand-in for Discord: the REST API under /api/v10 and a gateway WebSocket speaking the
 * real protocol (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, dispatches). It records what the
 * client sends, and can be told to answer a route with 429 or an error.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly gatewayOps: number[] = [];
  heartbeats = 0;
  identified: Record<string, unknown> | null = null;
  private server: Server;
  private wss: WebSocketServer;
  private socket: WebSocket | null = null;
  private seq = 0;
  private messageId = 500000000000000000n;
  /** Routes that answer 429 with Retry-After this many times before succeeding. */
  rateLimitOnce = new Map<string, number>();
  /** Channel ids whose messages fail with a Discord error: [status, code]. */
  channelErrors = new Map<string, [number, number]>();
  /** Delay for the interaction callback, to check the client's timing. */
  port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => this.route(req, raw, res));
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onGateway(ws));
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  requestsTo(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path));
  }

  async waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 8000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the fake Discord');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private json(
    res: import('node:http').ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    // Like Discord, an empty 204 carries no content type.
    res.writeHead(status, body === undefined ? headers : { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private route(req: IncomingMessage, raw: string, res: import('node:http').ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const body = raw ? JSON.parse(raw) : undefined;
    this.requests.push({ method, path, query: url.searchParams, body, at: Date.now() });
    const limited = this.rateLimitOnce.get(`${method} ${path}`);
    if (limited) {
      this.rateLimitOnce.set(`${method} ${path}`, limited - 1);
      return this.json(
        res,
        429,
        { message: 'You are being rate limited.', retry_after: 0.3, global: false },
        {
          'retry-after': '0.3',
          'x-ratelimit-scope': 'user',
        },
      );
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return this.json(res, 200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return this.json(
        res,
        200,
        (body as object[]).map((c, i) => ({
          ...c,
          id: `90000000000000000${i}`,
          application_id: APP_ID,
          version: '1',
        })),
      );
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path))
      return this.json(res, 204, undefined);
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessage) {
      const error = this.channelErrors.get(channelMessage[1] ?? '');
      if (error) return this.json(res, error[0], { message: 'error from fake', code: error[1] });
      return this.json(res, 200, this.message(channelMessage[1] ?? '', body));
    }
    if (/^\/webhooks\/\d+\/[^/]+(\/messages\/(@|%40)original)?$/.test(path)) {
      if (method === 'DELETE') return this.json(res, 204, undefined);
      return this.json(res, 200, this.message(CHANNEL_ID, body));
    }
    process.stderr.write(`fake discord: unknown route ${method} ${path}\n`);
    return this.json(res, 404, { message: 'Unknown route in fake', code: 0 });
  }

  private message(channelId: string, body: unknown) {
    this.messageId += 1n;
    return {
      id: this.messageId.toString(),
      channel_id: channelId,
      type: 0,
      content: (body as { content?: string })?.content ?? '',
      embeds: (body as { embeds?: unknown[] })?.embeds ?? [],
      author: { id: BOT_ID, username: 'newsbrief', discriminator: '0', bot: true },
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      components: [],
    };
  }

  private send(payload: object) {
    this.socket?.send(JSON.stringify(payload));
  }

  dispatch(t: string, d: unknown) {
    this.send({ op: 0, t, s: ++this.seq, d });
  }

  private onGateway(ws: WebSocket) {
    this.socket = ws;
    this.gatewayOps.push(10);
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 400 } }));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { op: number; d: Record<string, unknown> };
      this.gatewayOps.push(msg.op);
      if (msg.op === 1) {
        this.heartbeats++;
        ws.send(JSON.stringify({ op: 11 }));
      }
      if (msg.op === 2) {
        this.identified = msg.d;
        this.dispatch('READY', {
          v: 10,
          user: { id: BOT_ID, username: 'newsbrief', discriminator: '0', bot: true, avatar: null },
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          application: { id: APP_ID, flags: 0 },
          private_channels: [],
        });
        this.dispatch('GUILD_CREATE', guild());
      }
    });
  }

  /** Sends a `/news <sub> …` interaction as Discord would. */
  interaction(
    sub: string,
    options: Record<string, string>,
    opts: { manage?: boolean; appPermissions?: bigint; type?: 2 | 4 } = {},
  ) {
    const id = (600000000000000000n + BigInt(this.seq + 1)).toString();
    const token = `token-${id}`;
    // Everything but Administrator (bit 3), which would imply every other permission.
    const everything = ((1n << 50n) - 1n) & ~(1n << 3n);
    const withoutManage = everything & ~(1n << 4n);
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: APP_ID,
      type: opts.type ?? 2,
      token,
      version: 1,
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'news-desk', permission_overwrites: [] },
      app_permissions: String(opts.appPermissions ?? everything),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 0,
      member: {
        user: { id: USER_ID, username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null },
        roles: [],
        permissions: String(opts.manage === false ? withoutManage : everything),
        joined_at: '2024-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
      },
      data: {
        id: '900000000000000000',
        name: 'news',
        type: 1,
        options: [
          {
            type: 1,
            name: sub,
            options: Object.entries(options).map(([name, value]) => ({
              type: 3,
              name,
              value,
              ...(opts.type === 4 ? { focused: true } : {}),
            })),
          },
        ],
      },
    });
    return { id, token };
  }
}

function guild() {
  return {
    id: GUILD_ID,
    name: 'Newsroom',
    icon: null,
    owner_id: USER_ID,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    nsfw_level: 0,
    preferred_locale: 'en-US',
    features: [],
    roles: [
      {
        id: GUILD_ID,
        name: '@everyone',
        permissions: '104324673',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    unavailable: false,
    member_count: 2,
    large: false,
    joined_at: '2024-01-01T00:00:00.000Z',
    voice_states: [],
    members: [
      {
        user: { id: BOT_ID, username: 'newsbrief', discriminator: '0', bot: true },
        roles: [],
        joined_at: '2024-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
      },
    ],
    channels: [
      {
        id: CHANNEL_ID,
        type: 0,
        name: 'news-desk',
        position: 0,
        permission_overwrites: [],
        guild_id: GUILD_ID,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

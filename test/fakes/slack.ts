import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const TEAM_ID = 'T0000001';
export const PUBLIC_CHANNEL = 'C0000001';
export const PRIVATE_CHANNEL = 'G0000001';
export const USER_ID = 'U0000001';

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

/** Form or JSON bodies, with the JSON-in-form fields (blocks, metadata) decoded. */
function decode(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

/**
 * A local Slack: Web API methods under /api, response_url endpoints under /response, and a Socket Mode
 * WebSocket under /link. Records every call; can answer a method with 429 + Retry-After once.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: { id: string; body: Record<string, unknown>; at: number }[] = [];
  readonly socketAcks: Record<string, unknown>[] = [];
  rateLimitOnce = new Set<string>();
  postErrors = new Map<string, string>();
  /** Messages posted, per channel, as conversations.history returns them. */
  readonly history = new Map<string, { ts: string; text: unknown; metadata?: unknown }[]>();
  port = 0;
  private server: Server;
  private wss: WebSocketServer;
  private socket: WebSocket | null = null;
  private ts = 1_700_000_000;

  constructor() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => this.route(req, raw, res));
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/link' });
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake' },
          connection_info: { app_id: 'A1' },
        }),
      );
      ws.on('message', (data) => this.socketAcks.push(JSON.parse(String(data))));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 8000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the fake Slack');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** A slash command as Slack sends it, form-encoded, with a response_url back to this fake. */
  slashCommand(
    text: string,
    channel = PUBLIC_CHANNEL,
  ): { body: string; responseId: string; fields: Record<string, string> } {
    const responseId = `r${this.responses.length}-${Math.random().toString(36).slice(2, 8)}`;
    const fields = {
      token: 'legacy',
      team_id: TEAM_ID,
      team_domain: 'newsroom',
      channel_id: channel,
      channel_name: channel === PUBLIC_CHANNEL ? 'news-desk' : 'private-desk',
      user_id: USER_ID,
      user_name: 'alice',
      command: '/news',
      text,
      api_app_id: 'A1',
      is_enterprise_install: 'false',
      response_url: `http://127.0.0.1:${this.port}/response/${responseId}`,
      trigger_id: '1.2.3',
    };
    return { body: new URLSearchParams(fields).toString(), responseId, fields };
  }

  /** Sends a slash command over the Socket Mode connection. */
  socketSlashCommand(text: string): { envelopeId: string; responseId: string } {
    const { fields, responseId } = this.slashCommand(text);
    const envelopeId = `env-${responseId}`;
    this.socket?.send(
      JSON.stringify({
        envelope_id: envelopeId,
        payload: fields,
        type: 'slash_commands',
        accepts_response_payload: true,
      }),
    );
    return { envelopeId, responseId };
  }

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private route(req: IncomingMessage, raw: string, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const response = /^\/response\/(.+)$/.exec(url.pathname);
    if (response) {
      this.responses.push({ id: response[1] ?? '', body: JSON.parse(raw), at: Date.now() });
      return this.reply(res, 200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const body = decode(raw, req.headers['content-type']);
    this.calls.push({ method, body, at: Date.now() });
    if (this.rateLimitOnce.delete(method))
      return this.reply(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    switch (method) {
      case 'auth.test':
        return this.reply(res, 200, {
          ok: true,
          url: 'https://newsroom.slack.com/',
          team: 'Newsroom',
          user: 'newsbrief',
          team_id: TEAM_ID,
          user_id: 'UBOT',
          bot_id: 'BBOT',
        });
      case 'apps.connections.open':
        return this.reply(res, 200, { ok: true, url: `ws://127.0.0.1:${this.port}/link` });
      case 'conversations.info': {
        const channel = String(body.channel);
        if (channel === PRIVATE_CHANNEL)
          return this.reply(res, 200, { ok: false, error: 'channel_not_found' });
        return this.reply(res, 200, {
          ok: true,
          channel: { id: channel, is_private: false, is_member: false, is_archived: false },
        });
      }
      case 'users.info':
        return this.reply(res, 200, { ok: true, user: { id: body.user, is_admin: false, is_owner: false } });
      case 'chat.postMessage': {
        const error = this.postErrors.get(String(body.channel));
        if (error) return this.reply(res, 200, { ok: false, error });
        this.ts += 1;
        const ts = `${this.ts}.000100`;
        const list = this.history.get(String(body.channel)) ?? [];
        list.unshift({ ts, text: body.text, ...(body.metadata ? { metadata: body.metadata } : {}) });
        this.history.set(String(body.channel), list);
        return this.reply(res, 200, { ok: true, channel: body.channel, ts, message: { text: body.text } });
      }
      case 'conversations.history': {
        const all = this.history.get(String(body.channel)) ?? [];
        const withMetadata = String(body.include_all_metadata) === 'true';
        const messages = all
          .slice(0, Number(body.limit ?? 100))
          .map((m) => (withMetadata ? m : { ts: m.ts, text: m.text }));
        return this.reply(res, 200, { ok: true, messages, has_more: false });
      }
      default:
        return this.reply(res, 200, { ok: false, error: 'unknown_method' });
    }
  }
}

export function sign(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
  };
}

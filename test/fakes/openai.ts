import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  status?: number;
  /** The assistant's text (for a 200), or an error body. */
  content?: string;
  delayMs?: number;
  tokens?: number;
  headers?: Record<string, string>;
}

/** An OpenAI-compatible /v1/chat/completions that answers from a script and records requests. */
export class FakeOpenAI {
  readonly requests: {
    body: { model: string; messages: { role: string; content: string }[] };
    at: number;
  }[] = [];
  script: FakeReply[] = [];
  fallback: FakeReply = { content: '{"summary": "", "sources": []}' };
  private server: Server;
  port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', async () => {
        if (req.url !== '/v1/chat/completions') {
          res.writeHead(404).end();
          return;
        }
        this.requests.push({ body: JSON.parse(raw), at: Date.now() });
        const reply = this.script.shift() ?? this.fallback;
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (res.destroyed) return;
        const status = reply.status ?? 200;
        res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
        if (status !== 200) {
          res.end(JSON.stringify({ error: { message: reply.content ?? 'error', type: 'server_error' } }));
          return;
        }
        res.end(
          JSON.stringify({
            id: 'chatcmpl-1',
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: 'test-model',
            choices: [
              { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply.content } },
            ],
            usage: {
              prompt_tokens: (reply.tokens ?? 120) - 20,
              completion_tokens: 20,
              total_tokens: reply.tokens ?? 120,
            },
          }),
        );
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

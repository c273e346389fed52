import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedSource } from '../src/config/schema.ts';
import { parseFeedDate } from '../src/ingest/feeds/dates.ts';
import { decodeFeed } from '../src/ingest/feeds/decode.ts';
import { healthLines, sourcesHealth } from '../src/ingest/feeds/health.ts';
import { parseFeed } from '../src/ingest/feeds/parse.ts';
import { FeedPoller } from '../src/ingest/feeds/poller.ts';
import type { Store } from '../src/store/types.ts';
import { classifier, memoryStore } from './helpers.ts';

const rss = (
  items: { title: string; link: string; description: string; date?: string }[],
  declared = 'UTF-8',
) =>
  `<?xml version="1.0" encoding="${declared}"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>
${items.map((i) => `<item><title>${i.title}</title><link>${i.link}</link><description><![CDATA[${i.description}]]></description>${i.date ? `<pubDate>${i.date}</pubDate>` : ''}</item>`).join('\n')}
</channel></rss>`;

const PIPELINE = {
  title: 'Iraq and Türkiye restart the Kirkuk–Ceyhan pipeline',
  link: '/2024/pipeline',
  description:
    '<p>Oil from <b>northern Iraq</b> reached Ceyhan in Türkiye on Saturday.</p><script>alert(1)</script><style>p{}</style>',
  date: 'Sat, 27 Sep 2025 09:30:00 GMT',
};
const WATER = {
  title: 'Baghdad and Ankara sign water framework',
  link: 'https://wire.example/2024/water',
  description: 'Iraq and Türkiye agreed to fund irrigation projects on the Tigris &amp; Euphrates.',
  date: '2025-09-28T10:00:00+03:00',
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let base: string;
const routes = new Map<string, Handler>();
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const h = routes.get(path);
    if (h) h(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

let store: Store;
beforeEach(() => {
  store = memoryStore();
  routes.clear();
  hits.clear();
});

const logger = pino({ level: 'silent' });
const feed = (path: string, over: Partial<FeedSource> = {}): FeedSource => ({
  url: `${base}${path}`,
  name: 'Test Wire',
  interval: 15 * 60_000,
  topics: [],
  full_text: false,
  ...over,
});
const poller = (feeds: FeedSource[], over = {}) =>
  new FeedPoller({ store, classifier, feeds, logger, timeoutMs: 500, ...over });
const NOW = new Date('2025-09-28T12:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('feed polling over HTTP', () => {
  it('stores items (clean text, resolved links, dates), then costs one request and no parse while unchanged (ETag)', async () => {
    routes.set('/etag.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rss([PIPELINE, WATER]));
    });
    const p = poller([feed('/etag.xml')]);
    const [first] = await p.pollDue(NOW);
    expect(first).toMatchObject({ outcome: 'new', requests: 1, parsed: true, items: 2, stored: 2 });
    const pipeline = (await store.articles.list({})).find((a) => a.title.includes('pipeline'));
    expect(pipeline).toMatchObject({
      url: 'https://wire.example/2024/pipeline',
      source: 'Test Wire',
      body: 'Oil from northern Iraq reached Ceyhan in Türkiye on Saturday.',
      publishedAt: new Date('2025-09-27T09:30:00Z'),
    });
    expect(pipeline?.tags.map((t) => t.topicId)).toEqual(['iraq-turkiye']);
    expect((await p.pollDue(later(5)))[0]?.outcome).toBe('skipped'); // not due yet
    const [second] = await p.pollDue(later(16));
    expect(second).toMatchObject({ outcome: 'not_modified', requests: 1, parsed: false });
    expect(hits.get('/etag.xml')).toBe(2);
  });

  it('uses Last-Modified, follows redirects and reads gzip', async () => {
    const modified = 'Sun, 28 Sep 2025 09:00:00 GMT';
    routes.set('/old', (_req, res) => void res.writeHead(301, { location: '/lm.xml' }).end());
    routes.set('/lm.xml', (req, res) => {
      if (req.headers['if-modified-since'] === modified) return void res.writeHead(304).end();
      res.writeHead(200, {
        'content-type': 'application/rss+xml',
        'last-modified': modified,
        'content-encoding': 'gzip',
      });
      res.end(gzipSync(rss([WATER])));
    });
    const p = poller([feed('/old')]);
    expect((await p.pollDue(NOW))[0]).toMatchObject({ outcome: 'new', items: 1 });
    expect((await p.pollDue(later(16)))[0]).toMatchObject({ outcome: 'not_modified', parsed: false });
    expect(hits.get('/old')).toBe(2);
  });

  it('backs off exponentially on 500 and on timeouts, and disables a feed after repeated failures, loudly', async () => {
    routes.set('/500.xml', (_req, res) => void res.writeHead(500).end('oops'));
    routes.set('/slow.xml', (_req, res) => void setTimeout(() => res.writeHead(200).end(rss([WATER])), 2000));
    const errors: Record<string, unknown>[] = [];
    const p = poller([feed('/500.xml'), feed('/slow.xml', { name: 'Slow' })], {
      logger: pino({ level: 'warn' }, { write: (l: string) => void errors.push(JSON.parse(l)) }),
      maxFailures: 3,
    });
    const [fail, slow] = await p.pollDue(NOW);
    expect(fail).toMatchObject({ outcome: 'failed', error: 'HTTP 500 Internal Server Error' });
    expect(slow).toMatchObject({ outcome: 'failed', error: 'timed out after 500 ms' });
    expect((await store.feeds.get(feed('/500.xml').url))?.nextPollAt).toEqual(later(30));
    await p.pollDue(later(31));
    expect((await store.feeds.get(feed('/500.xml').url))?.nextPollAt).toEqual(later(31 + 60));
    await p.pollDue(later(92));
    const state = await store.feeds.get(feed('/500.xml').url);
    expect(state?.disabledReason).toBe(
      'disabled after 3 failures in a row (last: HTTP 500 Internal Server Error)',
    );
    expect(errors.some((e) => e.level === 50 && e.feed === feed('/500.xml').url)).toBe(true);
    expect((await p.pollDue(later(5000)))[0]?.outcome).toBe('disabled');
    const lines = healthLines(await sourcesHealth(store, [feed('/500.xml')]), later(5000));
    expect(lines[0]).toMatch(/\[disabled\] .* last error: disabled after 3 failures/);
  });

  it('decodes a wrong declared encoding, recovers broken XML, and stores an item shared by two feeds once', async () => {
    routes.set(
      '/latin.xml',
      (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/xml' })
          .end(Buffer.from(rss([WATER], 'ISO-8859-1'), 'utf8')),
    );
    routes.set(
      '/broken.xml',
      (_req, res) =>
        void res
          .writeHead(200)
          .end(
            '<rss><channel><item><title>Iraq and US talk</title><link>https://wire.example/talk</link><description>Baghdad & Washington met. <b>unclosed</description></item><item><title>Second',
          ),
    );
    routes.set('/mirror.xml', (_req, res) => void res.writeHead(200).end(rss([WATER])));
    const results = await poller([
      feed('/latin.xml'),
      feed('/broken.xml'),
      feed('/mirror.xml', { name: 'Mirror' }),
    ]).pollDue(NOW);
    expect(results.map((r) => r.outcome)).toEqual(['new', 'new', 'new']);
    const titles = (await store.articles.list({ includeDuplicates: true })).map((a) => a.title);
    expect(titles).toContain('Baghdad and Ankara sign water framework');
    expect(titles.filter((t) => t.includes('water'))).toHaveLength(1);
    expect(titles).toContain('Iraq and US talk');
    expect((await store.articles.list({})).find((a) => a.title.includes('water'))?.body).toBe(
      'Iraq and Türkiye agreed to fund irrigation projects on the Tigris & Euphrates.',
    );
  });

  it('fetches the full text of a teaser item when the source asks for it, and keeps the teaser', async () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i + 1}: Iraqi and Turkish engineers inspected the Kirkuk–Ceyhan pipeline and its pumping stations before exports resumed, officials in Baghdad said.</p>`,
    ).join('');
    routes.set(
      '/article.html',
      (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            `<html><head><title>x</title></head><body><nav>Home | World</nav><article><h1>Pipeline restart</h1>${paragraphs}</article><footer>© Wire</footer></body></html>`,
          ),
    );
    routes.set(
      '/teasers.xml',
      (_req, res) =>
        void res.writeHead(200).end(
          rss([
            {
              title: 'Pipeline restart',
              link: `${base}/article.html`,
              description: 'Engineers checked the line.',
            },
          ]),
        ),
    );
    const [r] = await poller([feed('/teasers.xml', { full_text: true })]).pollDue(NOW);
    expect(r?.requests).toBe(2);
    const [a] = await store.articles.list({});
    expect(a?.body.split('\n\n')).toHaveLength(6);
    expect(a?.body).toMatch(/^Paragraph 1: Iraqi and Turkish engineers/);
    expect(a?.body).not.toMatch(/Home \| World|© Wire/);
  });
});

describe('feed parsing', () => {
  it('reads RSS 1.0, Atom with relative links and xhtml content, and JSON Feed', () => {
    const rdf = parseFeed(
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel><item><title>One</title><link>https://r.example/1</link><description>Text one</description><dc:date>2025-09-28T08:00:00Z</dc:date></item></rdf:RDF>`,
    );
    expect(rdf).toMatchObject({
      format: 'rdf',
      status: 'parsed',
      items: [{ title: 'One', link: 'https://r.example/1', text: 'Text one' }],
    });
    const atom = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/news/"><title>A</title><entry><title type="html">Two &lt;b&gt;bold&lt;/b&gt;</title><link rel="alternate" href="two.html"/><id>urn:2</id><updated>2025-09-28T08:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <em>two</em></p></div></content></entry></feed>`,
    );
    expect(atom.items[0]).toMatchObject({
      title: 'Two bold',
      link: 'https://a.example/news/two.html',
      text: 'Body two',
      guid: 'urn:2',
    });
    const json = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'J',
        home_page_url: 'https://j.example/',
        items: [
          {
            id: '3',
            url: '/three',
            title: 'Three',
            content_html: '<p>Hi &amp; bye</p>',
            date_published: '2025-09-28T08:00:00Z',
          },
        ],
      }),
    );
    expect(json).toMatchObject({
      format: 'json',
      items: [{ title: 'Three', link: 'https://j.example/three', text: 'Hi & bye' }],
    });
    expect(parseFeed('<html><body>Moved</body></html>')).toMatchObject({ status: 'rejected' });
  });

  it.each([
    ['Sat, 27 Sep 2025 09:30:00 GMT', '2025-09-27T09:30:00.000Z'],
    ['27 Sep 2025 09:30 EDT', '2025-09-27T13:30:00.000Z'],
    ['Sat, 27 sep 25 09:30:00 +0300', '2025-09-27T06:30:00.000Z'],
    ['2025-09-27T09:30:00+03:00', '2025-09-27T06:30:00.000Z'],
    ['2025-09-27T09:30:00', '2025-09-27T09:30:00.000Z'],
    ['2025-09-27', '2025-09-27T00:00:00.000Z'],
  ])('date %s', (text, iso) => {
    expect(parseFeedDate(text)?.toISOString()).toBe(iso);
  });

  it('decodes declared single-byte encodings and BOMs', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss>Caf\u00e9</rss>', 'latin1');
    expect(decodeFeed(latin1).text).toContain('Café');
    expect(
      decodeFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>Türkiye</rss>')])).text,
    ).toBe('<rss>Türkiye</rss>');
    expect(decodeFeed(Buffer.from('<rss>Türkiye</rss>'), 'text/xml; charset=windows-1252')).toMatchObject({
      text: '<rss>Türkiye</rss>',
      mismatch: true,
    });
  });
});

describe('watched folders', () => {
  it('ingests the files of a folder, then only files changed since the last look', async () => {
    const { mkdtempSync, writeFileSync, utimesSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { FolderWatcher } = await import('../src/ingest/folders.ts');
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-inbox-'));
    writeFileSync(
      join(dir, 'a.jsonl'),
      `${JSON.stringify({ title: 'Iraq and US hold talks', body: 'Baghdad and Washington met.', url: 'https://i.example/a' })}\n`,
    );
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, 'a.jsonl'), old, old);
    const watcher = new FolderWatcher(
      [{ path: dir, source: 'Desk', interval: 60_000 }],
      { store, classifier },
      logger,
    );
    await watcher.scan(new Date());
    expect((await store.articles.list({})).map((a) => [a.title, a.source])).toEqual([
      ['Iraq and US hold talks', 'Desk'],
    ]);
    writeFileSync(
      join(dir, 'b.jsonl'),
      `${JSON.stringify({ title: 'Türkiye and Iraq open a border gate', body: 'Ankara and Baghdad opened it.', url: 'https://i.example/b' })}\n`,
    );
    await watcher.scan(new Date(Date.now() + 61_000));
    expect(await store.articles.count()).toBe(2);
  });
});

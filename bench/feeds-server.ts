/** The feed servers of the feeds benchmark, in their own process so the poller cannot starve them. */
import { createServer, type Server } from 'node:http';
import { generateItems } from './generate.ts';

const HOSTS = 10;
const versions = new Map<number, number>();
let requests = 0;
let notModified = 0;

function feedXml(n: number, version: number): string {
  const items = generateItems(20, { seed: n * 1000 + version + 1 })
    .map(
      (it, i) =>
        `<item><title>${it.title}</title><link>https://outlet${n}.example/${version}/${i}</link><description><![CDATA[<p>${it.description}</p>]]></description><pubDate>${new Date(it.date_published).toUTCString()}</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ${n}</title><link>https://outlet${n}.example/</link>${items}</channel></rss>`;
}

const servers: Server[] = [];
for (let h = 0; h < HOSTS; h++) {
  const server = createServer((req, res) => {
    requests++;
    const n = Number(/\/feed\/(\d+)\.xml/.exec(req.url ?? '')?.[1]);
    const version = versions.get(n) ?? 0;
    const etag = `"${n}-${version}"`;
    if (req.headers['if-none-match'] === etag) {
      notModified++;
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(feedXml(n, version));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, `127.0.0.${h + 2}`, r));
  servers.push(server);
}

process.on('message', (m: { type: string; feeds?: number[] }) => {
  if (m.type === 'change') for (const n of m.feeds ?? []) versions.set(n, (versions.get(n) ?? 0) + 1);
  if (m.type === 'reset') {
    requests = 0;
    notModified = 0;
  }
  if (m.type === 'stats' || m.type === 'change' || m.type === 'reset')
    process.send?.({ type: 'stats', requests, notModified });
  if (m.type === 'stop') process.exit(0);
});
process.send?.({ type: 'ready', hosts: servers.map((s) => s.address()) });

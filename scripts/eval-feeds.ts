/**
 * Feed parsing on real and broken feeds: parsed / recovered / rejected counts and crashes over every
 * file under the corpus's rss_fixtures_* folders, items carrying <script> after cleaning, and for the
 * rss-parser fixtures, item counts and titles against that library's expected output.
 *   npm run eval:feeds -- --corpus ../shared/corpus
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeFeed } from '../src/ingest/feeds/decode.ts';
import { parseFeed } from '../src/ingest/feeds/parse.ts';
import { htmlToText } from '../src/text/normalize.ts';

const { values } = parseArgs({ options: { corpus: { type: 'string' } } });
if (!values.corpus) {
  process.stderr.write('usage: npm run eval:feeds -- --corpus ../shared/corpus\n');
  process.exit(2);
}
const FEED_EXT = new Set(['.xml', '.rss', '.atom', '.rdf', '.json']);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : FEED_EXT.has(extname(name).toLowerCase()) ? [p] : [];
  });
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

for (const folder of ['rss_fixtures_rss-parser', 'rss_fixtures_netnewswire', 'rss_fixtures_feedparser']) {
  const root = join(values.corpus, folder);
  const list = files(folder === 'rss_fixtures_rss-parser' ? join(root, 'test', 'input') : root);
  const counts = { parsed: 0, recovered: 0, rejected: 0, crashed: 0, items: 0, scriptItems: 0 };
  let compared = 0;
  let sameCount = 0;
  let titlesChecked = 0;
  let titlesSame = 0;
  let titlesSameDecoded = 0;
  const started = performance.now();
  for (const file of list) {
    try {
      const feed = parseFeed(decodeFeed(readFileSync(file)).text, 'https://feed.example/');
      counts[feed.status]++;
      counts.items += feed.items.length;
      counts.scriptItems += feed.items.filter((i) => /<script/i.test(`${i.title} ${i.text}`)).length;
      const expectedFile = join(root, 'test', 'output', `${basename(file, extname(file))}.json`);
      if (folder === 'rss_fixtures_rss-parser' && existsSync(expectedFile)) {
        const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as {
          feed?: { items?: { title?: string }[] };
        };
        const items = expected.feed?.items ?? [];
        compared++;
        if (items.length === feed.items.length) sameCount++;
        items.forEach((e, i) => {
          if (typeof e.title !== 'string') return;
          titlesChecked++;
          const ours = norm(feed.items[i]?.title ?? '');
          if (norm(e.title) === ours) titlesSame++;
          // rss-parser leaves entities such as &#x0024; and tags such as <sup> in titles; we decode them.
          if (norm(htmlToText(e.title).replace(/\n+/g, ' ')) === ours) titlesSameDecoded++;
        });
      }
    } catch (err) {
      counts.crashed++;
      process.stderr.write(`crash on ${file}: ${(err as Error).message}\n`);
    }
  }
  const ms = performance.now() - started;
  process.stdout.write(
    `${folder}: ${list.length} files in ${ms.toFixed(0)} ms: ${counts.parsed} parsed, ${counts.recovered} recovered, ${counts.rejected} rejected, ${counts.crashed} crashed; ${counts.items} items, ${counts.scriptItems} with <script>\n`,
  );
  if (compared) {
    process.stdout.write(
      `  vs rss-parser's expected output: item counts equal in ${sameCount}/${compared} feeds; titles equal ${titlesSame}/${titlesChecked} as they are, ${titlesSameDecoded}/${titlesChecked} once rss-parser's entities are decoded and tags stripped\n`,
    );
  }
}

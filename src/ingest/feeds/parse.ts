import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities, htmlToText, tidyLine } from '../../text/normalize.ts';
import { parseFeedDate } from './dates.ts';

export interface FeedItem {
  title: string;
  /** Plain text: the item's description or content, HTML turned into text. */
  text: string;
  link?: string;
  guid?: string;
  published?: Date;
}

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json' | 'unknown';
  /** parsed: well-formed; recovered: broken, but items were salvaged; rejected: nothing usable. */
  status: 'parsed' | 'recovered' | 'rejected';
  title?: string;
  items: FeedItem[];
  error?: string;
}

type Node = unknown;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name.replace(/^.*:/, '')),
  // Text-bearing elements are kept as raw markup: parsed as objects, mixed content (XHTML) loses its order.
  stopNodes: ['*.title', '*.description', '*.summary', '*.content', '*.content:encoded', '*.dc:description'],
});

/**
 * A text element's raw content to plain text: CDATA unwrapped, real markup (XHTML, CDATA'd HTML)
 * stripped, and entity-escaped HTML (RSS descriptions, Atom type="html") unescaped once, then stripped.
 */
function rawToText(raw: string): string {
  let s = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  if (!/<[a-z!/]/i.test(s)) s = decodeEntities(s);
  return htmlToText(s);
}

/** The text of an element, whatever shape the parser gave it (string, {#text}, nested XHTML). */
export function textOf(node: Node): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(' ');
  if (typeof node === 'object') {
    const o = node as Record<string, Node>;
    if ('#text' in o && Object.keys(o).every((k) => k === '#text' || k.startsWith('@_')))
      return textOf(o['#text']);
    return Object.entries(o)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([, v]) => textOf(v))
      .join(' ');
  }
  return '';
}

function child(node: Node, ...names: string[]): Node {
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Record<string, Node>;
  for (const name of names) {
    if (o[name] !== undefined) return o[name];
  }
  return undefined;
}

function resolve(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href.trim(), base).toString();
  } catch {
    return /^https?:\/\//i.test(href.trim()) ? href.trim() : undefined;
  }
}

const clean = (raw: string) => rawToText(raw);
const cleanTitle = (raw: string) => tidyLine(rawToText(raw).replace(/\n+/g, ' '));

function rssItem(item: Node, base: string | undefined): FeedItem {
  const links = child(item, 'link') as Node[] | undefined;
  const link = textOf(links?.find((l) => textOf(l).trim()) ?? child(item, 'guid'));
  const content = textOf(child(item, 'content:encoded', 'content'));
  const description = textOf(child(item, 'description', 'dc:description', 'summary'));
  const published = parseFeedDate(textOf(child(item, 'pubDate', 'dc:date', 'date', 'published', 'updated')));
  const guid = textOf(child(item, 'guid')).trim() || undefined;
  return {
    title: cleanTitle(textOf(child(item, 'title', 'dc:title'))),
    text: clean(description.length >= content.length ? description : content) || clean(content),
    ...(resolve(link, base) ? { link: resolve(link, base) } : {}),
    ...(guid ? { guid } : {}),
    ...(published ? { published } : {}),
  };
}

function atomLink(entry: Node, base: string | undefined): string | undefined {
  const links = (child(entry, 'link') as Node[] | undefined) ?? [];
  const attrs = links.map((l) =>
    l && typeof l === 'object' ? (l as Record<string, string>) : { '@_href': textOf(l) },
  );
  const alternate = attrs.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? attrs[0];
  return resolve(alternate?.['@_href'], (entry as Record<string, string>)?.['@_xml:base'] ?? base);
}

function atomEntry(entry: Node, base: string | undefined): FeedItem {
  const content = textOf(child(entry, 'content'));
  const summary = textOf(child(entry, 'summary'));
  const published = parseFeedDate(
    textOf(child(entry, 'published', 'updated', 'issued', 'modified', 'created')),
  );
  const link = atomLink(entry, base);
  const guid = textOf(child(entry, 'id')).trim() || undefined;
  return {
    title: cleanTitle(textOf(child(entry, 'title'))),
    text: clean(summary.length >= 40 || !content ? summary || content : content),
    ...(link ? { link } : {}),
    ...(guid ? { guid } : {}),
    ...(published ? { published } : {}),
  };
}

function fromDocument(doc: Record<string, Node>, url: string | undefined): Omit<ParsedFeed, 'status'> | null {
  const rss = child(doc, 'rss') as Record<string, Node> | undefined;
  if (rss) {
    const channel = child(rss, 'channel');
    const base = resolve(textOf((child(channel, 'link') as Node[] | undefined)?.[0]), url) ?? url;
    const items = [...((child(channel, 'item') as Node[]) ?? []), ...((child(rss, 'item') as Node[]) ?? [])];
    return {
      format: 'rss',
      title: cleanTitle(textOf(child(channel, 'title'))),
      items: items.map((i) => rssItem(i, base)),
    };
  }
  const rdf = child(doc, 'rdf:RDF', 'RDF', 'rss:RDF');
  if (rdf) {
    const channel = child(rdf, 'channel', 'rss:channel');
    const items = (child(rdf, 'item', 'rss:item') as Node[]) ?? [];
    return {
      format: 'rdf',
      title: cleanTitle(textOf(child(channel, 'title'))),
      items: items.map((i) => rssItem(i, url)),
    };
  }
  const feed = child(doc, 'feed') as Record<string, Node> | undefined;
  if (feed) {
    const base = resolve((feed as Record<string, string>)['@_xml:base'], url) ?? url;
    const entries = (child(feed, 'entry') as Node[]) ?? [];
    return {
      format: 'atom',
      title: cleanTitle(textOf(child(feed, 'title'))),
      items: entries.map((e) => atomEntry(e, base)),
    };
  }
  return null;
}

function parseJsonFeed(text: string, url: string | undefined): ParsedFeed {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return {
      format: 'json',
      status: 'rejected',
      items: [],
      error: `invalid JSON: ${(err as Error).message}`,
    };
  }
  if (!String(doc.version ?? '').includes('jsonfeed.org')) {
    return {
      format: 'unknown',
      status: 'rejected',
      items: [],
      error: 'JSON, but not a JSON Feed (no jsonfeed.org version)',
    };
  }
  const base = typeof doc.home_page_url === 'string' ? doc.home_page_url : url;
  const items = (Array.isArray(doc.items) ? doc.items : []).map((raw) => {
    const i = (raw ?? {}) as Record<string, unknown>;
    const html = typeof i.content_html === 'string' ? i.content_html : '';
    const plain =
      typeof i.content_text === 'string' ? i.content_text : typeof i.summary === 'string' ? i.summary : '';
    const link = resolve(
      typeof i.url === 'string' ? i.url : typeof i.external_url === 'string' ? i.external_url : undefined,
      base,
    );
    const published = parseFeedDate(i.date_published ?? i.date_modified);
    return {
      title: cleanTitle(typeof i.title === 'string' ? i.title : ''),
      text: plain ? clean(plain) : clean(html),
      ...(link ? { link } : {}),
      ...(i.id !== undefined ? { guid: String(i.id) } : {}),
      ...(published ? { published } : {}),
    };
  });
  return {
    format: 'json',
    status: 'parsed',
    title: typeof doc.title === 'string' ? doc.title : undefined,
    items,
  };
}

/** Last resort for broken XML: pull <item>/<entry> blocks out with their title, link and text. */
function salvage(text: string, url: string | undefined): FeedItem[] {
  const blocks = text.match(/<(item|entry)\b[\s\S]*?(<\/\1\s*>|(?=<(?:item|entry)\b)|$)/gi) ?? [];
  const field = (block: string, names: string[]) => {
    for (const name of names) {
      const m = new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}\\s*>`, 'i').exec(block);
      if (m?.[1]) return m[1].replace(/^<!\[CDATA\[|\]\]>$/g, '');
    }
    return '';
  };
  return blocks
    .map((block) => {
      const href =
        /<link\b[^>]*href=["']([^"']+)["']/i.exec(block)?.[1] ??
        decodeEntities(field(block, ['link']).trim());
      const published = parseFeedDate(field(block, ['pubDate', 'dc:date', 'published', 'updated']));
      const link = resolve(href, url);
      return {
        title: cleanTitle(field(block, ['title'])),
        text: clean(field(block, ['description', 'content:encoded', 'summary', 'content'])),
        ...(link ? { link } : {}),
        ...(published ? { published } : {}),
      };
    })
    .filter((i) => i.title || i.text);
}

/** Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.x; recovers what it can from broken XML. */
export function parseFeed(text: string, url?: string): ParsedFeed {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{')) return parseJsonFeed(body, url);
  const valid = XMLValidator.validate(body);
  const error = valid === true ? undefined : `line ${valid.err.line}: ${valid.err.msg}`;
  try {
    const doc = fromDocument(parser.parse(body) as Record<string, Node>, url);
    if (doc && (valid === true || doc.items.length > 0)) {
      return { ...doc, status: valid === true ? 'parsed' : 'recovered', ...(error ? { error } : {}) };
    }
  } catch {
    // fall through to salvage
  }
  const items = salvage(body, url);
  if (items.length > 0) {
    const format = /<feed\b/i.test(body) ? 'atom' : /<rdf:RDF\b/i.test(body) ? 'rdf' : 'rss';
    return { format, status: 'recovered', items, error: error ?? 'not a well-formed feed' };
  }
  return {
    format: 'unknown',
    status: 'rejected',
    items: [],
    error: error ?? 'no RSS, Atom or JSON Feed document found',
  };
}

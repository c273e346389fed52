import { describe, expect, it } from 'vitest';
import { parseJson, parseJsonLines } from '../src/ingest/readers/json.ts';

describe('JSON and JSON Lines', () => {
  it('accepts the field aliases', () => {
    const { articles } = parseJson(
      JSON.stringify([
        {
          title: 'A',
          body: 'x',
          url: 'https://e.example/a',
          published_at: '2024-08-13T10:00:00Z',
          source: 'One',
        },
        { headline: 'B', text: 'y', link: 'https://e.example/b', date: '2024-08-12' },
        { title: 'C', content: 'z', pubDate: 'Tue, 13 Aug 2024 08:00:00 GMT', source: { name: 'Nested' } },
        { title: 'D', description: 'w', date: 1723536000 },
      ]),
      'list.json',
    );
    expect(articles.map((a) => [a.title, a.body, a.url, a.source, a.publishedAt?.toISOString()])).toEqual([
      ['A', 'x', 'https://e.example/a', 'One', '2024-08-13T10:00:00.000Z'],
      ['B', 'y', 'https://e.example/b', undefined, '2024-08-12T00:00:00.000Z'],
      ['C', 'z', undefined, 'Nested', '2024-08-13T08:00:00.000Z'],
      ['D', 'w', undefined, undefined, '2024-08-13T08:00:00.000Z'],
    ]);
  });

  it('reads {articles: [...]} and a single object', () => {
    expect(parseJson('{"articles":[{"title":"A","body":"b"}]}', 'f.json').articles).toHaveLength(1);
    expect(parseJson('{"title":"A","body":"b"}', 'f.json').articles).toHaveLength(1);
  });

  it('reports an invalid JSON line with its number and reads the rest', () => {
    const text = [
      '{"title":"one","body":"a"}',
      '{"title": "two", "body": ',
      '',
      '{"title":"three","body":"c"}',
      '[1,2]',
    ].join('\n');
    const { articles, rejected } = parseJsonLines(text, 'feed.jsonl');
    expect(articles.map((a) => a.title)).toEqual(['one', 'three']);
    expect(rejected.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [2, 'invalid JSON'],
      [5, 'expected an object like {"title"'],
    ]);
  });

  it('rejects empty articles and unreadable dates with a fix', () => {
    const { rejected } = parseJsonLines(
      '{"title":"","body":""}\n{"title":"x","body":"y","date":"someday"}',
      'f.jsonl',
    );
    expect(rejected[0]?.reason).toMatch(/empty article/);
    expect(rejected[1]?.reason).toMatch(/unreadable date "someday".*ISO 8601/);
  });

  it('reports a broken JSON document with the line of the error', () => {
    const { rejected } = parseJson('[\n{"title": "a"},\n{"title": }\n]', 'broken.json');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatch(/invalid JSON/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseRawText } from '../src/ingest/readers/raw-text.ts';
import { rawArticle } from './helpers.ts';

const pipelineStory = rawArticle(
  'Oil Starts Moving Again Through the Northern Pipeline',
  ['A pumping station near Kirkuk at dusk. (Staff photo)'],
  [
    'Crude from northern Iraq began flowing through the pipeline to Ceyhan on Saturday.',
    'Officials in Baghdad and Ankara welcomed the restart after a long dispute.',
  ],
);
const waterStory = rawArticle(
  'Neighbours Sign Water Deal',
  ['The Tigris at low level. (Archive)', 'Engineers inspect a dam. (Archive)'],
  ['The two governments agreed to fund irrigation projects together.'],
);

describe('raw scraped format', () => {
  it('keeps the title once and the body, dropping captions, TT and the repeated title block', () => {
    const { articles, rejected } = parseRawText(pipelineStory, 'a.txt');
    expect(rejected).toEqual([]);
    expect(articles).toHaveLength(1);
    const [a] = articles;
    expect(a?.title).toBe('Oil Starts Moving Again Through the Northern Pipeline');
    expect(a?.body).toBe(
      'Crude from northern Iraq began flowing through the pipeline to Ceyhan on Saturday.\n\nOfficials in Baghdad and Ankara welcomed the restart after a long dispute.',
    );
    expect(a?.body).not.toContain('TT');
    expect(a?.body).not.toContain('pumping station');
  });

  it('splits a file on runs of blank lines and reports each article at its line', () => {
    const file = `${pipelineStory}\n\n\n\n${waterStory}\n`;
    const { articles } = parseRawText(file, 'two.txt');
    expect(articles.map((a) => a.title)).toEqual([
      'Oil Starts Moving Again Through the Northern Pipeline',
      'Neighbours Sign Water Deal',
    ]);
    expect(articles[1]?.body).toBe('The two governments agreed to fund irrigation projects together.');
    expect(articles[1]?.origin.line).toBe(pipelineStory.split('\n').length + 4);
  });

  it('handles a single caption, no marker, CRLF line ends and non-breaking spaces', () => {
    const text = [
      'Talks Resume in Ankara\u00a0',
      '',
      'Delegates arrive for the meeting. (Pool)',
      'Delegates arrive for the meeting. (Pool)',
      '',
      'Security officials from both countries met for a fourth round.',
    ].join('\r\n');
    const { articles } = parseRawText(text, 'crlf.txt');
    expect(articles[0]?.title).toBe('Talks Resume in Ankara');
    expect(articles[0]?.body).toBe('Security officials from both countries met for a fourth round.');
  });

  it('keeps a plain article with no header block intact', () => {
    const { articles } = parseRawText(
      'Short Headline Here\n\nFirst paragraph.\n\nSecond paragraph.',
      'plain.txt',
    );
    expect(articles[0]?.body).toBe('First paragraph.\n\nSecond paragraph.');
  });

  it('rejects an article that has a title but no body, with its line, and keeps the others', () => {
    const file = `${waterStory}\n\n\nA Headline With Nothing Under It\n`;
    const { articles, rejected } = parseRawText(file, 'empty.txt');
    expect(articles).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.line).toBe(waterStory.split('\n').length + 3);
    expect(rejected[0]?.reason).toMatch(/no body/);
  });
});

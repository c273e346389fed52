import { describe, expect, it } from 'vitest';
import { describeWindow, parseWindow } from '../src/briefing/window.ts';
import { toFtsQuery } from '../src/store/fts-query.ts';

describe('search text to FTS query', () => {
  it.each([
    ['Kirkuk pipeline', '"kirkuk" AND "pipeline"'],
    ['"oil exports" Ceyhan', '"oil exports" AND "ceyhan"'],
    ['pipeline -water', '("pipeline") NOT "water"'],
    ['pipe*', '"pipe"*'],
    ['Kirkuk OR Erbil', '("kirkuk" OR "erbil")'],
    ['al-Sudani U.S.', '"al sudani" AND "u s"'],
    ['Türkiye AND Iraq', '"türkiye" AND "and" AND "iraq"'],
    ['"unbalanced quote', '"unbalanced" AND "quote"'],
    ['(((', null],
    ['-only', null],
    ['', null],
  ])('%s', (text, expected) => {
    expect(toFtsQuery(text)).toBe(expected);
  });
});

describe('time windows', () => {
  const now = new Date('2024-08-13T12:00:00Z');
  it.each([
    ['24h', '2024-08-12T12:00:00.000Z', '2024-08-13T12:00:00.000Z'],
    ['3d', '2024-08-10T12:00:00.000Z', '2024-08-13T12:00:00.000Z'],
    ['1w', '2024-08-06T12:00:00.000Z', '2024-08-13T12:00:00.000Z'],
    ['90m', '2024-08-13T10:30:00.000Z', '2024-08-13T12:00:00.000Z'],
    ['yesterday', '2024-08-12T00:00:00.000Z', '2024-08-13T00:00:00.000Z'],
    ['2024-08-01', '2024-08-01T00:00:00.000Z', '2024-08-13T12:00:00.000Z'],
    ['2024-08-01..2024-08-05', '2024-08-01T00:00:00.000Z', '2024-08-06T00:00:00.000Z'],
  ])('%s', (text, from, to) => {
    const w = parseWindow(text, now);
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual([from, to]);
  });

  it('explains what works when it cannot read a window', () => {
    expect(() => parseWindow('yesterdayish', now)).toThrow(/not a time window/);
    try {
      parseWindow('0h', now);
    } catch (err) {
      expect((err as { hint?: string }).hint).toMatch(/24h, 3d, 1w/);
    }
  });

  it('describes windows the way people say them', () => {
    expect(describeWindow(parseWindow('24h', now), now)).toBe('the last 24 hours');
    expect(describeWindow(parseWindow('3d', now), now)).toBe('the last 3 days');
    expect(describeWindow(parseWindow('1w', now), now)).toBe('the last week');
    expect(describeWindow(parseWindow('2024-08-01..2024-08-05', now), now)).toBe('2024-08-01 to 2024-08-05');
  });
});

import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/briefing/sentences.ts';

describe('sentence splitting', () => {
  it.each([
    [
      'The U.S. envoy met officials in Baghdad. Talks continue.',
      ['The U.S. envoy met officials in Baghdad.', 'Talks continue.'],
    ],
    ['Dr. Hussein Allawi spoke first. He was brief.', ['Dr. Hussein Allawi spoke first.', 'He was brief.']],
    [
      'Antony J. Blinken called on Monday. The call was short.',
      ['Antony J. Blinken called on Monday.', 'The call was short.'],
    ],
    [
      '"We will protect them," he said. Officials agreed.',
      ['"We will protect them," he said.', 'Officials agreed.'],
    ],
    [
      'Output rose 3.5 percent to 185,000 barrels. Prices fell.',
      ['Output rose 3.5 percent to 185,000 barrels.', 'Prices fell.'],
    ],
    [
      'He left at 5 p.m. on Friday. Was it late? Yes!',
      ['He left at 5 p.m. on Friday.', 'Was it late?', 'Yes!'],
    ],
    [
      'A first paragraph without a stop\n\nA second one.',
      ['A first paragraph without a stop', 'A second one.'],
    ],
  ])('%s', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});

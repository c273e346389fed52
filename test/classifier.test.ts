import { describe, expect, it } from 'vitest';
import { TopicClassifier } from '../src/briefing/topics/classifier.ts';
import { resolveTopic } from '../src/briefing/topics/resolve.ts';
import { classifier, config } from './helpers.ts';

const topicsOf = (title: string, body: string) => classifier.classify(title, body).map((t) => t.topicId);

describe('topic tagging', () => {
  it('tags a story about both sides', () => {
    expect(
      topicsOf(
        'Iraqi Premier Talks Security With Blinken',
        'Prime Minister al-Sudani spoke with the US Secretary of State about coalition advisers in Baghdad.',
      ),
    ).toEqual(['iraq-us']);
  });

  it('does not tag a side mentioned only in passing', () => {
    const body = [
      'Senior officials from Ankara and Baghdad will meet on Thursday to discuss border security and the PKK.',
      'Iraq has objected to cross-border operations, while Türkiye says they protect its territory.',
      'The PKK is listed as a terrorist group by Türkiye, the United States and the European Union.',
    ].join('\n\n');
    const tags = topicsOf('Turkish and Iraqi Officials to Hold Security Talks', body);
    expect(tags).toEqual(['iraq-turkiye']);
  });

  it('ignores diacritics and case in names', () => {
    for (const spelling of ['Türkiye', 'Turkiye', 'TÜRKIYE', 'turkiye']) {
      expect(topicsOf(`Iraq and ${spelling} sign deal`, 'Officials in Baghdad welcomed it.')).toContain(
        'iraq-turkiye',
      );
    }
    expect(topicsOf('Erdogan visits Baghdad', 'The Iraqi government hosted Erdoğan.')).toContain(
      'iraq-turkiye',
    );
  });

  it('tells the country "US" from the pronoun "us"', () => {
    expect(topicsOf('Iraq asks US for more time', 'Baghdad wants the US to delay the withdrawal.')).toContain(
      'iraq-us',
    );
    expect(
      topicsOf(
        'Iraq farmers say drought hurts',
        'Iraqi growers in Basra said: "Give us water, let us plant."',
      ),
    ).not.toContain('iraq-us');
    expect(topicsOf('Iraq and U.S. hold talks', 'Baghdad and Washington discussed security.')).toContain(
      'iraq-us',
    );
  });

  it('respects word boundaries', () => {
    // "Iraqis" is a term, but "Turkeys" (the birds, in a farm story) must not be read as Turkey, nor "USB" as US.
    expect(
      topicsOf('Farm exports', 'Iraqis bought USB drives and frozen turkeys at the Baghdad fair.'),
    ).toEqual([]);
  });

  it('weighs title and lead above the rest of the body', () => {
    const passing = classifier.classify(
      'Baghdad budget approved',
      'Iraq passed its budget.\n\nLawmakers debated for weeks.\n\nOne noted interest from Washington.',
    );
    const lead = classifier.classify(
      'Baghdad budget approved',
      'Iraq passed its budget after talks with the US Treasury.',
    );
    const title = classifier.classify(
      'Iraq budget approved after US talks',
      'Iraq passed its budget after talks with the US Treasury.',
    );
    const score = (r: typeof lead) => r.find((t) => t.topicId === 'iraq-us')?.score ?? 0;
    expect(score(title)).toBeGreaterThan(score(lead));
    expect(score(lead)).toBeGreaterThan(0);
    expect(score(passing)).toBe(0);
  });

  it('honours excluded phrases', () => {
    const c = new TopicClassifier(config.topics);
    expect(
      c
        .classify('Iraqi player reaches US Open final', 'The Iraq-born player from Baghdad won again.')
        .map((t) => t.topicId),
    ).toEqual([]);
  });

  it('finds topics by id, alias or title, case- and diacritic-insensitive', () => {
    for (const q of ['iraq-turkiye', 'IRAQ-TURKEY', 'Iraq–Türkiye', 'iraq turkiye', 'turkey-iraq']) {
      expect(resolveTopic(config.topics, q)?.id).toBe('iraq-turkiye');
    }
    expect(resolveTopic(config.topics, 'Iraq–US')?.id).toBe('iraq-us');
    expect(resolveTopic(config.topics, 'mars')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/briefing/compose.ts';
import { parseWindow } from '../../src/briefing/window.ts';
import { config, memoryStore } from '../helpers.ts';
import { hoursAgo, NOW, seed } from './helpers.ts';

const iraqUs = config.topics.find((t) => t.id === 'iraq-us') ?? config.topics[0];
const iraqTr = config.topics.find((t) => t.id === 'iraq-turkiye') ?? config.topics[1];
if (!iraqUs || !iraqTr) throw new Error('topics missing');
const day = parseWindow('24h', NOW);

const PIPELINE: [string, string, string, number][] = [
  [
    'Oil Pipeline From Iraq to Türkiye Restarts After Long Halt',
    'Crude from northern Iraq began flowing through the Kirkuk–Ceyhan pipeline to Türkiye on Saturday, ending a halt that began in March 2023 after an arbitration ruling.\n\nBaghdad and Erbil agreed that the state marketer would sell the oil.',
    'Anatolia Desk',
    10,
  ],
  [
    'Kirkuk–Ceyhan Pipeline Resumes Exports to Turkish Port',
    'Exports through the Kirkuk–Ceyhan pipeline to the Turkish port of Ceyhan resumed on Saturday, Iraq’s oil ministry said, after a halt since March 2023.\n\nAnkara welcomed the restart of the pipeline.',
    'Tigris Wire',
    9,
  ],
  [
    'Iraqi Crude Flows to Ceyhan Again',
    'Iraqi crude is flowing to Ceyhan in Türkiye again through the pipeline from Kirkuk, officials said on Saturday, after the halt that started in March 2023.',
    'Gulf Ledger',
    8,
  ],
  [
    'Pipeline Restart Brings Kurdish Oil Back to Ceyhan',
    'The restart of the Kirkuk–Ceyhan pipeline on Saturday brought oil from Iraq’s Kurdistan Region back to the Turkish terminal at Ceyhan after the long halt.',
    'Kurdistan Chronicle',
    7,
  ],
  [
    'Türkiye Welcomes Resumption of Iraqi Pipeline Flows',
    'Turkish energy officials in Ankara welcomed the resumption of flows through the Kirkuk–Ceyhan pipeline from Iraq on Saturday.',
    'Regional Digest',
    6,
  ],
  [
    'Oil Moves Through Kirkuk–Ceyhan Pipeline Once More',
    'Oil moved through the Kirkuk–Ceyhan pipeline from Iraq to Türkiye once more on Saturday, ending the halt since March 2023, traders in Ceyhan said.',
    'Mesopotamia Monitor',
    5,
  ],
];
const WATER: [string, string, string, number] = [
  'Iraq and Türkiye Sign Water Framework for Tigris Projects',
  'Iraq and Türkiye signed a framework for Turkish firms to build irrigation projects on the Tigris and Euphrates, paid partly with oil revenue.\n\nIraq blames upstream dams for low river flows.',
  'Anatolia Desk',
  4,
];

describe('briefing', () => {
  it('makes one item with six sources of six outlets reporting one event, and keeps a different event apart', async () => {
    const store = memoryStore();
    await seed(store, [...PIPELINE, WATER]);
    const b = await buildBriefing(store, { topic: iraqTr, window: day, now: NOW });
    expect(b.items).toHaveLength(2);
    const pipeline = b.items.find((i) => /pipeline|ceyhan/i.test(i.headline));
    expect(pipeline?.sources.map((s) => s.source).sort()).toEqual(PIPELINE.map((p) => p[2]).sort());
    expect(pipeline?.articleIds).toHaveLength(6);
    const water = b.items.find((i) => /water/i.test(i.headline));
    expect(water?.sources.map((s) => s.source)).toEqual(['Anatolia Desk']);
    // The story with six sources ranks first.
    expect(b.items[0]).toBe(pipeline);
    expect(b.stats).toEqual({ articles: 7, sources: 6, stories: 2 });
    expect(b.generator).toBe('extractive');
  });

  it('summarizes with whole sentences from the story, and different sentences for different stories', async () => {
    const store = memoryStore();
    await seed(store, [...PIPELINE, WATER]);
    const b = await buildBriefing(store, { topic: iraqTr, window: day, now: NOW });
    const bodies = [...PIPELINE, WATER].map((p) => p[1]).join(' ');
    for (const item of b.items) {
      expect(item.summary.length).toBeGreaterThanOrEqual(1);
      expect(item.summary.length).toBeLessThanOrEqual(2);
      for (const s of item.summary) {
        expect(bodies).toContain(s);
        expect(s).toMatch(/[.!?]$/);
      }
    }
    const all = b.items.flatMap((i) => i.summary);
    expect(new Set(all).size).toBe(all.length);
  });

  it('marks stories new or updated since a previous briefing and leaves out those with nothing new', async () => {
    const store = memoryStore();
    await seed(store, [
      [
        'Iraq and US Hold Security Talks in Baghdad',
        'Iraqi and US officials met in Baghdad to discuss the coalition advisers and the end of the mission.',
        'Tigris Wire',
        20,
      ],
      [
        'Iraq and US Continue Security Talks on Coalition Advisers',
        'A second round of talks between Iraqi and US officials on coalition advisers and the end of the mission took place in Baghdad.',
        'Gulf Ledger',
        2,
      ],
      [
        'US Treasury Ends Iraq Electricity Waiver',
        'The US Treasury did not renew the waiver that let Iraq pay Iran for electricity, officials in Baghdad said.',
        'Mesopotamia Monitor',
        3,
      ],
      [
        'Iraqi Minister Visits Washington for Energy Talks',
        'Iraq’s oil minister held talks in Washington on gas investment with American companies.',
        'Kurdistan Chronicle',
        15,
      ],
    ]);
    const b = await buildBriefing(store, { topic: iraqUs, window: day, now: NOW, previousAt: hoursAgo(10) });
    const status = b.items.map((i) => [
      /Security Talks/.test(i.headline) ? 'talks' : i.headline,
      i.status,
      i.articleIds.length,
    ]);
    // The talks began before the previous briefing and continued after it; the waiver story is wholly new;
    // the minister's visit has nothing since then and is left out.
    expect(status).toEqual([
      ['talks', 'updated', 2],
      ['US Treasury Ends Iraq Electricity Waiver', 'new', 1],
    ]);
    expect(b.since?.toISOString()).toBe(hoursAgo(10).toISOString());
  });

  it('returns an empty briefing, not an error, when nothing is new', async () => {
    const store = memoryStore();
    const b = await buildBriefing(store, { topic: iraqUs, window: day, now: NOW });
    expect(b.items).toEqual([]);
    expect(b.stats).toEqual({ articles: 0, sources: 0, stories: 0 });
  });

  it('keeps the top N stories and counts the rest', async () => {
    const store = memoryStore();
    await seed(store, [
      [
        'US Embassy in Baghdad Reopens Visa Section',
        'The US embassy in Baghdad resumed visa interviews for Iraqi students.',
        'Outlet 0',
        1,
      ],
      [
        'Iraqi Wheat Harvest Gets American Seed Support',
        'American agronomists delivered drought-resistant seed to farmers near Mosul, Iraq.',
        'Outlet 1',
        2,
      ],
      [
        'Pentagon Confirms Drone Intercepted Near Erbil Airport',
        'The Pentagon said US forces shot down a drone approaching Erbil airport in Iraq.',
        'Outlet 2',
        3,
      ],
      [
        'Iraq Buys Boeing Airliners in Washington Deal',
        'Iraqi Airways signed for new Boeing jets during a ceremony in Washington.',
        'Outlet 3',
        4,
      ],
      [
        'US Court Freezes Assets Linked to Iraqi Militia',
        'A federal judge in the United States froze bank accounts tied to Kataib Hezbollah in Iraq.',
        'Outlet 4',
        5,
      ],
      [
        'Basra Museum Receives Artefacts Returned by America',
        'Ancient tablets returned by American customs officials went on display in Basra, Iraq.',
        'Outlet 5',
        6,
      ],
      [
        'Iraqi Football Team Plays Friendly in Texas Against US Side',
        'Iraq’s national football team lost 2-1 to the United States in a friendly in Houston.',
        'Outlet 6',
        7,
      ],
      [
        'US Grants Fund Najaf Hospital Solar Panels',
        'A US aid grant paid for solar panels on a hospital roof in Najaf, Iraq.',
        'Outlet 7',
        8,
      ],
    ]);
    const b = await buildBriefing(store, { topic: iraqUs, window: day, now: NOW, maxItems: 3 });
    expect(b.items).toHaveLength(3);
    expect(b.moreStories).toBe(5);
    expect(b.stats.stories).toBe(8);
  });
});

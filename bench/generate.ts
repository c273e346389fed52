/** Deterministic synthetic news items, for benchmarks when the corpus is not at hand. */

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  'Officials',
  'Lawmakers',
  'Investors',
  'Farmers',
  'Doctors',
  'Engineers',
  'Students',
  'Ministers',
  'Voters',
  'Workers',
  'Analysts',
  'Residents',
];
const VERBS = [
  'warn',
  'welcome',
  'reject',
  'approve',
  'question',
  'debate',
  'announce',
  'delay',
  'expand',
  'review',
  'criticise',
  'back',
];
const OBJECTS = [
  'new budget',
  'trade rules',
  'rail project',
  'energy prices',
  'water plan',
  'tax reform',
  'health law',
  'port upgrade',
  'election date',
  'housing scheme',
  'climate targets',
  'school reform',
];
const PLACES = [
  'Berlin',
  'Lagos',
  'Lima',
  'Osaka',
  'Nairobi',
  'Oslo',
  'Manila',
  'Quito',
  'Dakar',
  'Hanoi',
  'Perth',
  'Tunis',
  'Kyiv',
  'Porto',
  'Accra',
  'Seoul',
];
const FILLER = [
  'after weeks of talks',
  'amid rising costs',
  'despite protests',
  'as markets wait',
  'ahead of the vote',
  'following a court ruling',
  'under pressure from unions',
  'with support from donors',
];
const IRAQ_US = [
  'Baghdad and Washington discuss the future of US advisers in Iraq',
  'Iraqi officials meet the US envoy on energy waivers',
  'The Pentagon and Iraq review security cooperation',
];
const IRAQ_TR = [
  'Ankara and Baghdad talk about water flows on the Tigris',
  'Turkish and Iraqi ministers review the Development Road',
  'Iraq and Türkiye discuss the Kirkuk–Ceyhan pipeline',
];

const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;

export interface GeneratedItem {
  title: string;
  description: string;
  link: string;
  source: string;
  date_published: string;
}

/** `count` short items (title + two-sentence teaser) over `days` days, about 10% on the default topics. */
export function generateItems(
  count: number,
  opts: { seed?: number; days?: number; end?: Date } = {},
): GeneratedItem[] {
  const r = rng(opts.seed ?? 42);
  const end = (opts.end ?? new Date('2024-08-31T00:00:00Z')).getTime();
  const span = (opts.days ?? 30) * 86_400_000;
  const items: GeneratedItem[] = [];
  for (let i = 0; i < count; i++) {
    const place = pick(r, PLACES);
    const roll = r();
    const topical = roll < 0.05 ? pick(r, IRAQ_US) : roll < 0.1 ? pick(r, IRAQ_TR) : null;
    const title = topical
      ? `${topical} ${pick(r, FILLER)}`
      : `${pick(r, SUBJECTS)} in ${place} ${pick(r, VERBS)} ${pick(r, OBJECTS)} ${pick(r, FILLER)}`;
    const description = `${pick(r, SUBJECTS)} ${pick(r, VERBS)} the ${pick(r, OBJECTS)} in ${place} ${pick(r, FILLER)}, item ${i}. ${pick(r, SUBJECTS)} said the ${pick(r, OBJECTS)} would be ${pick(r, ['ready', 'costly', 'late', 'popular', 'contested'])} by ${2025 + Math.floor(r() * 5)}, ${pick(r, FILLER)}.`;
    items.push({
      title,
      description,
      link: `https://news${i % 65}.example/${i}`,
      source: `https://news${i % 65}.example/rss`,
      date_published: new Date(end - Math.floor(r() * span)).toISOString(),
    });
  }
  return items;
}

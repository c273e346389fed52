import type { TopicDefinition } from '../../config/schema.ts';
import { fold } from '../../text/normalize.ts';

export interface TopicScore {
  topicId: string;
  score: number;
}

/** Where a side was found in one article: mentions in title, lead and the rest of the body. */
interface SideHits {
  title: number;
  lead: number;
  body: number;
}

interface CompiledSide {
  key: string;
  caseless: RegExp | null;
  acronyms: RegExp | null;
}

interface CompiledTopic {
  id: string;
  sides: CompiledSide[];
  exclude: RegExp | null;
  minStrength: number;
}

/** Weights of a mention by position: the title says what an article is about, the lead nearly so. */
export const TITLE_WEIGHT = 3;
export const LEAD_WEIGHT = 2;
/** A side named only in the body needs this many mentions there; fewer is a passing mention. */
export const BODY_ONLY_MIN_MENTIONS = 3;
const LEAD_MAX_CHARS = 400;
/** Score of a tag given because the source is about the topic, on a thin mention. */
export const HINTED_SCORE = 0.3;

const isAcronym = (term: string) => /^[A-Z0-9.&]+$/.test(term) && /[A-Z].*[A-Z]/.test(term);

function termPattern(term: string): string {
  return fold(term)
    .trim()
    .split(/[\s-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'?"))
    .join("[\\s\\-']+");
}

/**
 * One regular expression for many terms. Text is folded to ASCII first, so ASCII word boundaries
 * suffice, and a non-unicode expression is several times faster than one with \p{L} look-arounds.
 */
function alternation(terms: string[], flags: string): RegExp | null {
  if (terms.length === 0) return null;
  const sorted = [...new Set(terms)].sort((a, b) => b.length - a.length).map(termPattern);
  return new RegExp(`(?<![A-Za-z0-9])(?:${sorted.join('|')})(?![A-Za-z0-9])`, flags);
}

/** Counts matches in the title, lead and rest of one text laid out as title \n lead \n rest. */
function countZones(
  re: RegExp | null,
  text: string,
  leadStart: number,
  restStart: number,
  into: SideHits,
): void {
  if (!re) return;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index < leadStart) into.title++;
    else if (m.index < restStart) into.lead++;
    else into.body++;
  }
}

/** The lead: the first paragraph, capped so that one huge paragraph does not count as all lead. */
export function splitLead(body: string): { lead: string; rest: string } {
  const cut = body.indexOf('\n\n');
  let end = cut === -1 ? body.length : cut;
  if (end > LEAD_MAX_CHARS) {
    const space = body.lastIndexOf(' ', LEAD_MAX_CHARS);
    end = space > 0 ? space : LEAD_MAX_CHARS;
  }
  return { lead: body.slice(0, end), rest: body.slice(end) };
}

/**
 * Scores articles against the configured topics. A topic is tagged only when every one of its sides
 * is present strongly enough; the score (0..1) grows with the weakest side's strength.
 */
export class TopicClassifier {
  private readonly topics: CompiledTopic[];

  constructor(readonly definitions: TopicDefinition[]) {
    const sidesByKey = new Map<string, CompiledSide>();
    this.topics = definitions.map((t) => ({
      id: t.id,
      minStrength: t.min_side_strength,
      exclude: alternation(t.exclude, 'gi'),
      sides: t.sides.map((s) => {
        const terms = [...s.names, ...s.places, ...s.people, ...s.institutions, ...s.terms];
        const key = [...terms].sort().join('\u0000');
        let compiled = sidesByKey.get(key);
        if (!compiled) {
          compiled = {
            key,
            caseless: alternation(
              terms.filter((x) => !isAcronym(x)),
              'gi',
            ),
            acronyms: alternation(terms.filter(isAcronym), 'g'),
          };
          sidesByKey.set(key, compiled);
        }
        return compiled;
      }),
    }));
  }

  /**
   * `hints` are topics the source is known to be about (a feed's `topics`): for those, one mention of
   * every side anywhere is enough, tagged with a low score.
   */
  classify(title: string, body: string, hints: string[] = []): TopicScore[] {
    const { lead, rest } = splitLead(body);
    // Folding keeps lengths of ASCII text only, so zones are located after folding each part.
    const parts = [fold(title), fold(lead), fold(rest)];
    const zones: Zones = {
      text: parts.join('\n'),
      leadStart: (parts[0]?.length ?? 0) + 1,
      restStart: (parts[0]?.length ?? 0) + (parts[1]?.length ?? 0) + 2,
    };
    const hitsCache = new Map<string, SideHits>();
    const result: TopicScore[] = [];
    for (const topic of this.topics) {
      // Excluded phrases are blanked with spaces of the same length, so zone offsets still hold.
      const text = topic.exclude
        ? { ...zones, text: zones.text.replace(topic.exclude, (m) => ' '.repeat(m.length)) }
        : zones;
      let weakest = Number.POSITIVE_INFINITY;
      for (const side of topic.sides) {
        const hits = topic.exclude ? this.sideHits(side, text) : this.cachedHits(side, text, hitsCache);
        weakest = Math.min(weakest, sideStrength(hits, topic.minStrength));
        if (weakest === 0) break;
      }
      if (weakest > 0 && Number.isFinite(weakest)) {
        result.push({ topicId: topic.id, score: Math.round((1 - Math.exp(-weakest / 5)) * 1000) / 1000 });
      } else if (hints.includes(topic.id) && topic.sides.every((side) => this.anyHit(side, text))) {
        result.push({ topicId: topic.id, score: HINTED_SCORE });
      }
    }
    return result.sort((a, b) => b.score - a.score);
  }

  private cachedHits(side: CompiledSide, text: Zones, cache: Map<string, SideHits>): SideHits {
    let hits = cache.get(side.key);
    if (!hits) {
      hits = this.sideHits(side, text);
      cache.set(side.key, hits);
    }
    return hits;
  }

  private anyHit(side: CompiledSide, z: Zones): boolean {
    const h = this.sideHits(side, z);
    return h.title + h.lead + h.body > 0;
  }

  private sideHits(side: CompiledSide, z: Zones): SideHits {
    const hits = { title: 0, lead: 0, body: 0 };
    countZones(side.caseless, z.text, z.leadStart, z.restStart, hits);
    countZones(side.acronyms, z.text, z.leadStart, z.restStart, hits);
    return hits;
  }
}

type Zones = { text: string; leadStart: number; restStart: number };

/** The side's weighted presence, or 0 when it is absent or only mentioned in passing. */
function sideStrength(h: SideHits, minStrength: number): number {
  const strength = TITLE_WEIGHT * h.title + LEAD_WEIGHT * h.lead + h.body;
  if (strength < minStrength) return 0;
  if (h.title === 0 && h.lead === 0 && h.body < BODY_ONLY_MIN_MENTIONS) return 0;
  return strength;
}

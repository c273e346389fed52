import type { TopicDefinition } from '../../config/schema.ts';
import { fold } from '../../text/normalize.ts';

const key = (s: string) =>
  fold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** Finds a topic by id, alias or title, ignoring case, diacritics, spaces and dashes. */
export function resolveTopic(topics: TopicDefinition[], query: string): TopicDefinition | null {
  const k = key(query);
  if (!k) return null;
  return topics.find((t) => [t.id, t.title, ...t.aliases].some((name) => key(name) === k)) ?? null;
}

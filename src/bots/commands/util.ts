import { DateTime } from 'luxon';
import { resolveTopic } from '../../briefing/topics/resolve.ts';
import type { TopicDefinition } from '../../config/schema.ts';
import { UserError } from '../../errors.ts';
import type { CommandDeps } from './types.ts';

export function requireTopic(deps: CommandDeps, query: string | undefined): TopicDefinition {
  const known = deps.topics.map((t) => `\`${t.id}\` (${t.title})`).join(', ');
  if (!query) throw new UserError('MISSING_TOPIC', 'Which topic?', `Known topics: ${known}.`);
  const topic = resolveTopic(deps.topics, query);
  if (!topic)
    throw new UserError('UNKNOWN_TOPIC', `I don't know the topic "${query}".`, `Known topics: ${known}.`);
  return topic;
}

export function requireManage(canManage: boolean, root: string): void {
  if (!canManage) {
    throw new UserError(
      'FORBIDDEN',
      "You can't change this channel's subscriptions.",
      `Ask someone who can manage this channel to run ${root} subscribe, or to give you that right.`,
    );
  }
}

/** "HH:MM" in 24-hour form, or a message that shows one. */
export function parseTime(text: string): string {
  const m = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/.exec(text.trim());
  if (!m) {
    throw new UserError(
      'BAD_TIME',
      `"${text}" is not a time of day.`,
      'Use 24-hour HH:MM, for example 07:30 or 18:00.',
    );
  }
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2]}`;
}

export function parseTimezone(text: string): string {
  const zone = text.trim();
  if (!DateTime.now().setZone(zone).isValid) {
    throw new UserError(
      'BAD_TIMEZONE',
      `"${text}" is not a timezone I know.`,
      'Use an IANA name, for example Asia/Baghdad, Europe/Istanbul, America/New_York or UTC.',
    );
  }
  return zone;
}

/** The next time a daily HH:MM digest falls due in a timezone, after `now`; DST gaps move forward. */
export function nextDigest(time: string, timezone: string, now: Date): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  const local = DateTime.fromJSDate(now, { zone: timezone });
  let next = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (next <= local) next = local.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
  return next;
}

export function formatDigestTime(t: DateTime): string {
  return t.toFormat('ccc d LLL, HH:mm ZZZZ');
}

import { UserError } from '../errors.ts';

export interface TimeWindow {
  from: Date;
  to: Date;
}

const UNITS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  wk: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};

export const WINDOW_EXAMPLES = '24h, 3d, 1w, 90m, today, yesterday, 2024-08-13, 2024-08-01..2024-08-13';

function parseInstant(s: string, endOfDay: boolean): Date | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const d = new Date(dateOnly ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}/.test(s)) return null;
  return dateOnly && endOfDay ? new Date(d.getTime() + 86_400_000) : d;
}

/**
 * Reads a time window as users write it: a duration back from now (`24h`, `3d`, `1w`), a day
 * (`today`, `yesterday`), a start (`2024-08-13` or `2024-08-13T09:00Z`, until now) or a range
 * (`2024-08-01..2024-08-13`, both days included).
 */
export function parseWindow(text: string, now: Date): TimeWindow {
  const s = text.trim().toLowerCase();
  const duration = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(s);
  if (duration?.[1] && duration[2]) {
    const unit = UNITS[duration[2]];
    const n = Number(duration[1]);
    if (unit && n > 0) return { from: new Date(now.getTime() - n * unit), to: now };
  }
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (s === 'today') return { from: new Date(startOfToday), to: now };
  if (s === 'yesterday') return { from: new Date(startOfToday - 86_400_000), to: new Date(startOfToday) };
  const range = /^(.+?)\s*(?:\.\.|\/)\s*(.+)$/.exec(text.trim());
  if (range?.[1] && range[2]) {
    const from = parseInstant(range[1], false);
    const to = parseInstant(range[2], true);
    if (from && to && from < to) return { from, to };
  } else {
    const from = parseInstant(text.trim(), false);
    if (from && from < now) return { from, to: now };
  }
  throw new UserError(
    'BAD_WINDOW',
    `"${text}" is not a time window I can read`,
    `try one of: ${WINDOW_EXAMPLES}`,
  );
}

/** "the last 24 hours", "the last 3 days", "2024-08-01 to 2024-08-13". */
export function describeWindow(w: TimeWindow, now: Date): string {
  const ms = w.to.getTime() - w.from.getTime();
  // A window that ends about now (a digest ends at its slot, posted minutes later) is "the last …".
  if (Math.abs(w.to.getTime() - now.getTime()) <= 15 * 60_000) {
    const hours = Math.round(ms / 3_600_000);
    if (hours < 1) return `the last ${Math.max(1, Math.round(ms / 60_000))} minutes`;
    if (hours <= 48) return `the last ${hours} hour${hours === 1 ? '' : 's'}`;
    const days = Math.round(ms / 86_400_000);
    if (days === 7) return 'the last week';
    return days % 7 === 0 && days <= 28 ? `the last ${days / 7} weeks` : `the last ${days} days`;
  }
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return `${day(w.from)} to ${day(new Date(w.to.getTime() - 1))}`;
}

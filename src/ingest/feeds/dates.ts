/** Time zone abbreviations feeds really use, as offsets. */
const ZONES: Record<string, string> = {
  UT: '+0000',
  UTC: '+0000',
  GMT: '+0000',
  Z: '+0000',
  EST: '-0500',
  EDT: '-0400',
  CST: '-0600',
  CDT: '-0500',
  MST: '-0700',
  MDT: '-0600',
  PST: '-0800',
  PDT: '-0700',
  CET: '+0100',
  CEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  BST: '+0100',
  IST: '+0530',
  JST: '+0900',
  AEST: '+1000',
  AEDT: '+1100',
};

const MONTHS: Record<string, string> = {
  jan: 'Jan',
  feb: 'Feb',
  mar: 'Mar',
  apr: 'Apr',
  may: 'May',
  jun: 'Jun',
  jul: 'Jul',
  aug: 'Aug',
  sep: 'Sep',
  sept: 'Sep',
  oct: 'Oct',
  nov: 'Nov',
  dec: 'Dec',
};

/**
 * Dates as feeds write them: RFC 822 and its variants (missing day name or seconds, two-digit years,
 * zone names, lowercase months), ISO 8601 and W3C-DTF (with or without a zone), and epoch seconds.
 * Returns undefined when nothing sensible can be read (the caller uses the fetch time).
 */
export function parseFeedDate(input: unknown): Date | undefined {
  if (typeof input === 'number') return valid(new Date(input < 1e11 ? input * 1000 : input));
  if (typeof input !== 'string') return undefined;
  const s = input.trim();
  if (!s) return undefined;
  if (/^\d{9,13}$/.test(s)) return valid(new Date(Number(s) * (s.length <= 10 ? 1000 : 1)));
  if (/^\d{4}-\d{2}(-\d{2})?/.test(s)) {
    // ISO 8601 / W3C-DTF; a date-time without a zone is taken as UTC.
    const iso = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s}Z` : s.replace(' ', 'T');
    return valid(new Date(iso)) ?? valid(new Date(s));
  }
  const m =
    /^(?:[A-Za-z]{2,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?/.exec(
      s,
    );
  if (m) {
    const [, day, mon, yearRaw, hh = '00', mm = '00', ss = '00', zone = 'GMT'] = m;
    const month =
      MONTHS[(mon ?? '').toLowerCase().slice(0, (mon ?? '').toLowerCase().startsWith('sept') ? 4 : 3)];
    let year = Number(yearRaw);
    if (year < 100) year += year < 50 ? 2000 : 1900;
    const offset = /^[+-]/.test(zone) ? zone.replace(':', '') : (ZONES[zone.toUpperCase()] ?? '+0000');
    if (month) {
      return valid(new Date(`${day} ${month} ${year} ${hh.padStart(2, '0')}:${mm}:${ss} ${offset}`));
    }
  }
  return valid(new Date(s));
}

function valid(d: Date): Date | undefined {
  const t = d.getTime();
  // Outside 1990..10 years ahead is a broken date, not news.
  return Number.isNaN(t) || t < 631152000000 || t > Date.now() + 10 * 365 * 86_400_000 ? undefined : d;
}

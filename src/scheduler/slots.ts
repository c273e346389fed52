import { DateTime } from 'luxon';

/**
 * The instants a daily HH:MM digest falls due in a timezone, after `after` and up to `upTo`: one per
 * local day. On the day clocks spring forward past HH:MM it falls at the first valid minute after the
 * gap (02:30 becomes 03:30); on the day they fall back through HH:MM, at its first occurrence only.
 */
export function slotsBetween(time: string, timezone: string, after: Date, upTo: Date): Date[] {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const first = DateTime.fromJSDate(after, { zone: timezone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(upTo, { zone: timezone }).startOf('day');
  const slots: Date[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    let local = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour, minute },
      { zone: timezone },
    );
    // In the repeated hour of a fall-back day luxon picks the later occurrence; the digest takes the first.
    const hourEarlier = local.minus({ hours: 1 });
    if (hourEarlier.hour === hour && hourEarlier.minute === minute && hourEarlier.day === local.day)
      local = hourEarlier;
    const slot = local.toJSDate();
    if (slot > after && slot <= upTo) slots.push(slot);
  }
  return slots;
}

// Whole-day closures of a sede: Italian national holidays, the local patron saint, configured closure ranges.
import Holidays from 'date-holidays';
import type { Sede } from '@sportello/protocol';

// Building the rule set is costly, so one instance serves every call.
let holidays: Holidays | undefined;
// Holiday sets by year: availability asks about the same few years many times.
const byYear = new Map<number, Map<string, string>>();

function nationalHolidays(year: number): Map<string, string> {
  let set = byYear.get(year);
  if (!set) {
    holidays ??= new Holidays('IT');
    set = new Map();
    for (const h of holidays.getHolidays(year, 'it')) {
      // Observances (e.g. Mother's Day) are not days off; the first name wins if two fall together.
      const date = h.date.slice(0, 10);
      if (h.type === 'public' && !set.has(date)) set.set(date, h.name);
    }
    byYear.set(year, set);
  }
  return set;
}

/** Why the sede is closed all day on `date` (YYYY-MM-DD, its own zone), or null if it is not. */
export function closureOf(sede: Sede, date: string): string | null {
  const holiday = nationalHolidays(Number(date.slice(0, 4))).get(date);
  if (holiday) return holiday;
  if (date.slice(5) === sede.patronSaint.date) return sede.patronSaint.name;
  // ISO dates compare correctly as strings; both ends are inclusive.
  const closure = (sede.closures ?? []).find((c) => c.from <= date && date <= c.to);
  return closure ? closure.reason : null;
}

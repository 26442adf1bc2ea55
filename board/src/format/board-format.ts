// The board's words for times and waits, in Italian (the board is in Italian; calls are spoken in the
// ticket's language too).
import type { BoardView } from '@sportello/protocol';

/** "3 in attesa" and "circa 12 min", or that nobody waits. */
export function waitText(count: number, minutes: number): { count: string; wait: string } {
  if (count === 0) return { count: 'Nessuno in attesa', wait: '' };
  return { count: `${count} in attesa`, wait: waitMinutes(minutes) };
}

function waitMinutes(minutes: number): string {
  if (minutes <= 1) return 'attesa breve';
  if (minutes < 60) return `circa ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `circa ${hours} h` : `circa ${hours} h ${rest} min`;
}

/** Today's walk-in hours: "08:30–12:30" (several spans joined), or closed. */
export function hoursText(hours: BoardView['hours']): string {
  if (hours.length === 0) return 'Oggi chiuso al pubblico';
  return hours.map((span) => `${span.from}–${span.to}`).join(' e ');
}

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

/** The view's day (YYYY-MM-DD), e.g. "lunedì 7 dicembre". */
export function dayText(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? '' : dayFormat.format(date);
}

const clockFormat = new Intl.DateTimeFormat('it-IT', { hour: '2-digit', minute: '2-digit' });

/** The TV's local time, "09:05". */
export function clockText(now: Date): string {
  return clockFormat.format(now);
}

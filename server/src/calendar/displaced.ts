// Which booked appointments a closure or an absence added from the console leaves without an office or an
// official. Pure: the caller reads the bookings and the changes in its transaction.
import type { Official } from '@sportello/protocol';
import { DateTime } from 'luxon';
import {
  closedIntervals,
  staffedIntervals,
  wholeDayClosure,
  type CalendarAdjustment,
} from './availability.ts';

const ZONE = 'Europe/Rome';

/** What the computation needs of a booking. */
export interface PlacedBooking {
  code: string;
  sector: string;
  start: string;
  end: string;
  status: string;
  createdAt: string;
}

export interface DisplacedInput {
  sede: string;
  /** All officials; those of other sedi are ignored. */
  officials: Official[];
  /** The change whose displaced bookings are wanted. */
  change: CalendarAdjustment;
  /** Every change in force, `change` among them. */
  adjustments: CalendarAdjustment[];
  /** The sede's bookings on the change's days, whatever their status. */
  bookings: PlacedBooking[];
  now: Date;
}

/**
 * The codes of the bookings, still to come, that no longer fit, by start. A closure displaces every booking it
 * overlaps. An absence displaces as many overlapping bookings of the official's sectors as the officials left
 * cannot take, the latest booked first: whoever booked first keeps their time.
 */
export function displacedBookings(input: DisplacedInput): string[] {
  const { change } = input;
  const now = input.now.getTime();
  const future = input.bookings
    .filter((b) => b.status === 'booked' && Date.parse(b.start) > now)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.code.localeCompare(b.code));
  const displaced = new Set<string>();
  for (const booking of future) {
    const date = localDate(booking.start);
    if (date < change.from || date > change.to) continue;
    if (change.kind === 'closure' && closes(change, date, booking)) displaced.add(booking.code);
  }
  if (change.kind === 'absence') {
    const absent = input.officials.find((o) => o.id === change.official && o.sede === input.sede);
    if (absent) for (const code of overCapacity(input, absent)) displaced.add(code);
  }
  return future.filter((b) => displaced.has(b.code)).map((b) => b.code);
}

/** Whether the closure shuts the office at any moment of the booking (which falls on one of its days). */
function closes(change: CalendarAdjustment, date: string, b: PlacedBooking): boolean {
  if (!change.hours) return wholeDayClosure([change], date) !== null;
  const [start, end] = [Date.parse(b.start), Date.parse(b.end)];
  return closedIntervals([change], date).some((c) => c.start < end && start < c.end);
}

/** Bookings of the absent official's sectors on the change's days that the officials left cannot take. */
function overCapacity(input: DisplacedInput, absent: Official): string[] {
  const { change } = input;
  const now = input.now.getTime();
  const found: string[] = [];
  const byDay = new Map<string, PlacedBooking[]>();
  for (const b of input.bookings) {
    if (b.status !== 'booked' || !absent.sectors.includes(b.sector)) continue;
    const date = localDate(b.start);
    if (date < change.from || date > change.to) continue;
    byDay.set(date, [...(byDay.get(date) ?? []), b]);
  }
  for (const [date, bookings] of byDay) {
    const gap = change.hours
      ? { start: wallClockOf(date, change.hours.from), end: wallClockOf(date, change.hours.to) }
      : undefined;
    // The order they were booked in: the first ones keep their places.
    const ordered = [...bookings].sort(
      (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.code.localeCompare(b.code),
    );
    const kept: { sector: string; start: number; end: number }[] = [];
    for (const b of ordered) {
      const [start, end] = [Date.parse(b.start), Date.parse(b.end)];
      const staffed = input.officials.filter(
        (o) =>
          o.sede === input.sede &&
          o.sectors.includes(b.sector) &&
          staffedIntervals(o, date, input.adjustments).some((r) => r.start <= start && end <= r.end),
      ).length;
      const booked = kept.filter((k) => k.sector === b.sector && k.start < end && start < k.end).length;
      const inWindow = !gap || (gap.start < end && start < gap.end);
      if (booked < staffed || !inWindow || start <= now) kept.push({ sector: b.sector, start, end });
      else found.push(b.code);
    }
  }
  return found;
}

function wallClockOf(date: string, hhmm: string): number {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE }).toMillis();
}

function localDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: ZONE }).toISODate()!;
}

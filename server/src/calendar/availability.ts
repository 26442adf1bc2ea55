// Appointment slots of a sede and their free capacity, computed in Europe/Rome time from config and bookings.
// Pure: no I/O; slot lengths are real elapsed minutes, so DST change days stay correct.
import { DateTime } from 'luxon';
import { weekdays } from '@sportello/protocol';
import type { BookingMode, Official, Sede, Service, TimeRange, Weekday } from '@sportello/protocol';
import { closureOf } from './closures.ts';

const ZONE = 'Europe/Rome';
const MINUTE = 60_000;

/**
 * A change of the office's calendar made from the console (store: CalendarChange, not removed): a closure of
 * the sede, or an official's hours removed, on days `from`..`to`, wholly or only for `hours` each day.
 */
export interface CalendarAdjustment {
  kind: 'closure' | 'absence';
  official?: string;
  from: string;
  to: string;
  hours?: { from: string; to: string };
  reason: string;
}

/** An active booking, reduced to what capacity needs. */
export interface BookedInterval {
  sector: string;
  start: string;
  end: string;
}

export interface AvailabilityInput {
  sede: Sede;
  service: Service;
  mode: BookingMode;
  /** All officials; those of other sedi or sectors are ignored here. */
  officials: Official[];
  /** First and last day (YYYY-MM-DD, inclusive) in the sede's zone. */
  from: string;
  to: string;
  now: Date;
  /** No slot may start before now + leadMinutes. */
  leadMinutes: number;
  /** Optional: no slot on days later than today + horizonDays (Rome). */
  horizonDays?: number;
  bookings: BookedInterval[];
  /** Closures and absences added from the console, on top of the configured calendar. */
  adjustments?: CalendarAdjustment[];
}

export interface Slot {
  start: string;
  end: string;
  free: number;
}

export interface DayAvailability {
  date: string;
  slots: Slot[];
}

export type CheckSlotInput = Omit<AvailabilityInput, 'from' | 'to'> & { start: string };

export type CheckSlotResult =
  | { ok: true; start: string; end: string; free: number }
  | { ok: false; reason: 'not-a-slot' | 'closed' | 'past' | 'full' | 'beyond-horizon' };

interface Candidate {
  start: number;
  end: number;
  free: number;
  /** Inside hours a console closure shuts. */
  shut?: boolean;
}

/** What every day of one computation shares, prepared once. */
interface Context {
  input: Omit<AvailabilityInput, 'from' | 'to'>;
  minutes: number;
  officials: Official[];
  bookings: { start: number; end: number }[];
  earliest: number;
  lastDay: string | null;
  adjustments: CalendarAdjustment[];
}

function prepare(input: Omit<AvailabilityInput, 'from' | 'to'>): Context {
  const channel = input.service.channels[input.mode];
  if (!channel) throw new Error(`service ${input.service.id} is not offered as ${input.mode}`);
  const sector = input.service.sector;
  const today = DateTime.fromJSDate(input.now, { zone: ZONE }).startOf('day');
  return {
    input,
    minutes: channel.minutes,
    officials: input.officials.filter((o) => o.sede === input.sede.id && o.sectors.includes(sector)),
    bookings: input.bookings
      .filter((b) => b.sector === sector)
      .map((b) => ({ start: instant(b.start), end: instant(b.end) }))
      // An unreadable booking cannot be placed; dropping it beats failing the whole calendar.
      .filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end)),
    earliest: input.now.getTime() + input.leadMinutes * MINUTE,
    lastDay: input.horizonDays === undefined ? null : isoDate(today.plus({ days: input.horizonDays })),
    adjustments: input.adjustments ?? [],
  };
}

function instant(iso: string): number {
  return DateTime.fromISO(iso, { setZone: true }).toMillis();
}

function isoDate(dt: DateTime): string {
  const s = dt.toISODate();
  if (!s) throw new Error(`invalid date: ${dt.invalidReason ?? 'unknown'}`);
  return s;
}

function romeIso(ms: number): string {
  const s = DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true });
  if (!s) throw new Error(`invalid instant: ${ms}`);
  return s;
}

function weekdayOf(date: string): Weekday {
  const day = DateTime.fromISO(date, { zone: ZONE });
  if (!day.isValid) throw new Error(`expected a date as YYYY-MM-DD, got ${date}`);
  return weekdays[day.weekday - 1] as Weekday;
}

// Time-zone arithmetic dominates an availability query, and the same few hours recur every day.
const wallClockCache = new Map<string, number>();
const WALL_CLOCK_CACHE_SIZE = 20_000;

function wallClock(date: string, hhmm: string): number {
  const key = `${date}T${hhmm}`;
  let ms = wallClockCache.get(key);
  if (ms === undefined) {
    if (wallClockCache.size >= WALL_CLOCK_CACHE_SIZE) wallClockCache.clear();
    ms = computeWallClock(date, hhmm);
    wallClockCache.set(key, ms);
  }
  return ms;
}

/** Rome wall-clock time as an instant: a repeated time takes its first occurrence, a skipped one the jump. */
function computeWallClock(date: string, hhmm: string): number {
  const day = DateTime.fromISO(date, { zone: ZONE });
  const offsets = [...new Set([day.offset, day.endOf('day').offset])];
  // The wall-clock reading expressed as if it were UTC; subtracting an offset gives a candidate instant.
  const local = DateTime.fromISO(`${date}T${hhmm}`, { zone: 'utc' }).toMillis();
  const fits = offsets
    .map((o) => local - o * MINUTE)
    .filter((ms) => DateTime.fromMillis(ms, { zone: ZONE }).offset * MINUTE === local - ms);
  if (fits.length > 0) return Math.min(...fits);
  const after = Math.max(...offsets);
  let ms = local - after * MINUTE;
  // Rome's offsets change on whole minutes, so minute steps find the jump exactly.
  while (DateTime.fromMillis(ms, { zone: ZONE }).offset !== after) ms += MINUTE;
  return ms;
}

function intervals(date: string, ranges: TimeRange[] | undefined): Interval[] {
  return (ranges ?? []).map((r) => ({ start: wallClock(date, r.from), end: wallClock(date, r.to) }));
}

/** Every slot the grid has on `date` with its free capacity, or the closure reason; no past/full filtering. */
function candidates(ctx: Context, date: string): { closed: string | null; slots: Candidate[] } {
  const closed = closureOf(ctx.input.sede, date) ?? wholeDayClosure(ctx.adjustments, date);
  if (closed) return { closed, slots: [] };
  const weekday = weekdayOf(date);
  const starts = new Map<number, number>();
  for (const range of intervals(date, ctx.input.sede.appointmentHours[weekday])) {
    // Step in real elapsed time so a DST jump inside a range neither repeats nor skips a slot.
    let t = DateTime.fromMillis(range.start, { zone: ZONE });
    for (let end = t.plus({ minutes: ctx.minutes }); end.toMillis() <= range.end;) {
      starts.set(t.toMillis(), end.toMillis());
      t = end;
      end = t.plus({ minutes: ctx.minutes });
    }
  }
  const shifts = ctx.officials.map((o) => staffedIntervals(o, date, ctx.adjustments));
  const shut = closedIntervals(ctx.adjustments, date);
  const grid = [...starts].sort((a, b) => a[0] - b[0]);
  // Slots all last the same, so the last start gives the day's end; each slot then scans only that day's bookings.
  const first = grid[0]?.[0] ?? 0;
  const last = grid.at(-1)?.[1] ?? 0;
  const today = ctx.bookings.filter((b) => b.start < last && first < b.end);
  const slots = grid.map(([start, end]) => {
    // Half-open intervals: touching end to start is no overlap.
    if (shut.some((c) => c.start < end && start < c.end)) return { start, end, free: 0, shut: true };
    const staffed = shifts.filter((s) => s.some((r) => r.start <= start && end <= r.end)).length;
    const booked = today.filter((b) => b.start < end && start < b.end).length;
    return { start, end, free: staffed - booked };
  });
  return { closed: null, slots };
}

const onDay = (a: CalendarAdjustment, date: string) => a.from <= date && date <= a.to;

/** The reason of a console closure of the whole of `date`, or null. */
export function wholeDayClosure(adjustments: readonly CalendarAdjustment[], date: string): string | null {
  return adjustments.find((a) => a.kind === 'closure' && !a.hours && onDay(a, date))?.reason ?? null;
}

/** The parts of `date` a console closure of some hours shuts. */
export function closedIntervals(adjustments: readonly CalendarAdjustment[], date: string): Interval[] {
  return adjustments
    .filter((a) => a.kind === 'closure' && a.hours && onDay(a, date))
    .map((a) => ({ start: wallClock(date, a.hours!.from), end: wallClock(date, a.hours!.to) }));
}

export interface Interval {
  start: number;
  end: number;
}

/** An official's hours on `date` (config) minus their absences added from the console. */
export function staffedIntervals(
  official: Official,
  date: string,
  adjustments: readonly CalendarAdjustment[],
): Interval[] {
  let hours = intervals(date, official.availability[weekdayOf(date)]);
  for (const a of adjustments) {
    if (a.kind !== 'absence' || a.official !== official.id || !onDay(a, date)) continue;
    if (!a.hours) return [];
    const gap = { start: wallClock(date, a.hours.from), end: wallClock(date, a.hours.to) };
    hours = hours.flatMap((h) => minus(h, gap));
  }
  return hours;
}

/** What is left of `range` outside `gap`: nothing, one piece or two. */
function minus(range: Interval, gap: Interval): Interval[] {
  if (gap.end <= range.start || range.end <= gap.start) return [range];
  const left = gap.start > range.start ? [{ start: range.start, end: gap.start }] : [];
  const right = gap.end < range.end ? [{ start: gap.end, end: range.end }] : [];
  return [...left, ...right];
}

function* daysBetween(from: string, to: string): Generator<string> {
  const last = DateTime.fromISO(to, { zone: ZONE });
  let day = DateTime.fromISO(from, { zone: ZONE });
  if (!day.isValid || !last.isValid) throw new Error(`expected dates as YYYY-MM-DD, got ${from}..${to}`);
  for (; day <= last; day = day.plus({ days: 1 })) yield isoDate(day);
}

/** Bookable slots of one day: open, within the horizon, not too soon, with a free official. */
function bookable(ctx: Context, date: string): Slot[] {
  if (ctx.lastDay !== null && date > ctx.lastDay) return [];
  return candidates(ctx, date)
    .slots.filter((s) => s.start >= ctx.earliest && s.free >= 1)
    .map((s) => ({ start: romeIso(s.start), end: romeIso(s.end), free: s.free }));
}

/** Free slots for each day from `from` to `to` inclusive; closed or full days have no slots. */
export function computeAvailability(input: AvailabilityInput): DayAvailability[] {
  const ctx = prepare(input);
  return [...daysBetween(input.from, input.to)].map((date) => ({ date, slots: bookable(ctx, date) }));
}

/** The first `count` free slots in the range, in time order (alternatives after a conflict). */
export function nextFreeSlots(input: AvailabilityInput, count: number): Slot[] {
  const ctx = prepare(input);
  const found: Slot[] = [];
  for (const date of daysBetween(input.from, input.to)) {
    if (found.length >= count) break;
    found.push(...bookable(ctx, date).slice(0, count - found.length));
  }
  return found;
}

/** Whether `start` (ISO with any offset) is a slot start of the grid that can still be booked. */
export function checkSlot(input: CheckSlotInput): CheckSlotResult {
  const ctx = prepare(input);
  // Without an offset the instant would depend on the server's zone, so it is not accepted.
  const at = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(input.start)
    ? DateTime.fromISO(input.start, { setZone: true })
    : null;
  if (!at?.isValid) return { ok: false, reason: 'not-a-slot' };
  const date = isoDate(at.setZone(ZONE));
  const day = candidates(ctx, date);
  if (day.closed) return { ok: false, reason: 'closed' };
  const slot = day.slots.find((s) => s.start === at.toMillis());
  if (!slot) return { ok: false, reason: 'not-a-slot' };
  if (slot.shut) return { ok: false, reason: 'closed' };
  if (slot.start < ctx.earliest) return { ok: false, reason: 'past' };
  if (ctx.lastDay !== null && date > ctx.lastDay) return { ok: false, reason: 'beyond-horizon' };
  if (slot.free < 1) return { ok: false, reason: 'full' };
  return { ok: true, start: romeIso(slot.start), end: romeIso(slot.end), free: slot.free };
}

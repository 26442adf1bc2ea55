// Appointment slots of a sede and their free capacity, computed in Europe/Rome time from config and bookings.
// Pure: no I/O; slot lengths are real elapsed minutes, so DST change days stay correct.
import type { BookingMode, Official, Sede, Service, TimeRange } from '@sportello/protocol';
import { closureOf } from './closures.ts';
import { addDays, datesBetween, instantOf, romeDayOf, romeIso, wallClock, weekdayOf } from './rome-time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

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

/** An active booking, reduced to what capacity needs: ISO date-times with offset, or epoch milliseconds. */
export interface BookedInterval {
  sector: string;
  start: string | number;
  end: string | number;
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
  startIso: string;
  endIso: string;
  free: number;
  /** Inside hours a console closure shuts. */
  shut?: boolean;
}

/** A slot of a day's grid as the calendar alone makes it: before bookings and before "now". */
interface GridSlot {
  start: number;
  end: number;
  startIso: string;
  endIso: string;
  /** Officials of the sector on duty for the whole slot. */
  staffed: number;
  shut: boolean;
}

interface DayGrid {
  closed: string | null;
  slots: GridSlot[];
}

/** What every day of one computation shares, prepared once. */
interface Context {
  input: Omit<AvailabilityInput, 'from' | 'to'>;
  minutes: number;
  /** Active bookings of the sector, by start. */
  bookings: Interval[];
  earliest: number;
  lastDay: string | null;
  adjustments: CalendarAdjustment[];
  grids: Map<string, DayGrid>;
}

/**
 * Day grids, by the config objects they come from (loaded once, never changed in place), then by sector, slot
 * length, day and that day's calendar changes: a closure or an absence added or removed makes another key, so
 * a grid is never stale; bookings are counted against it on every request.
 */
const gridCaches = new WeakMap<readonly Official[], WeakMap<Sede, Map<string, DayGrid>>>();
/** Grids kept per sede: a few sectors and slot lengths over the booking horizon, with room for past days. */
const GRID_CACHE_SIZE = 4_000;

function gridCacheOf(officials: readonly Official[], sede: Sede): Map<string, DayGrid> {
  let bySede = gridCaches.get(officials);
  if (!bySede) gridCaches.set(officials, (bySede = new WeakMap()));
  let grids = bySede.get(sede);
  if (!grids) bySede.set(sede, (grids = new Map()));
  return grids;
}

/** `withBookings`: the sector's bookings placed and sorted, for counting a range of days' slots. */
function prepare(input: Omit<AvailabilityInput, 'from' | 'to'>, withBookings = true): Context {
  const channel = input.service.channels[input.mode];
  if (!channel) throw new Error(`service ${input.service.id} is not offered as ${input.mode}`);
  const sector = input.service.sector;
  const bookings: Interval[] = [];
  for (const b of withBookings ? input.bookings : []) {
    if (b.sector !== sector) continue;
    const interval = { start: instant(b.start), end: instant(b.end) };
    // An unreadable booking cannot be placed; dropping it beats failing the whole calendar.
    if (Number.isFinite(interval.start) && Number.isFinite(interval.end)) bookings.push(interval);
  }
  return {
    input,
    minutes: channel.minutes,
    bookings: bookings.sort((a, b) => a.start - b.start),
    earliest: input.now.getTime() + input.leadMinutes * MINUTE,
    lastDay:
      input.horizonDays === undefined ? null : addDays(romeDayOf(input.now.getTime()), input.horizonDays),
    adjustments: input.adjustments ?? [],
    grids: gridCacheOf(input.officials, input.sede),
  };
}

function instant(at: string | number): number {
  return typeof at === 'number' ? at : instantOf(at);
}

function intervals(date: string, ranges: TimeRange[] | undefined): Interval[] {
  return (ranges ?? []).map((r) => ({ start: wallClock(date, r.from), end: wallClock(date, r.to) }));
}

/** The day's grid for the context's sector and slot length, from the cache or made now. */
function dayGrid(ctx: Context, date: string): DayGrid {
  const todays = ctx.adjustments.filter((a) => onDay(a, date));
  const key = `${ctx.input.service.sector}|${ctx.minutes}|${date}|${todays.length ? JSON.stringify(todays) : ''}`;
  let grid = ctx.grids.get(key);
  if (!grid) {
    if (ctx.grids.size >= GRID_CACHE_SIZE) ctx.grids.clear();
    grid = makeGrid(ctx, date, todays);
    ctx.grids.set(key, grid);
  }
  return grid;
}

function makeGrid(ctx: Context, date: string, adjustments: CalendarAdjustment[]): DayGrid {
  const closed = closureOf(ctx.input.sede, date) ?? wholeDayClosure(adjustments, date);
  if (closed) return { closed, slots: [] };
  const starts = new Map<number, number>();
  const step = ctx.minutes * MINUTE;
  for (const range of intervals(date, ctx.input.sede.appointmentHours[weekdayOf(date)])) {
    // Slots are real elapsed minutes, so a DST jump inside a range neither repeats nor skips a slot.
    for (let t = range.start; t + step <= range.end; t += step) starts.set(t, t + step);
  }
  const { sede, service } = ctx.input;
  const officials = ctx.input.officials.filter(
    (o) => o.sede === sede.id && o.sectors.includes(service.sector),
  );
  const shifts = officials.map((o) => staffedIntervals(o, date, adjustments));
  const shut = closedIntervals(adjustments, date);
  const slots = [...starts]
    .sort((a, b) => a[0] - b[0])
    .map(([start, end]) => ({
      start,
      end,
      startIso: romeIso(start),
      endIso: romeIso(end),
      staffed: shifts.filter((s) => s.some((r) => r.start <= start && end <= r.end)).length,
      // Half-open intervals: touching end to start is no overlap.
      shut: shut.some((c) => c.start < end && start < c.end),
    }));
  return { closed: null, slots };
}

/** The first index of `sorted` (by start) whose start is not before `at`. */
function firstFrom(sorted: Interval[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every slot the grid has on `date` with its free capacity, or the closure reason; no past/full filtering. */
function candidates(ctx: Context, date: string): { closed: string | null; slots: Candidate[] } {
  const grid = dayGrid(ctx, date);
  if (grid.closed) return { closed: grid.closed, slots: [] };
  const first = grid.slots[0]?.start ?? 0;
  const last = grid.slots.at(-1)?.end ?? 0;
  // A booking lasts less than a day, so those that can touch the day start at most a day before it.
  const today: Interval[] = [];
  for (let i = firstFrom(ctx.bookings, first - DAY); i < ctx.bookings.length; i++) {
    const b = ctx.bookings[i]!;
    if (b.start >= last) break;
    if (first < b.end) today.push(b);
  }
  const slots = grid.slots.map(({ start, end, startIso, endIso, staffed, shut }) => {
    if (shut) return { start, end, startIso, endIso, free: 0, shut: true };
    let booked = 0;
    for (const b of today) if (b.start < end && start < b.end) booked++;
    return { start, end, startIso, endIso, free: staffed - booked };
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

/** Bookable slots of one day: open, within the horizon, not too soon, with a free official. */
function bookable(ctx: Context, date: string): Slot[] {
  if (ctx.lastDay !== null && date > ctx.lastDay) return [];
  return candidates(ctx, date)
    .slots.filter((s) => s.start >= ctx.earliest && s.free >= 1)
    .map((s) => ({ start: s.startIso, end: s.endIso, free: s.free }));
}

/** Free slots for each day from `from` to `to` inclusive; closed or full days have no slots. */
export function computeAvailability(input: AvailabilityInput): DayAvailability[] {
  const ctx = prepare(input);
  return [...datesBetween(input.from, input.to)].map((date) => ({ date, slots: bookable(ctx, date) }));
}

/** The first `count` free slots in the range, in time order (alternatives after a conflict). */
export function nextFreeSlots(input: AvailabilityInput, count: number): Slot[] {
  const ctx = prepare(input);
  const found: Slot[] = [];
  for (const date of datesBetween(input.from, input.to)) {
    if (found.length >= count) break;
    found.push(...bookable(ctx, date).slice(0, count - found.length));
  }
  return found;
}

/** Whether `start` (ISO with any offset) is a slot start of the grid that can still be booked. */
export function checkSlot(input: CheckSlotInput): CheckSlotResult {
  const ctx = prepare(input, false);
  // Without an offset the instant would depend on the server's zone, so it is not accepted (NaN).
  const at = instantOf(input.start);
  if (Number.isNaN(at)) return { ok: false, reason: 'not-a-slot' };
  const date = romeDayOf(at);
  const grid = dayGrid(ctx, date);
  if (grid.closed) return { ok: false, reason: 'closed' };
  const slot = grid.slots.find((s) => s.start === at);
  if (!slot) return { ok: false, reason: 'not-a-slot' };
  if (slot.shut) return { ok: false, reason: 'closed' };
  if (slot.start < ctx.earliest) return { ok: false, reason: 'past' };
  if (ctx.lastDay !== null && date > ctx.lastDay) return { ok: false, reason: 'beyond-horizon' };
  // Only this slot's bookings are counted: a booking checks one slot, not its whole day.
  const sector = input.service.sector;
  let booked = 0;
  for (const b of input.bookings)
    if (b.sector === sector && instant(b.start) < slot.end && slot.start < instant(b.end)) booked++;
  const free = slot.staffed - booked;
  if (free < 1) return { ok: false, reason: 'full' };
  return { ok: true, start: slot.startIso, end: slot.endIso, free };
}

// Europe/Rome calendar arithmetic without a time-zone library call per slot: the zone's offset is looked up
// once per UTC hour (Rome changes offset only on whole UTC hours) and dates are stepped as plain UTC dates.
import { DateTime } from 'luxon';
import { weekdays, type Weekday } from '@sportello/protocol';

export const ZONE = 'Europe/Rome';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const offsets = new Map<number, number>();
const OFFSET_CACHE_SIZE = 50_000;

/** Rome's offset from UTC in minutes at the instant `ms`. */
export function romeOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    if (offsets.size >= OFFSET_CACHE_SIZE) offsets.clear();
    offset = DateTime.fromMillis(hour * HOUR, { zone: ZONE }).offset;
    offsets.set(hour, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The Rome wall-clock reading of `ms` as a Date whose UTC fields are that reading. */
function wall(ms: number): Date {
  return new Date(ms + romeOffset(ms) * MINUTE);
}

function dateOf(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** The instant as luxon writes it in Rome with suppressMilliseconds: 2026-12-01T09:00:00+01:00. */
export function romeIso(ms: number): string {
  if (!Number.isFinite(ms)) throw new Error(`invalid instant: ${ms}`);
  const offset = romeOffset(ms);
  const d = new Date(ms + offset * MINUTE);
  const millis = d.getUTCMilliseconds();
  const fraction = millis ? `.${String(millis).padStart(3, '0')}` : '';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${dateOf(d)}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${fraction}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/** The Rome calendar day (YYYY-MM-DD) the instant falls on. */
export function romeDayOf(ms: number): string {
  return dateOf(wall(ms));
}

/** The Rome day of a stored instant (ISO with offset); throws on anything else, which no record should hold. */
export function romeDayOfIso(iso: string): string {
  const ms = instantOf(iso);
  if (Number.isNaN(ms)) throw new Error(`expected a date-time with offset, got ${iso}`);
  return romeDayOf(ms);
}

/** A Rome wall-clock reading, field by field; weekday 1 is Monday (ISO, as luxon counts). */
export interface RomeReading {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

export function romeReading(ms: number): RomeReading {
  const d = wall(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** "08:30" */
export function hhmm(reading: Pick<RomeReading, 'hour' | 'minute'>): string {
  return `${two(reading.hour)}:${two(reading.minute)}`;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * The instant of an ISO date-time that carries its offset ("…Z", "…+01:00"); NaN for anything else, a
 * reading without an offset included (its instant would depend on the server's zone).
 */
export function instantOf(iso: string): number {
  if (!WITH_OFFSET.test(iso)) return NaN;
  const ms = Date.parse(iso);
  // Date.parse reads the standard's forms; luxon reads the rest ISO 8601 allows (+0100, +01).
  return Number.isNaN(ms) ? DateTime.fromISO(iso, { setZone: true }).toMillis() : ms;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a YYYY-MM-DD date, for weekday and day arithmetic; throws on anything else. */
function utcMidnight(date: string): number {
  const m = DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || !Number.isFinite(ms) || dateOf(new Date(ms)) !== date)
    throw new Error(`expected a date as YYYY-MM-DD, got ${date}`);
  return ms;
}

/** The date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return dateOf(new Date(utcMidnight(date) + days * DAY));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFromTo(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY);
}

export function weekdayOf(date: string): Weekday {
  // getUTCDay: 0 is Sunday; weekdays[] starts on Monday.
  return weekdays[(new Date(utcMidnight(date)).getUTCDay() + 6) % 7] as Weekday;
}

/** Every date from `from` to `to`, both included. */
export function* datesBetween(from: string, to: string): Generator<string> {
  const last = utcMidnight(to);
  for (let ms = utcMidnight(from); ms <= last; ms += DAY) yield dateOf(new Date(ms));
}

const wallClocks = new Map<string, number>();
const WALL_CLOCK_CACHE_SIZE = 20_000;

/** Rome wall-clock time as an instant: a repeated time takes its first occurrence, a skipped one the jump. */
export function wallClock(date: string, hhmm: string): number {
  const key = `${date}T${hhmm}`;
  let ms = wallClocks.get(key);
  if (ms === undefined) {
    if (wallClocks.size >= WALL_CLOCK_CACHE_SIZE) wallClocks.clear();
    ms = computeWallClock(date, hhmm);
    wallClocks.set(key, ms);
  }
  return ms;
}

function computeWallClock(date: string, hhmm: string): number {
  const day = DateTime.fromISO(date, { zone: ZONE });
  const candidates = [...new Set([day.offset, day.endOf('day').offset])];
  // The wall-clock reading expressed as if it were UTC; subtracting an offset gives a candidate instant.
  const local = DateTime.fromISO(`${date}T${hhmm}`, { zone: 'utc' }).toMillis();
  const fits = candidates
    .map((o) => local - o * MINUTE)
    .filter((ms) => DateTime.fromMillis(ms, { zone: ZONE }).offset * MINUTE === local - ms);
  if (fits.length > 0) return Math.min(...fits);
  const after = Math.max(...candidates);
  let ms = local - after * MINUTE;
  // Rome's offsets change on whole minutes, so minute steps find the jump exactly.
  while (DateTime.fromMillis(ms, { zone: ZONE }).offset !== after) ms += MINUTE;
  return ms;
}

// Existing bookings for the benchmark, written straight into lowdb day files: seeding 100k over HTTP would take minutes.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import {
  checkCharacter,
  weekdays,
  type AuthMethod,
  type BookingMode,
  type BookingStatus,
  type Sede,
  type Service,
} from '@sportello/protocol';
import { computeAvailability } from '../../server/src/calendar/availability.ts';
import { closureOf } from '../../server/src/calendar/closures.ts';
import type { AppConfig } from '../../server/src/config/load-config.ts';
import { coreFile, dayFile } from '../../server/src/store/lowdb/partitions.ts';
import { REMOVED, type StoredBooking } from '../../server/src/store/store.ts';

export const ZONE = 'Europe/Rome';
const MODES: BookingMode[] = ['inPerson', 'callback', 'webMeeting'];
const STRONG: AuthMethod[] = ['cie-pin', 'spid', 'cns-pin'];
const ANY_AUTH: AuthMethod[] = [...STRONG, 'cie-card', 'cns-card', 'ts-barcode', 'typed'];
const FIRST = [
  'Mario',
  'Giulia',
  'Luca',
  'Anna',
  'Marco',
  'Francesca',
  'Giuseppe',
  'Chiara',
  'Paolo',
  'Elena',
];
const LAST = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MONTHS = 'ABCDEHLMPRST';
/** Future bookings fill at most this share of the free capacity, so the booking phase has slots left. */
const FUTURE_CAPACITY_SHARE = 0.15;
const FUTURE_SHARE = 0.1;

export type Random = () => number;

/** mulberry32: a seeded generator, so every run seeds the same data. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

export function shuffle<T>(rnd: Random, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** A valid codice fiscale per integer: distinct citizens, so the one-booking-per-day rule never trips. */
export function codiceFiscale(i: number): string {
  let letters = '';
  for (let n = i, k = 0; k < 6; k++, n = Math.floor(n / 26)) letters += String.fromCharCode(65 + (n % 26));
  const year = String(40 + (i % 60)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const first15 = `${letters}${year}${MONTHS[i % 12]}${day}H501`;
  return first15 + checkCharacter(first15);
}

/** Unique 8-character Crockford codes; random ones drawn by the server will not collide in practice. */
function bookingCode(i: number): string {
  let code = '';
  for (let n = i + 0x3a000000, k = 0; k < 8; k++, n = Math.floor(n / 32)) code = CROCKFORD[n % 32]! + code;
  return code;
}

function romeIso(dt: DateTime): string {
  return dt.setZone(ZONE).toISO({ suppressMilliseconds: true })!;
}

interface Citizen {
  codiceFiscale: string;
  firstName: string;
  lastName: string;
  phone: string;
  language: string;
}

function citizen(rnd: Random, i: number): Citizen {
  return {
    codiceFiscale: codiceFiscale(i),
    firstName: pick(rnd, FIRST),
    lastName: pick(rnd, LAST),
    phone: `+39347${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`,
    language: rnd() < 0.9 ? 'it' : 'en',
  };
}

interface Generator {
  config: AppConfig;
  rnd: Random;
  now: DateTime;
  /** Second-level services by sector: they share the sector's officials, hence its capacity. */
  bookable: Service[];
  next: number;
}

function makeBooking(
  g: Generator,
  sede: Sede,
  service: Service,
  start: DateTime,
  status: BookingStatus,
): StoredBooking {
  const i = g.next++;
  const modes = MODES.filter((m) => service.channels[m]);
  const mode = g.rnd() < 0.7 && modes.includes('inPerson') ? 'inPerson' : pick(g.rnd, modes);
  const minutes = service.channels[mode]!.minutes;
  const strong = service.strongAuthRequired || mode === 'webMeeting';
  const created = DateTime.min(start.minus({ days: 1 + Math.floor(g.rnd() * 30) }), g.now);
  const station = pick(g.rnd, g.config.stations);
  const updated = status === 'booked' ? created : DateTime.min(start.plus({ minutes }), g.now);
  const booking: StoredBooking = {
    code: bookingCode(i),
    sede: sede.id,
    service: service.id,
    sector: service.sector,
    mode,
    start: romeIso(start),
    end: romeIso(start.plus({ minutes })),
    status,
    citizen: citizen(g.rnd, i),
    authMethod: pick(g.rnd, strong ? STRONG : ANY_AUTH),
    privacyNoticeVersion: g.config.server.privacyNoticeVersion,
    bookedBy:
      g.rnd() < 0.8
        ? { channel: 'station', id: station.id }
        : { channel: 'staff', id: `sportello.${sede.id}` },
    createdAt: created.toUTC().toISO()!,
    updatedAt: updated.toUTC().toISO()!,
    admissionCodeHash: randomBytes(32).toString('hex'),
  };
  return booking;
}

/** Past outcomes: most appointments happened; some were cancelled or missed. */
function pastStatus(rnd: Random): BookingStatus {
  const r = rnd();
  return r < 0.78 ? 'completed' : r < 0.9 ? 'cancelled' : r < 0.97 ? 'no-show' : 'booked';
}

function gridStart(g: Generator, sede: Sede, service: Service, day: string): DateTime | null {
  const ranges = sede.appointmentHours[weekdays[DateTime.fromISO(day).weekday - 1]!] ?? [];
  if (ranges.length === 0) return null;
  const range = pick(g.rnd, ranges);
  const minutes = service.channels.inPerson?.minutes ?? 20;
  const from = DateTime.fromISO(`${day}T${range.from}`, { zone: ZONE });
  const to = DateTime.fromISO(`${day}T${range.to}`, { zone: ZONE });
  const slots = Math.max(1, Math.floor(to.diff(from, 'minutes').minutes / minutes));
  return from.plus({ minutes: minutes * Math.floor(g.rnd() * slots) });
}

/** N bookings: about 10% on the coming 60 days (never over capacity), the rest over the past year. */
export function generateBookings(config: AppConfig, n: number, now: Date, seed = 1): StoredBooking[] {
  const g: Generator = {
    config,
    rnd: random(seed),
    now: DateTime.fromJSDate(now, { zone: ZONE }),
    bookable: config.services.filter((s) => s.level === 'secondo' && MODES.some((m) => s.channels[m])),
    next: 0,
  };
  const today = g.now.startOf('day');
  const out: StoredBooking[] = [];

  // Future: real free capacity units (slot × free officials) per sede and sector, a share of them taken.
  const units: { sede: Sede; services: Service[]; start: string }[] = [];
  for (const sede of config.sedi) {
    for (const sector of new Set(g.bookable.map((s) => s.sector))) {
      const services = g.bookable.filter((s) => s.sector === sector && s.channels.inPerson);
      if (services.length === 0) continue;
      const days = computeAvailability({
        sede,
        service: services[0]!,
        mode: 'inPerson',
        officials: config.officials,
        from: today.toISODate()!,
        to: today.plus({ days: config.server.bookingHorizonDays }).toISODate()!,
        now,
        leadMinutes: config.server.bookingLeadMinutes,
        horizonDays: config.server.bookingHorizonDays,
        bookings: [],
      });
      for (const day of days)
        for (const slot of day.slots)
          for (let k = 0; k < slot.free; k++) units.push({ sede, services, start: slot.start });
    }
  }
  const futureCount = Math.min(
    Math.round(n * FUTURE_SHARE),
    Math.round(units.length * FUTURE_CAPACITY_SHARE),
  );
  for (const unit of shuffle(g.rnd, units).slice(0, futureCount)) {
    const start = DateTime.fromISO(unit.start, { setZone: true });
    out.push(makeBooking(g, unit.sede, pick(g.rnd, unit.services), start, 'booked'));
  }
  // Cancelled future bookings hold no capacity, so they may sit on any slot.
  for (let k = 0; k < Math.round(futureCount / 10) && units.length > 0; k++) {
    const unit = pick(g.rnd, units);
    const start = DateTime.fromISO(unit.start, { setZone: true });
    out.push(makeBooking(g, unit.sede, pick(g.rnd, unit.services), start, 'cancelled'));
  }

  // Past: open weekdays of the last year, both sedi, Napoli the busier one.
  const pastDays = new Map<Sede, string[]>();
  for (const sede of config.sedi) {
    const days: string[] = [];
    for (let d = 1; d <= 365; d++) {
      const date = today.minus({ days: d });
      const open = (sede.appointmentHours[weekdays[date.weekday - 1]!] ?? []).length > 0;
      if (open && !closureOf(sede, date.toISODate()!)) days.push(date.toISODate()!);
    }
    pastDays.set(sede, days);
  }
  const weight = (sede: Sede) => (sede.id === 'napoli' ? 3 : 2);
  const totalWeight = config.sedi.reduce((sum, s) => sum + weight(s), 0);
  const pickSede = (): Sede => {
    let r = g.rnd() * totalWeight;
    for (const sede of config.sedi) if ((r -= weight(sede)) < 0) return sede;
    return config.sedi.at(-1)!;
  };
  const retentionCut = today.minus({ days: config.server.retentionDays }).toISODate()!;
  while (out.length < n) {
    const sede = pickSede();
    const day = pick(g.rnd, pastDays.get(sede)!);
    const service = pick(g.rnd, g.bookable);
    const start = gridStart(g, sede, service, day);
    if (!start) continue;
    const booking = makeBooking(g, sede, service, start, pastStatus(g.rnd));
    if (day < retentionCut) {
      // What the nightly retention job leaves of bookings older than retentionDays.
      booking.citizen = {
        ...booking.citizen,
        codiceFiscale: REMOVED,
        firstName: REMOVED,
        lastName: REMOVED,
        phone: REMOVED,
      };
      booking.personalDataRemovedAt = DateTime.fromISO(day, { zone: ZONE })
        .plus({ days: config.server.retentionDays + 1, hours: 2 })
        .toUTC()
        .toISO()!;
    }
    out.push(booking);
  }
  return out;
}

export interface SeedStats {
  files: number;
  bytes: number;
  future: number;
}

/** Writes the bookings in the store's partition layout: data/bookings/<sede>/<YYYY-MM>/<YYYY-MM-DD>.json. */
export async function writeDayFiles(
  dataDir: string,
  config: AppConfig,
  bookings: StoredBooking[],
  now: Date,
): Promise<SeedStats> {
  const byFile = new Map<string, StoredBooking[]>();
  const nowIso = now.toISOString();
  let future = 0;
  for (const b of bookings) {
    const day = DateTime.fromISO(b.start, { zone: ZONE }).toISODate()!;
    const file = dayFile(dataDir, 'bookings', b.sede, day);
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push(b);
    if (b.start > nowIso) future++;
  }
  let bytes = 0;
  for (const [file, list] of byFile) {
    list.sort((a, b) => a.start.localeCompare(b.start));
    // Same formatting as lowdb's JSONFile, so file sizes match what the server would have written.
    const text = JSON.stringify({ bookings: list }, null, 2);
    bytes += Buffer.byteLength(text);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  const retentionDoneBefore = DateTime.fromJSDate(now, { zone: ZONE })
    .minus({ days: config.server.retentionDays })
    .toISODate()!;
  await writeFile(
    coreFile(dataDir),
    JSON.stringify({ sessions: [], stations: [], retentionDoneBefore }, null, 2),
  );
  return { files: byFile.size, bytes, future };
}

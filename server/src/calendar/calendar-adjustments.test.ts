// Availability with the closures and absences a manager adds from the console, and which bookings they displace.
import type { Official, Sede, Service, WeeklyHours } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  computeAvailability,
  type AvailabilityInput,
  type CalendarAdjustment,
} from './availability.ts';
import { displacedBookings, type PlacedBooking } from './displaced.ts';

const morning = [{ from: '08:30', to: '12:30' }];
const weekdaysOnly: WeeklyHours = { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning };

const sede: Sede = {
  id: 'rovigo',
  name: 'Sede di Rovigo',
  address: 'Viale della Pace 1',
  municipality: 'Rovigo',
  province: 'RO',
  region: 'Veneto',
  timezone: 'Europe/Rome',
  publicHours: weekdaysOnly,
  appointmentHours: weekdaysOnly,
  patronSaint: { name: 'San Bellino', date: '11-26' },
  closures: [],
  counters: [],
};

const service: Service = {
  id: 'naspi',
  name: { it: 'NASpI', en: 'Unemployment benefit' },
  description: { it: 'NASpI', en: 'NASpI' },
  topic: 'disoccupazione',
  level: 'secondo',
  sector: 'prestazioni',
  channels: { inPerson: { minutes: 30 } },
  strongAuthRequired: false,
};

const official = (id: string, sectors = ['prestazioni']): Official => ({
  id,
  name: id,
  sede: 'rovigo',
  sectors,
  availability: weekdaysOnly,
});
const officials = [official('anna'), official('bruno'), official('carla', ['conto'])];

// Tuesday 1 December 2026, Rome is UTC+1.
const DAY = '2026-12-01';
const at = (hhmm: string) => `${DAY}T${hhmm}:00+01:00`;

function input(adjustments: CalendarAdjustment[], over: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    sede,
    service,
    mode: 'inPerson',
    officials,
    from: DAY,
    to: DAY,
    now: new Date('2026-11-30T08:00:00Z'),
    leadMinutes: 30,
    bookings: [],
    adjustments,
    ...over,
  };
}

const startsOf = (i: AvailabilityInput) => computeAvailability(i)[0]!.slots.map((s) => s.start.slice(11, 16));

const closure = (over: Partial<CalendarAdjustment> = {}): CalendarAdjustment => ({
  kind: 'closure',
  from: DAY,
  to: DAY,
  reason: 'Sciopero',
  ...over,
});
const absence = (who: string, over: Partial<CalendarAdjustment> = {}): CalendarAdjustment => ({
  kind: 'absence',
  official: who,
  from: DAY,
  to: DAY,
  reason: 'Malattia',
  ...over,
});

describe('availability with the console’s changes', () => {
  it('offers nothing on a day closed from the console, and says why when a slot is asked for', () => {
    expect(startsOf(input([]))).toHaveLength(8);
    expect(startsOf(input([closure()]))).toEqual([]);
    expect(checkSlot({ ...input([closure()]), start: at('09:00') })).toEqual({ ok: false, reason: 'closed' });
    // The day after is untouched.
    const next = input([closure()], { from: '2026-12-02', to: '2026-12-02' });
    expect(computeAvailability(next)[0]!.slots).toHaveLength(8);
  });

  it('closes only the hours given: a slot overlapping them is gone, the others stay', () => {
    const shut = [closure({ hours: { from: '10:00', to: '11:15' } })];
    expect(startsOf(input(shut))).toEqual(['08:30', '09:00', '09:30', '11:30', '12:00']);
    expect(checkSlot({ ...input(shut), start: at('11:00') })).toEqual({ ok: false, reason: 'closed' });
    expect(checkSlot({ ...input(shut), start: at('11:30') })).toMatchObject({ ok: true });
  });

  it('an absent official no longer counts: capacity falls by one, and to nothing with both away', () => {
    expect(computeAvailability(input([]))[0]!.slots[0]!.free).toBe(2);
    expect(computeAvailability(input([absence('anna')]))[0]!.slots[0]!.free).toBe(1);
    expect(startsOf(input([absence('anna'), absence('bruno')]))).toEqual([]);
    // An official of another sector is no help.
    expect(
      startsOf(input([absence('anna'), absence('bruno', { hours: { from: '08:30', to: '10:30' } })])),
    ).toEqual(['10:30', '11:00', '11:30', '12:00']);
  });

  it('never answers from a day grid made before a change was added, altered or removed', () => {
    // The same config objects throughout, as in the server, so each call may reuse the grids of the last.
    expect(startsOf(input([]))).toHaveLength(8);
    expect(startsOf(input([closure({ hours: { from: '08:30', to: '10:00' } })]))).toHaveLength(5);
    expect(startsOf(input([closure({ hours: { from: '08:30', to: '11:00' } })]))).toHaveLength(3);
    expect(startsOf(input([closure()]))).toEqual([]);
    expect(computeAvailability(input([absence('anna')]))[0]!.slots[0]!.free).toBe(1);
    expect(startsOf(input([]))).toHaveLength(8);
    expect(computeAvailability(input([]))[0]!.slots[0]!.free).toBe(2);
  });
});

describe('displacedBookings', () => {
  const booked = (code: string, hhmm: string, createdAt: string, sector = 'prestazioni'): PlacedBooking => {
    const start = at(hhmm);
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    return { code, sector, start, end, status: 'booked', createdAt };
  };
  const bookings = [
    booked('EARLY', '09:00', '2026-11-01T10:00:00Z'),
    booked('LATE', '09:00', '2026-11-20T10:00:00Z'),
    booked('ALONE', '11:00', '2026-11-10T10:00:00Z'),
    booked('CONTO', '09:00', '2026-11-21T10:00:00Z', 'conto'),
    { ...booked('GONE', '10:00', '2026-11-05T10:00:00Z'), status: 'cancelled' },
  ];
  const now = new Date('2026-11-30T08:00:00Z');
  const displaced = (change: CalendarAdjustment, others: CalendarAdjustment[] = []) =>
    displacedBookings({ sede: 'rovigo', officials, change, adjustments: [...others, change], bookings, now });

  it('a closure displaces every active booking it overlaps, by start', () => {
    expect(displaced(closure())).toEqual(['CONTO', 'EARLY', 'LATE', 'ALONE']);
    expect(displaced(closure({ hours: { from: '10:45', to: '12:30' } }))).toEqual(['ALONE']);
    expect(displaced(closure({ from: '2026-12-02', to: '2026-12-03' }))).toEqual([]);
  });

  it('an absence displaces only what the officials left cannot take, the latest booked first', () => {
    expect(displaced(absence('anna'))).toEqual(['LATE']);
    expect(displaced(absence('bruno'), [absence('anna')])).toEqual(['EARLY', 'LATE', 'ALONE']);
    expect(displaced(absence('anna', { hours: { from: '11:00', to: '12:00' } }))).toEqual([]);
    expect(displaced(absence('carla'))).toEqual(['CONTO']);
  });

  it('leaves alone an appointment already started', () => {
    const later = new Date(Date.parse(at('09:10')));
    expect(
      displacedBookings({
        sede: 'rovigo',
        officials,
        change: closure(),
        adjustments: [closure()],
        bookings,
        now: later,
      }),
    ).toEqual(['ALONE']);
  });
});

import { describe, it, expect } from 'vitest';
import { DateTime } from 'luxon';
import type { Official, Sede, Service, WeeklyHours } from '@sportello/protocol';
import { checkSlot, computeAvailability, nextFreeSlots } from './availability.ts';
import type { AvailabilityInput, BookedInterval } from './availability.ts';

const morning = [{ from: '08:30', to: '12:30' }];
const weekdaysOnly: WeeklyHours = { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning };
const everyDay: WeeklyHours = { ...weekdaysOnly, sat: morning, sun: morning };
const night = [{ from: '01:00', to: '04:00' }];

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
  description: { it: 'Domanda e stato della NASpI', en: 'NASpI claim and status' },
  topic: 'disoccupazione',
  level: 'secondo',
  sector: 'prestazioni',
  channels: { inPerson: { minutes: 20 }, callback: { minutes: 25 } },
  strongAuthRequired: false,
};

function official(id: string, availability: WeeklyHours, extra: Partial<Official> = {}): Official {
  return { id, name: `Funzionario ${id}`, sede: 'rovigo', sectors: ['prestazioni'], availability, ...extra };
}

const staff: Official[] = [
  official('a', weekdaysOnly),
  official('b', weekdaysOnly),
  official('c', weekdaysOnly),
  official('other-sede', weekdaysOnly, { sede: 'adria' }),
  official('other-sector', weekdaysOnly, { sectors: ['conto'] }),
];

function input(over: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    sede,
    service,
    mode: 'inPerson',
    officials: staff,
    from: '2026-03-31',
    to: '2026-03-31',
    now: new Date('2026-03-01T00:00:00Z'),
    leadMinutes: 30,
    bookings: [],
    ...over,
  };
}

function slotsOf(over: Partial<AvailabilityInput> = {}) {
  const days = computeAvailability(input(over));
  expect(days).toHaveLength(1);
  return days[0]!.slots;
}

const booking = (start: string, end: string, sector = 'prestazioni'): BookedInterval => ({
  sector,
  start,
  end,
});
const ms = (iso: string) => Date.parse(iso);

describe('computeAvailability', () => {
  it('fills a normal Tuesday with 20-minute slots, the last one ending at closing', () => {
    const slots = slotsOf();
    expect(slots).toHaveLength(12);
    expect(slots[0]).toEqual({
      start: '2026-03-31T08:30:00+02:00',
      end: '2026-03-31T08:50:00+02:00',
      free: 3,
    });
    expect(slots.at(-1)).toEqual({
      start: '2026-03-31T12:10:00+02:00',
      end: '2026-03-31T12:30:00+02:00',
      free: 3,
    });
  });

  it('drops a last slot that would run past closing', () => {
    const slots = slotsOf({ mode: 'callback' });
    expect(slots).toHaveLength(9);
    expect(slots.at(-1)).toMatchObject({
      start: '2026-03-31T11:50:00+02:00',
      end: '2026-03-31T12:15:00+02:00',
    });
  });

  it('throws when the service is not offered in that mode', () => {
    expect(() => computeAvailability(input({ mode: 'webMeeting' }))).toThrow(/webMeeting/);
  });

  it('subtracts overlapping bookings of the same sector from the officials on duty', () => {
    const slots = slotsOf({
      bookings: [
        booking('2026-03-31T09:00:00+02:00', '2026-03-31T09:30:00+02:00'),
        booking('2026-03-31T07:00:00Z', '2026-03-31T07:20:00Z'), // 09:00-09:20 in Rome
        booking('2026-03-31T08:30:00+02:00', '2026-03-31T08:50:00+02:00', 'conto'),
      ],
    });
    const at = (hhmm: string) => slots.find((s) => s.start === `2026-03-31T${hhmm}:00+02:00`)?.free;
    expect(at('08:30')).toBe(3); // the other sector's booking does not count
    expect(at('08:50')).toBe(1);
    expect(at('09:10')).toBe(1);
    expect(at('09:30')).toBe(3); // a booking ending at the slot start does not overlap
  });

  it('lists no slot whose officials are all booked', () => {
    const full = [1, 2, 3].map(() => booking('2026-03-31T08:30:00+02:00', '2026-03-31T08:50:00+02:00'));
    const slots = slotsOf({ bookings: full });
    expect(slots).toHaveLength(11);
    expect(slots[0]!.start).toBe('2026-03-31T08:50:00+02:00');
  });

  it('counts only officials of this sede and sector whose availability covers the whole slot', () => {
    const slots = slotsOf({
      officials: [
        official('a', weekdaysOnly),
        official('short', { tue: [{ from: '08:30', to: '09:00' }] }),
        official('other-sede', weekdaysOnly, { sede: 'adria' }),
      ],
    });
    expect(slots[0]).toMatchObject({ start: '2026-03-31T08:30:00+02:00', free: 2 });
    expect(slots[1]).toMatchObject({ start: '2026-03-31T08:50:00+02:00', free: 1 });
  });

  it('lists nothing when no official is on duty', () => {
    expect(slotsOf({ officials: [official('mon-only', { mon: morning })] })).toEqual([]);
  });

  it('excludes past slots and those within the lead time', () => {
    // 09:00 in Rome plus 30 minutes: the first bookable slot starts at 09:30.
    const slots = slotsOf({ now: new Date('2026-03-31T07:00:00Z') });
    expect(slots[0]!.start).toBe('2026-03-31T09:30:00+02:00');
    expect(slotsOf({ now: new Date('2026-03-31T07:00:01Z') })[0]!.start).toBe('2026-03-31T09:50:00+02:00');
    expect(slotsOf({ now: new Date('2026-04-01T00:00:00Z') })).toEqual([]);
  });

  it('gives one entry per day, empty on weekends and holidays', () => {
    const days = computeAvailability(input({ from: '2026-04-03', to: '2026-04-07' }));
    expect(days.map((d) => [d.date, d.slots.length])).toEqual([
      ['2026-04-03', 12],
      ['2026-04-04', 0],
      ['2026-04-05', 0],
      ['2026-04-06', 0], // Easter Monday
      ['2026-04-07', 12],
    ]);
    const closed = computeAvailability(
      input({ from: '2026-04-25', to: '2026-04-25', sede: { ...sede, appointmentHours: everyDay } }),
    );
    expect(closed[0]!.slots).toEqual([]);
  });

  it('leaves days beyond the horizon empty', () => {
    const days = computeAvailability(input({ from: '2026-03-10', to: '2026-03-12', horizonDays: 10 }));
    expect(days.map((d) => d.slots.length)).toEqual([12, 12, 0]);
  });
});

describe('DST change days', () => {
  const open = { ...sede, appointmentHours: everyDay };
  const allWeek = [official('a', everyDay), official('b', everyDay)];
  const daytime = (from: string, to: string) =>
    computeAvailability(input({ sede: open, officials: allWeek, from, to }));

  function expectContiguous(slots: { start: string; end: string }[], minutes: number) {
    for (const [i, s] of slots.entries()) {
      expect(ms(s.end) - ms(s.start)).toBe(minutes * 60_000);
      if (i > 0) expect(ms(s.start)).toBe(ms(slots[i - 1]!.end));
      // The printed wall-clock time is a real one: reading it back in Rome gives the same instant.
      const back = DateTime.fromISO(s.start.slice(0, 19), { zone: 'Europe/Rome' });
      expect(back.toFormat('HH:mm')).toBe(s.start.slice(11, 16));
    }
    expect(new Set(slots.map((s) => ms(s.start))).size).toBe(slots.length);
  }

  it('switches to +02:00 on the last Sunday of March with 20 real minutes per slot', () => {
    const [sat, sun] = daytime('2026-03-28', '2026-03-29');
    expect(sat!.slots[0]!.start).toBe('2026-03-28T08:30:00+01:00');
    expect(sun!.slots).toHaveLength(12);
    expect(sun!.slots[0]!.start).toBe('2026-03-29T08:30:00+02:00');
    expect(sun!.slots.at(-1)!.end).toBe('2026-03-29T12:30:00+02:00');
    expectContiguous(sun!.slots, 20);
  });

  it('switches to +01:00 on the last Sunday of October with 20 real minutes per slot', () => {
    const [sat, sun] = daytime('2026-10-24', '2026-10-25');
    expect(sat!.slots[0]!.start).toBe('2026-10-24T08:30:00+02:00');
    expect(sun!.slots).toHaveLength(12);
    expect(sun!.slots[0]!.start).toBe('2026-10-25T08:30:00+01:00');
    expect(sun!.slots.at(-1)!.end).toBe('2026-10-25T12:30:00+01:00');
    expectContiguous(sun!.slots, 20);
  });

  const nightly: WeeklyHours = { sun: night };
  const overnight = (date: string, mode: 'inPerson' | 'callback' = 'inPerson') =>
    computeAvailability(
      input({
        sede: { ...sede, appointmentHours: nightly },
        officials: [official('a', nightly)],
        mode,
        from: date,
        to: date,
      }),
    )[0]!.slots;

  it('makes no slot in the skipped hour of 01:00-04:00 in spring (two real hours)', () => {
    const slots = overnight('2026-03-29');
    expect(slots.map((s) => s.start.slice(11))).toEqual([
      '01:00:00+01:00',
      '01:20:00+01:00',
      '01:40:00+01:00',
      '03:00:00+02:00',
      '03:20:00+02:00',
      '03:40:00+02:00',
    ]);
    expect(slots[2]!.end).toBe('2026-03-29T03:00:00+02:00');
    expectContiguous(slots, 20);
  });

  it('makes no duplicate or overlapping slot in the repeated hour of 01:00-04:00 in autumn (four real hours)', () => {
    const slots = overnight('2026-10-25');
    expect(slots).toHaveLength(12);
    expect(slots[0]!.start).toBe('2026-10-25T01:00:00+02:00');
    expect(slots.map((s) => s.start.slice(11))).toContain('02:00:00+02:00');
    expect(slots.map((s) => s.start.slice(11))).toContain('02:00:00+01:00');
    expect(slots.at(-1)!.end).toBe('2026-10-25T04:00:00+01:00');
    expectContiguous(slots, 20);
    // 25-minute slots cross the change without drifting from real time.
    const longer = overnight('2026-10-25', 'callback');
    expect(longer).toHaveLength(9);
    expectContiguous(longer, 25);
  });

  it('opens a range starting in the skipped hour when the clocks jump, and one starting in the repeated hour at its first occurrence', () => {
    const hours = (from: string, to: string): WeeklyHours => ({ sun: [{ from, to }] });
    const range = (date: string, from: string, to: string) =>
      computeAvailability(
        input({
          sede: { ...sede, appointmentHours: hours(from, to) },
          officials: [official('a', hours('00:00', '23:59'))],
          from: date,
          to: date,
        }),
      )[0]!.slots;
    const spring = range('2026-03-29', '02:30', '04:00');
    expect(spring.map((s) => s.start.slice(11))).toEqual([
      '03:00:00+02:00',
      '03:20:00+02:00',
      '03:40:00+02:00',
    ]);
    const autumn = range('2026-10-25', '02:00', '03:00');
    expect(autumn).toHaveLength(6);
    expect(autumn[0]!.start).toBe('2026-10-25T02:00:00+02:00');
    expectContiguous(autumn, 20);
  });

  it('accepts in checkSlot exactly the instants it lists on a change day', () => {
    const base = {
      ...input({ sede: { ...sede, appointmentHours: nightly }, officials: [official('a', nightly)] }),
    };
    expect(checkSlot({ ...base, start: '2026-10-25T01:00:00Z' })).toMatchObject({
      ok: true,
      start: '2026-10-25T02:00:00+01:00',
    });
    expect(checkSlot({ ...base, start: '2026-10-25T00:00:00Z' })).toMatchObject({
      ok: true,
      start: '2026-10-25T02:00:00+02:00',
    });
  });
});

describe('checkSlot', () => {
  const base = input();

  it('accepts a slot given in UTC and answers in Rome time', () => {
    expect(checkSlot({ ...base, start: '2026-03-31T06:30:00Z' })).toEqual({
      ok: true,
      start: '2026-03-31T08:30:00+02:00',
      end: '2026-03-31T08:50:00+02:00',
      free: 3,
    });
    expect(checkSlot({ ...base, start: '2026-03-31T08:50:00.000+02:00' })).toMatchObject({ ok: true });
  });

  it('agrees with computeAvailability on every listed slot', () => {
    const bookings = [booking('2026-03-31T09:00:00+02:00', '2026-03-31T10:00:00+02:00')];
    for (const s of computeAvailability({ ...base, bookings })[0]!.slots) {
      expect(checkSlot({ ...base, bookings, start: s.start })).toEqual({ ok: true, ...s });
    }
  });

  it('rejects an off-grid time or a time without offset', () => {
    expect(checkSlot({ ...base, start: '2026-03-31T08:40:00+02:00' })).toEqual({
      ok: false,
      reason: 'not-a-slot',
    });
    expect(checkSlot({ ...base, start: '2026-03-31T12:30:00+02:00' })).toEqual({
      ok: false,
      reason: 'not-a-slot',
    });
    expect(checkSlot({ ...base, start: '2026-03-31T08:30:00' })).toEqual({ ok: false, reason: 'not-a-slot' });
    expect(checkSlot({ ...base, start: 'tomorrow' })).toEqual({ ok: false, reason: 'not-a-slot' });
  });

  it('rejects a closed day', () => {
    expect(checkSlot({ ...base, start: '2026-04-06T08:30:00+02:00' })).toEqual({
      ok: false,
      reason: 'closed',
    });
  });

  it('rejects a full slot', () => {
    const bookings = [1, 2, 3].map(() => booking('2026-03-31T08:30:00+02:00', '2026-03-31T08:50:00+02:00'));
    expect(checkSlot({ ...base, bookings, start: '2026-03-31T08:30:00+02:00' })).toEqual({
      ok: false,
      reason: 'full',
    });
  });

  it('rejects a past slot and one beyond the horizon', () => {
    const now = new Date('2026-03-31T07:00:00Z');
    expect(checkSlot({ ...base, now, start: '2026-03-31T09:10:00+02:00' })).toEqual({
      ok: false,
      reason: 'past',
    });
    expect(checkSlot({ ...base, now, start: '2026-03-31T09:30:00+02:00' })).toMatchObject({ ok: true });
    expect(checkSlot({ ...base, horizonDays: 10, start: '2026-03-31T08:30:00+02:00' })).toEqual({
      ok: false,
      reason: 'beyond-horizon',
    });
    expect(checkSlot({ ...base, horizonDays: 30, start: '2026-03-31T08:30:00+02:00' })).toMatchObject({
      ok: true,
    });
  });
});

describe('nextFreeSlots', () => {
  it('returns the first free slots across closed days', () => {
    const slots = nextFreeSlots(
      input({ from: '2026-04-03', to: '2026-04-10', now: new Date('2026-04-03T10:00:00Z') }),
      3,
    );
    expect(slots.map((s) => s.start)).toEqual([
      '2026-04-07T08:30:00+02:00',
      '2026-04-07T08:50:00+02:00',
      '2026-04-07T09:10:00+02:00',
    ]);
  });

  it('returns fewer when the range has fewer', () => {
    expect(nextFreeSlots(input(), 50)).toHaveLength(12);
    expect(nextFreeSlots(input(), 0)).toEqual([]);
  });
});

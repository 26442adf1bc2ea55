import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  addDays,
  datesBetween,
  daysFromTo,
  hhmm,
  instantOf,
  romeDayOf,
  romeDayOfIso,
  romeIso,
  romeReading,
  weekdayOf,
} from './rome-time.ts';

const luxonIso = (ms: number) =>
  DateTime.fromMillis(ms, { zone: 'Europe/Rome' }).toISO({ suppressMilliseconds: true });

describe('rome-time', () => {
  it('writes every quarter hour around both 2026 clock changes as luxon does', () => {
    for (const day of ['2026-03-28', '2026-10-24', '2026-12-31']) {
      const from = Date.parse(`${day}T00:00:00Z`);
      for (let ms = from; ms < from + 3 * 86_400_000; ms += 15 * 60_000) {
        expect(romeIso(ms)).toBe(luxonIso(ms));
        expect(romeDayOf(ms)).toBe(luxonIso(ms)!.slice(0, 10));
      }
    }
  });

  it('reads the wall clock field by field as luxon does, around both clock changes', () => {
    for (const day of ['2026-03-28', '2026-10-24']) {
      const from = Date.parse(`${day}T00:00:00Z`);
      for (let ms = from; ms < from + 3 * 86_400_000; ms += 15 * 60_000) {
        const luxon = DateTime.fromMillis(ms, { zone: 'Europe/Rome' });
        const reading = romeReading(ms);
        expect(reading).toEqual({
          year: luxon.year,
          month: luxon.month,
          day: luxon.day,
          weekday: luxon.weekday,
          hour: luxon.hour,
          minute: luxon.minute,
        });
        expect(hhmm(reading)).toBe(luxon.toFormat('HH:mm'));
      }
    }
  });

  it('reads instants only from date-times that carry their offset', () => {
    expect(instantOf('2026-12-01T09:00:00+01:00')).toBe(Date.parse('2026-12-01T08:00:00Z'));
    expect(instantOf('2026-12-01T08:00:00.000Z')).toBe(Date.parse('2026-12-01T08:00:00Z'));
    expect(instantOf('2026-12-01T09:00+0100')).toBe(Date.parse('2026-12-01T08:00:00Z'));
    expect(instantOf('2026-12-01T09:00:00')).toBeNaN();
    expect(instantOf('2026-12-01')).toBeNaN();
    expect(instantOf('tomorrow at nine')).toBeNaN();
    expect(instantOf('2026-13-01T09:00:00Z')).toBeNaN();
    // A stored instant's Rome day: 23:30 UTC on 31 December is already New Year's Day in Rome.
    expect(romeDayOfIso('2026-12-31T23:30:00Z')).toBe('2027-01-01');
    expect(() => romeDayOfIso('2026-12-31T23:30:00')).toThrow(/with offset/);
  });

  it('keeps milliseconds when there are some', () => {
    const ms = Date.parse('2026-07-01T08:00:00.250Z');
    expect(romeIso(ms)).toBe('2026-07-01T10:00:00.250+02:00');
  });

  it('steps dates across months, years and a leap day, and names their weekdays', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect([...datesBetween('2026-03-28', '2026-03-30')]).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect([...datesBetween('2026-03-30', '2026-03-28')]).toEqual([]);
    expect(daysFromTo('2026-03-01', '2026-05-01')).toBe(61);
    expect(daysFromTo('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysFromTo('2026-12-02', '2026-12-01')).toBe(-1);
    expect(weekdayOf('2026-12-01')).toBe('tue');
    expect(weekdayOf('2026-12-06')).toBe('sun');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => weekdayOf('2026-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => addDays('tomorrow', 1)).toThrow(/YYYY-MM-DD/);
  });
});

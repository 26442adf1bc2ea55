// Rome's calendar arithmetic the console relies on: days and wall-clock times across the DST change.
import { describe, expect, it } from 'vitest';
import { addDays, romeClock, romeDate, romeInstant } from './locale.ts';

describe('Rome dates and times', () => {
  it('finds the Rome day of an instant, also just after midnight Rome time', () => {
    expect(romeDate('2026-11-30T23:30:00Z')).toBe('2026-12-01');
    expect(romeDate('2026-11-30T22:59:00Z')).toBe('2026-11-30');
  });

  it('writes a Rome wall-clock time with the offset of that day, winter and summer', () => {
    expect(romeInstant('2026-11-30', '09:30')).toBe('2026-11-30T09:30:00+01:00');
    expect(romeInstant('2026-07-01', '09:30')).toBe('2026-07-01T09:30:00+02:00');
    expect(Date.parse(romeInstant('2026-03-30', '10:00'))).toBe(Date.parse('2026-03-30T08:00:00Z'));
  });

  it('reads an instant back as Rome time and steps days over month ends', () => {
    expect(romeClock(new Date('2026-11-30T08:30:00Z'))).toBe('09:30');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

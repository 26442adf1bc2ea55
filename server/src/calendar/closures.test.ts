import { describe, it, expect } from 'vitest';
import type { Sede } from '@sportello/protocol';
import { closureOf } from './closures.ts';

const sede: Sede = {
  id: 'rovigo',
  name: 'Sede di Rovigo',
  address: 'Viale della Pace 1',
  municipality: 'Rovigo',
  province: 'RO',
  region: 'Veneto',
  timezone: 'Europe/Rome',
  publicHours: {},
  appointmentHours: {},
  patronSaint: { name: 'San Bellino', date: '11-26' },
  closures: [{ from: '2026-08-10', to: '2026-08-14', reason: 'Chiusura estiva' }],
  counters: [],
};

describe('closureOf', () => {
  it('closes on Easter Monday, which moves every year', () => {
    expect(closureOf(sede, '2026-04-06')).toMatch(/Angelo/);
    expect(closureOf(sede, '2027-03-29')).toMatch(/Angelo/);
    expect(closureOf(sede, '2027-04-06')).toBeNull();
  });

  it('closes on fixed national holidays, including 4 October from 2026', () => {
    expect(closureOf(sede, '2026-04-25')).toMatch(/Liberazione/);
    expect(closureOf(sede, '2026-10-04')).toMatch(/Francesco/);
    expect(closureOf(sede, '2026-12-25')).not.toBeNull();
  });

  it('keeps observances that are not days off open', () => {
    expect(closureOf(sede, '2026-05-10')).toBeNull();
  });

  it("closes on the sede's patron saint", () => {
    expect(closureOf(sede, '2026-11-26')).toBe('San Bellino');
    expect(
      closureOf({ ...sede, patronSaint: { name: 'San Marco', date: '04-25' } }, '2026-11-26'),
    ).toBeNull();
  });

  it('closes for a configured range, both ends included', () => {
    expect(closureOf(sede, '2026-08-09')).toBeNull();
    expect(closureOf(sede, '2026-08-10')).toBe('Chiusura estiva');
    expect(closureOf(sede, '2026-08-12')).toBe('Chiusura estiva');
    expect(closureOf(sede, '2026-08-14')).toBe('Chiusura estiva');
    expect(closureOf(sede, '2026-08-17')).toBeNull();
  });

  it('leaves a normal Tuesday open', () => {
    expect(closureOf(sede, '2026-03-31')).toBeNull();
  });
});

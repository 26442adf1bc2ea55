import { describe, expect, it } from 'vitest';
import {
  ageOn,
  birthDateOf,
  checkCharacter,
  codiceFiscaleProblem,
  isValidCodiceFiscale,
  maskCodiceFiscale,
} from './codice-fiscale.ts';

describe('codice fiscale', () => {
  it('accepts a valid code, in any case and with spaces', () => {
    expect(isValidCodiceFiscale('RSSMRA80A01H501U')).toBe(true);
    expect(isValidCodiceFiscale('rssmra80a01h501u')).toBe(true);
    expect(isValidCodiceFiscale('RSS MRA 80A01 H501U')).toBe(true);
  });

  it('accepts omocodes with their own check character', () => {
    expect(isValidCodiceFiscale('RSSMRAU0A01H501R')).toBe(true);
    expect(checkCharacter('RSSMRAU0A01H501')).toBe('R');
  });

  it('accepts a woman born on the 41st-71st day encoding', () => {
    const first15 = 'BNCGLI85M52F205';
    expect(isValidCodiceFiscale(first15 + checkCharacter(first15))).toBe(true);
  });

  it('says what is wrong', () => {
    expect(codiceFiscaleProblem('RSSMRA80A01H501')).toBe('length');
    expect(codiceFiscaleProblem('RSSMRA80A01H501-')).toBe('characters');
    expect(codiceFiscaleProblem('RSSMRA80Z01H501U')).toBe('structure');
    expect(codiceFiscaleProblem('RSSMRA80A35H501' + checkCharacter('RSSMRA80A35H501'))).toBe('date');
    expect(codiceFiscaleProblem('RSSMRA80A01H501A')).toBe('check');
  });

  it('rejects birth dates that do not exist, for men, women and omocodes', () => {
    const impossible = ['80B30', '80B31', '81B29', '00D31', '80H31', '80P31', '80S31', '79B29'];
    for (const date of impossible) {
      const woman = date.slice(0, 3) + String(Number(date.slice(3)) + 40);
      for (const written of [date, woman, omocode(date)]) {
        expect(codiceFiscaleProblem(withCheck(`RSSMRA${written}H501`)), written).toBe('date');
      }
    }
    expect(codiceFiscaleProblem('RSSMRA80B30H501X')).toBe('date');
  });

  it('accepts the last day of every month, and 29 February of leap years', () => {
    const lastDays = ['80A31', '81B28', '80B29', '00B29', '96B29', '80D30', '80E31', '80H30', '80T31'];
    for (const date of lastDays) {
      const woman = date.slice(0, 3) + String(Number(date.slice(3)) + 40);
      for (const written of [date, woman, omocode(date)]) {
        expect(codiceFiscaleProblem(withCheck(`RSSMRA${written}H501`)), written).toBeNull();
      }
    }
  });

  it('reads the birth date and sex, choosing the century that makes a plausible age', () => {
    const today = '2026-05-10';
    expect(birthDateOf('RSSMRA80A01H501U', today)).toEqual({ birthDate: '1980-01-01', sex: 'M' });
    expect(birthDateOf(withCheck('BNCGLI85M52F205'), today)).toEqual({ birthDate: '1985-08-12', sex: 'F' });
    expect(birthDateOf(withCheck('RSSMRA40C15H501'), today)?.birthDate).toBe('1940-03-15');
    expect(birthDateOf(withCheck('RSSMRA05R20H501'), today)?.birthDate).toBe('2005-10-20');
    // Sixteen next month: read as born a century earlier.
    expect(birthDateOf(withCheck('RSSMRA10H20H501'), today)?.birthDate).toBe('1910-06-20');
    expect(birthDateOf(withCheck('RSSMRA00B29H501'), today)?.birthDate).toBe('2000-02-29');
    expect(birthDateOf(withCheck(`RSSMRA${omocode('40C15')}H501`), today)?.birthDate).toBe('1940-03-15');
    expect(birthDateOf('RSSMRA80B30H501X', today)).toBeNull();
  });

  it('counts whole years of age', () => {
    expect(ageOn('1961-05-10', '2026-05-10')).toBe(65);
    expect(ageOn('1961-05-11', '2026-05-10')).toBe(64);
    expect(ageOn('1960-02-29', '2025-02-28')).toBe(64);
    expect(ageOn('1960-02-29', '2025-03-01')).toBe(65);
  });

  it('masks all but the ends', () => {
    expect(maskCodiceFiscale('RSSMRA80A01H501U')).toBe('RSS***********1U');
  });
});

function withCheck(first15: string): string {
  return first15 + checkCharacter(first15);
}

/** The same date written as an omocode: every digit replaced by its letter. */
function omocode(date: string): string {
  return date.replace(/\d/g, (d) => 'LMNPQRSTUV'[Number(d)]!);
}

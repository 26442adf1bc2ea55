import { describe, expect, it } from 'vitest';
import {
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

  it('masks all but the ends', () => {
    expect(maskCodiceFiscale('RSSMRA80A01H501U')).toBe('RSS***********1U');
  });
});

import { describe, expect, it } from 'vitest';
import { toPrintableText } from './printable-text.ts';

describe('toPrintableText', () => {
  it('keeps Italian accents and the euro sign', () => {
    expect(toPrintableText('è à ù €')).toBe('è à ù €');
    expect(toPrintableText('Perché è già così')).toBe('Perché è già così');
  });

  it('composes accents typed as combining marks', () => {
    expect(toPrintableText('perche\u0301')).toBe('perché');
  });

  it('transliterates Ukrainian with the national system', () => {
    expect(toPrintableText('Привіт, Київ')).toBe('Pryvit, Kyiv');
    expect(toPrintableText('Україна')).toBe('Ukraina');
    expect(toPrintableText('Юрій Згурський')).toBe('Yurii Zghurskyi');
    expect(toPrintableText('Запит на прийом')).toBe('Zapyt na pryiom');
    expect(toPrintableText('КИЇВ')).toBe('KYIV');
  });

  it('strips accents the code page lacks and spells out letters that do not decompose', () => {
    expect(toPrintableText('Łódź, Brașov, Čapek')).toBe('Lódz, Brasov, Capek');
  });

  it('replaces typography with its ASCII look-alike', () => {
    expect(toPrintableText('l’ufficio — “aperto”…')).toBe(`l'ufficio - "aperto"...`);
  });

  it('shows a script it cannot print as one question mark per word, not a row of them', () => {
    expect(toPrintableText('مرحبا بكم')).toBe('? ?');
    expect(toPrintableText('Sportello 窓口')).toBe('Sportello ?');
  });

  it('never lets control characters through as printer commands', () => {
    expect(toPrintableText('A\x1b@B\x10\x04\x01\x1dV\x00C')).toBe('A@BVC');
    expect(toPrintableText('riga\tuno\ndue')).toBe('riga uno due');
  });
});

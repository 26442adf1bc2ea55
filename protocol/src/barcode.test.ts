import { describe, expect, it } from 'vitest';
import { classifyBarcode } from './barcode.ts';

describe('classifyBarcode', () => {
  it("reads a Tessera Sanitaria's Code 39 as a codice fiscale, omocodes included", () => {
    expect(classifyBarcode('RSSMRA80A01H501U')).toEqual({
      kind: 'codice-fiscale',
      value: 'RSSMRA80A01H501U',
    });
    expect(classifyBarcode('RSSMRAU0A01H501R')).toEqual({
      kind: 'codice-fiscale',
      value: 'RSSMRAU0A01H501R',
    });
  });

  it('ignores the suffix and the Code 39 asterisks a scanner may send', () => {
    expect(classifyBarcode('*RSSMRA80A01H501U*\r\n')).toEqual({
      kind: 'codice-fiscale',
      value: 'RSSMRA80A01H501U',
    });
  });

  it('does not take a misread codice fiscale (wrong check letter) for one', () => {
    expect(classifyBarcode('RSSMRA80A01H501X')).toEqual({ kind: 'other', value: 'RSSMRA80A01H501X' });
  });

  it('finds the booking code in a booking URL', () => {
    expect(classifyBarcode('https://sportello.example.it/b/K7M2QX9D')).toEqual({
      kind: 'booking',
      value: 'K7M2QX9D',
    });
    expect(classifyBarcode('https://sportello.example.it/b/k7m2qx9d/?utm=x')).toEqual({
      kind: 'booking',
      value: 'K7M2QX9D',
    });
  });

  it('finds the booking code in SPORTELLO: text', () => {
    expect(classifyBarcode('SPORTELLO:K7M2QX9D')).toEqual({ kind: 'booking', value: 'K7M2QX9D' });
    expect(classifyBarcode('sportello:K7M2-QX9D')).toEqual({ kind: 'booking', value: 'K7M2QX9D' });
  });

  it('refuses codes outside the Crockford alphabet or of the wrong length', () => {
    expect(classifyBarcode('https://x.it/b/K7M2QX9U').kind).toBe('other'); // U is not Crockford
    expect(classifyBarcode('https://x.it/b/K7M2QX9').kind).toBe('other');
    expect(classifyBarcode('SPORTELLO:K7M2QX9DD').kind).toBe('other');
  });

  it('leaves anything else as other, with its text', () => {
    expect(classifyBarcode('4006381333931')).toEqual({ kind: 'other', value: '4006381333931' });
    expect(classifyBarcode('https://example.com/q/N007')).toEqual({
      kind: 'other',
      value: 'https://example.com/q/N007',
    });
    expect(classifyBarcode('K7M2QX9D')).toEqual({ kind: 'other', value: 'K7M2QX9D' });
  });
});

import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { describe, expect, it } from 'vitest';
import { decodeCp858Byte, isCp858Printable } from './cp858.ts';

const encodeChar = (char: string): number => {
  const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: 42 })
    .codepage('cp858')
    .text(char)
    .encode();
  // ESC t 19, then the character.
  return bytes[3]!;
};

describe('cp858', () => {
  it('decodes every high byte to the character the encoder sends it for', () => {
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const char = decodeCp858Byte(byte);
      if (!isCp858Printable(char) || char === '\u00a0' || char === '\u00ad') continue;
      expect(encodeChar(char), char).toBe(byte);
    }
  });

  it('prints Italian accents and the euro sign, not Cyrillic or control characters', () => {
    for (const char of 'èàùìòéÈ€£') expect(isCp858Printable(char), char).toBe(true);
    for (const char of ['П', 'ł', 'م', '\x1b', '\n', '😀', '§', '¶', '←', '•'])
      expect(isCp858Printable(char), char).toBe(false);
  });

  it('decodes ASCII as itself and control bytes as a replacement mark', () => {
    expect(decodeCp858Byte(0x41)).toBe('A');
    expect(decodeCp858Byte(0x1b)).toBe('\ufffd');
  });
});

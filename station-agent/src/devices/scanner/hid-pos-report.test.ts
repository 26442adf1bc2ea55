import { describe, expect, it } from 'vitest';
import {
  BootKeyboardDecoder,
  HidPosDecoder,
  hidPosReports,
  keyboardUsageToChar,
  parseHidPosReport,
} from './hid-pos-report.ts';

/** A 64-byte scanned-data report laid out by hand, as a scanner sends it. */
function report(data: string, { symbology = ']A0', more = false, length = data.length } = {}): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes[0] = 0x02;
  bytes[1] = length;
  bytes.set(Buffer.from(symbology, 'latin1'), 2);
  bytes.set(Buffer.from(data, 'latin1'), 5);
  bytes[61] = 0x73; // further symbology identifier, ignored
  bytes[63] = more ? 0x01 : 0x00;
  return bytes;
}

const key = (usage: number, modifiers = 0) => Uint8Array.of(modifiers, 0, usage, 0, 0, 0, 0, 0);
const release = new Uint8Array(8);
const SHIFT = 0x02;

describe('HID POS reports', () => {
  it("reads a Tessera Sanitaria's Code 39 from one report", () => {
    const fragment = parseHidPosReport(report('RSSMRA80A01H501U'));
    expect(fragment).toMatchObject({ symbology: ']A0', more: false });
    expect(Buffer.from(fragment!.data).toString('latin1')).toBe('RSSMRA80A01H501U');
    expect(new HidPosDecoder().push(report('RSSMRA80A01H501U'))).toBe('RSSMRA80A01H501U');
  });

  it('joins a code split across reports by the more-follows flag', () => {
    const text = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23  XYZW';
    const decoder = new HidPosDecoder();
    expect(decoder.push(report(text.slice(0, 56), { symbology: ']Q0', more: true }))).toBeUndefined();
    expect(decoder.push(report(text.slice(56), { symbology: ']Q0' }))).toBe(text);
  });

  it('reads only as many bytes as the length says, and drops a CR/LF suffix', () => {
    expect(new HidPosDecoder().push(report('K7M2QX9D\r\nGARBAGE', { length: 10 }))).toBe('K7M2QX9D');
  });

  it('ignores reports that are not scanned data', () => {
    const status = report('x');
    status[0] = 0x04;
    expect(parseHidPosReport(status)).toBeUndefined();
    expect(new HidPosDecoder().push(Uint8Array.of(0x02, 0x01))).toBeUndefined();
  });

  it('decodes UTF-8 QR content', () => {
    const [single] = hidPosReports('https://x.it/città');
    expect(new HidPosDecoder().push(single!)).toBe('https://x.it/città');
  });

  it('makes reports its own decoder joins back, for codes of any length', () => {
    const url = `https://sportello.example.it/b/K7M2QX9D?${'x'.repeat(120)}`;
    const reports = hidPosReports(url);
    expect(reports).toHaveLength(3);
    const decoder = new HidPosDecoder();
    expect(reports.map((r) => decoder.push(r))).toEqual([undefined, undefined, url]);
  });
});

describe('boot keyboard reports', () => {
  it('maps usages to US-layout characters, shift giving capitals and symbols', () => {
    expect(keyboardUsageToChar(0x04, false)).toBe('a');
    expect(keyboardUsageToChar(0x1d, true)).toBe('Z');
    expect(keyboardUsageToChar(0x1e, false)).toBe('1');
    expect(keyboardUsageToChar(0x27, false)).toBe('0');
    expect(keyboardUsageToChar(0x33, true)).toBe(':');
    expect(keyboardUsageToChar(0x38, false)).toBe('/');
    expect(keyboardUsageToChar(0xe0, false)).toBeUndefined();
  });

  it('types a codice fiscale key by key and gives it on Enter', () => {
    const usages: Record<string, number> = { R: 0x15, S: 0x16, M: 0x10, A: 0x04, H: 0x0b, U: 0x18 };
    const digit = (d: string) => (d === '0' ? 0x27 : 0x1d + Number(d));
    const decoder = new BootKeyboardDecoder();
    const typed: Array<string | undefined> = [];
    for (const char of 'RSSMRA80A01H501U') {
      typed.push(decoder.push(/\d/.test(char) ? key(digit(char)) : key(usages[char]!, SHIFT)));
      typed.push(decoder.push(release));
    }
    typed.push(decoder.push(key(0x28)));
    expect(typed.filter(Boolean)).toEqual(['RSSMRA80A01H501U']);
  });

  it('counts a key held across reports once, and a key pressed again after release twice', () => {
    const decoder = new BootKeyboardDecoder();
    const results = [key(0x04), key(0x04), release, key(0x04), release, key(0x28)].map((r) =>
      decoder.push(r),
    );
    expect(results.at(-1)).toBe('aa');
  });

  it('types the punctuation of a booking URL', () => {
    const decoder = new BootKeyboardDecoder();
    // "h", "t", ":" (shift+;), "/", ".", "x", then Enter.
    const reports = [key(0x0b), release, key(0x17), release, key(0x33, SHIFT), release, key(0x38), release];
    reports.push(key(0x37), release, key(0x1b), release, key(0x28));
    expect(reports.map((r) => decoder.push(r)).at(-1)).toBe('ht:/.x');
  });

  it('ignores rollover reports and reports of another size', () => {
    const decoder = new BootKeyboardDecoder();
    expect(decoder.push(Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1))).toBeUndefined();
    expect(decoder.push(Uint8Array.of(0, 0x04))).toBeUndefined();
    expect(decoder.push(key(0x28))).toBeUndefined();
  });
});

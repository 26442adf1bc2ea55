import { createRequire } from 'node:module';
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone } from './phone.ts';
import { slicePhoneMetadata } from './phone-metadata-slice.ts';

describe('phone rules cut to landlines and mobiles', () => {
  it('tells an Italian landline from a mobile, typed with or without +39', () => {
    expect(parsePhone('0425 123456')).toEqual({ e164: '+390425123456', mobile: false });
    expect(parsePhone('347 123 4567')).toEqual({ e164: '+393471234567', mobile: true });
    expect(parsePhone('+39 06 1234 5678')).toEqual({ e164: '+390612345678', mobile: false });
  });

  it('knows foreign mobiles and landlines', () => {
    expect(parsePhone('+40 721 234 567')).toEqual({ e164: '+40721234567', mobile: true }); // Romania
    expect(parsePhone('+380 50 123 4567')).toEqual({ e164: '+380501234567', mobile: true }); // Ukraine
    expect(parsePhone('+212 650 123456')).toEqual({ e164: '+212650123456', mobile: true }); // Morocco
    expect(parsePhone('+33 6 12 34 56 78')).toEqual({ e164: '+33612345678', mobile: true }); // France
    expect(parsePhone('+33 1 42 68 53 00')).toEqual({ e164: '+33142685300', mobile: false });
    expect(parsePhone('+49 30 1234567')).toEqual({ e164: '+49301234567', mobile: false });
  });

  it('refuses what is not a number anywhere', () => {
    expect(parsePhone('12')).toBeNull();
    expect(parsePhone('347 12')).toBeNull();
    expect(parsePhone('+39 999 999 9999 9999')).toBeNull();
  });

  it('answers as isValid() and getType() asked separately, for thousands of numbers of every kind', async () => {
    const metadata = JSON.parse(
      await readFile(new URL('./phone-metadata.json', import.meta.url), 'utf8'),
    ) as MetadataJson;
    const reference = (input: string) => {
      const parsed = parsePhoneNumberFromString(input.trim(), 'IT', metadata);
      if (!parsed?.isValid()) return null;
      const type = parsed.getType();
      return { e164: parsed.number, mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
    };
    // Seeded: Italian numbers of any length and leading digits, and numbers of many calling codes.
    let seed = 7;
    const digit = () => String((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 10);
    const digits = (n: number) => Array.from({ length: n }, digit).join('');
    const codes = [
      '',
      '+39 ',
      '+33 ',
      '+40 ',
      '+44 ',
      '+49 ',
      '+212 ',
      '+380 ',
      '+1 ',
      '+86 ',
      '+355 ',
      '+234 ',
    ];
    // A number that can be either (North America) besides the random ones.
    const inputs = ['+1 201 555 0123', '+1 415 555 2671', '+44 7700 900123'];
    for (let i = 0; i < 6000; i++) inputs.push(`${codes[i % codes.length]}${digits(4 + (i % 9))}`);
    let valid = 0;
    for (const input of inputs) {
      const expected = reference(input);
      if (expected) valid++;
      expect(parsePhone(input), input).toEqual(expected);
    }
    // Enough of them valid that both answers are exercised.
    expect(valid).toBeGreaterThan(300);
  });

  it('writes a number as the citizen reads it', () => {
    expect(formatPhone('+393471234567')).toBe('+39 347 123 4567');
    expect(formatPhone('+40721234567')).toBe('+40 721 234 567');
  });

  it('ships the installed libphonenumber-js metadata, cut (run `npm run phone-metadata -w @sportello/protocol` when this fails)', async () => {
    const max = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json');
    const shipped = JSON.parse(await readFile(new URL('./phone-metadata.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(slicePhoneMetadata(max));
    // Only two types are left: fixed_line and mobile.
    expect(shipped.countries.IT[11]).toHaveLength(2);
    expect(JSON.stringify(shipped).length).toBeLessThan(JSON.stringify(max).length * 0.95);
  });
});

import { createRequire } from 'node:module';
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

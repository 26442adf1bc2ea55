import { describe, expect, it } from 'vitest';
import {
  admissionDigits,
  bookingCodeFromPath,
  groupBookingCode,
  normaliseBookingCode,
} from './booking-code.ts';

describe('the booking code in the link', () => {
  it('is read from /meeting/<code>, whatever its case, dash or trailing slash', () => {
    expect(bookingCodeFromPath('/meeting/K7Q2M9XA')).toBe('K7Q2M9XA');
    expect(bookingCodeFromPath('/meeting/k7q2-m9xa/')).toBe('K7Q2M9XA');
    expect(bookingCodeFromPath('/meeting/K7Q2%20M9XA')).toBe('K7Q2M9XA');
  });

  it('is missing when the link is cut or mistyped', () => {
    expect(bookingCodeFromPath('/meeting/')).toBeUndefined();
    expect(bookingCodeFromPath('/meeting')).toBeUndefined();
    expect(bookingCodeFromPath('/meeting/K7Q2M9')).toBeUndefined();
    // I, L, O and U are not in the alphabet, so a typo is not taken for another booking.
    expect(bookingCodeFromPath('/meeting/K7Q2M9XO')).toBeUndefined();
    expect(bookingCodeFromPath('/meeting/%E0%A4%A')).toBeUndefined();
  });

  it('is shown 4+4 and accepted typed with spaces', () => {
    expect(groupBookingCode('K7Q2M9XA')).toBe('K7Q2 M9XA');
    expect(normaliseBookingCode(' k7q2 m9xa ')).toBe('K7Q2M9XA');
    expect(normaliseBookingCode('K7Q2')).toBeUndefined();
  });
});

describe('the admission code field', () => {
  it('keeps six digits of what is typed or pasted', () => {
    expect(admissionDigits('123 456')).toBe('123456');
    expect(admissionDigits('Codice: 12-34-56-78')).toBe('123456');
    expect(admissionDigits('abc')).toBe('');
  });
});

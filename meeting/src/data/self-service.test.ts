import { describe, expect, it } from 'vitest';
import { bookingKey } from './self-service.ts';

describe('bookingKey', () => {
  it('reads the key of /p/<key>, with or without a trailing slash', () => {
    expect(bookingKey('/p/K7M2QX9D.abcdefghijklmnopqrstuv')).toBe('K7M2QX9D.abcdefghijklmnopqrstuv');
    expect(bookingKey('/p/K7M2QX9D.abc%2Ddef/')).toBe('K7M2QX9D.abc-def');
  });

  it('finds no key elsewhere, in a longer path or in a broken escape', () => {
    expect(bookingKey('/t/K7M2QX9D.abc')).toBeUndefined();
    expect(bookingKey('/p/')).toBeUndefined();
    expect(bookingKey('/p/a/b')).toBeUndefined();
    expect(bookingKey('/p/%E0%A4%A')).toBeUndefined();
  });
});

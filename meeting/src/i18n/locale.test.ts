import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './locale.ts';

describe('the page language', () => {
  it('follows the browser among Italian and English, Italian otherwise', () => {
    expect(preferredLanguage(['en-GB', 'it'])).toBe('en');
    expect(preferredLanguage(['de-DE', 'it-IT'])).toBe('it');
    expect(preferredLanguage(['fr', 'de'])).toBe('it');
    expect(preferredLanguage([])).toBe('it');
  });
});

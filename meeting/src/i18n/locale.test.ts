import { describe, expect, it } from 'vitest';
import { directionOf, languageNames, languages } from '@sportello/protocol/plain';
import { preferredLanguage } from './locale.ts';

describe('the page language', () => {
  it('follows the browser among the six languages, Italian otherwise', () => {
    expect(preferredLanguage('', ['en-GB', 'it'])).toBe('en');
    expect(preferredLanguage('', ['de-DE', 'it-IT'])).toBe('it');
    expect(preferredLanguage('', ['de', 'fr-CA'])).toBe('fr');
    expect(preferredLanguage('', ['ar-EG'])).toBe('ar');
    expect(preferredLanguage('', ['ro-RO'])).toBe('ro');
    expect(preferredLanguage('', ['uk-UA', 'ru'])).toBe('uk');
    expect(preferredLanguage('', [])).toBe('it');
  });

  it("takes the SMS link's ?lang= before the browser, unless the page does not speak it", () => {
    expect(preferredLanguage('?lang=uk', ['it-IT'])).toBe('uk');
    expect(preferredLanguage('?lang=AR', ['en'])).toBe('ar');
    expect(preferredLanguage('?lang=de', ['ro'])).toBe('ro');
    expect(preferredLanguage('?lang=', [])).toBe('it');
  });

  it('names every language in itself, Arabic right to left', () => {
    expect(languages.map((l) => languageNames[l])).toEqual([
      'Italiano',
      'English',
      'Français',
      'العربية',
      'Română',
      'Українська',
    ]);
    expect(languages.filter((l) => directionOf(l) === 'rtl')).toEqual(['ar']);
  });
});

import { languages } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { announcementText } from './call-announcement.ts';
import { SpeechError } from '@sportello/speech';

const call = { number: 'P012', counterName: 'Sportello 3' };

describe('call announcement', () => {
  it('spells the ticket letter by letter and digit by digit, then the counter, in each language', () => {
    expect(Object.fromEntries(languages.map((l) => [l, announcementText(l, call)]))).toEqual({
      it: 'Numero P, zero uno due, Sportello 3',
      en: 'Number P, zero one two, counter 3',
      fr: 'Numéro P, zéro un deux, guichet 3',
      ar: 'الرقم P، ٠ ١ ٢، الشباك رقم ٣',
      ro: 'Numărul P, zero unu doi, ghișeul 3',
      uk: 'Номер пе, нуль один два, віконце 3',
    });
  });

  it('says every digit once, in order, and keeps two-letter prefixes apart', () => {
    const ticket = { number: 'AB3456789', counterName: 'Sportello 1' };
    expect(announcementText('it', ticket)).toBe(
      'Numero A, B, tre quattro cinque sei sette otto nove, Sportello 1',
    );
    expect(announcementText('en', { ...ticket, number: 'W100' })).toBe('Number W, one zero zero, counter 1');
    expect(announcementText('uk', { ...ticket, number: 'GH59' })).toBe(
      'Номер ґе, аш, п’ять дев’ять, віконце 1',
    );
  });

  it('names Latin letters in Cyrillic for Ukrainian, and writes Arabic with Arabic digits', () => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      const text = announcementText('uk', { number: `${letter}7`, counterName: 'Sportello 2' });
      expect(text).toMatch(/^Номер [а-яґєії-]+, сім, віконце 2$/);
    }
    const arabic = announcementText('ar', { number: 'E907', counterName: 'Sportello 14' });
    expect(arabic).toBe('الرقم E، ٩ ٠ ٧، الشباك رقم ١٤');
  });

  it('says the number of the counter with the word of the language, the name as configured otherwise', () => {
    expect(announcementText('fr', { number: 'C1', counterName: 'Sportello 12' })).toBe(
      'Numéro C, un, guichet 12',
    );
    expect(announcementText('en', { number: 'C1', counterName: 'Sportello Informazioni' })).toBe(
      'Number C, one, Sportello Informazioni',
    );
    expect(announcementText('ro', { number: 'C1', counterName: 'Sala 2 sportello 4' })).toBe(
      'Numărul C, unu, Sala 2 sportello 4',
    );
    expect(announcementText('it', { number: 'C1', counterName: ' Sportello 7 bis ' })).toBe(
      'Numero C, uno, Sportello 7 bis',
    );
  });

  it('refuses a language it has no words for, and a number with nothing to say', () => {
    for (const language of ['de', 'constructor', '']) {
      expect(() => announcementText(language as 'it', call)).toThrow(
        expect.objectContaining({ name: 'SpeechError', code: 'unsupported_language' }),
      );
    }
    expect(() => announcementText('it', { ...call, number: '-' })).toThrow(SpeechError);
    expect(() => announcementText('it', { ...call, number: '-' })).toThrow(
      expect.objectContaining({ code: 'bad_text' }),
    );
  });
});

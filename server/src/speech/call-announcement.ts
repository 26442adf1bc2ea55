// The words a display board speaks for a call, in each citizen language: the ticket spelled letter by
// letter and digit by digit so no one mistakes it (as Italian offices say "P zero uno due"), then the counter.
import type { Language } from '@sportello/protocol';
import { SpeechError } from '@sportello/speech';

export interface CalledTicket {
  /** The ticket as printed, e.g. "P012". */
  number: string;
  /** The counter as configured, in Italian, e.g. "Sportello 3". */
  counterName: string;
}

interface Phrasing {
  /** Says "number" before the ticket. */
  number: string;
  /** The word for counter; absent where the configured name is said as it is. */
  counter?: string;
  /** The words for 0 to 9, each said alone. */
  digits: readonly string[];
  /** How the number in the counter's name is written; as it is when absent. */
  counterNumber?: (digits: string) => string;
  /** How a Latin letter of the ticket is named; absent where espeak-ng names it well itself. */
  letters?: Readonly<Record<string, string>>;
  /** Comma between the parts and between letters: a pause that keeps each letter stressed and apart. */
  comma: string;
}

// Latin letters as Ukrainians name them (as in school algebra): a Latin "P" read by a Ukrainian voice would
// come out in English. Arabic keeps the Latin letter: Arabic speakers name Latin letters in English, espeak-ng
// does so inside Arabic text, and Arabic script would merge B and P (both بي).
const ukrainianLetters: Readonly<Record<string, string>> = {
  A: 'а',
  B: 'бе',
  C: 'це',
  D: 'де',
  E: 'е',
  F: 'еф',
  G: 'ґе',
  H: 'аш',
  I: 'і',
  J: 'йот',
  K: 'ка',
  L: 'ель',
  M: 'ем',
  N: 'ен',
  O: 'о',
  P: 'пе',
  Q: 'ку',
  R: 'ер',
  S: 'ес',
  T: 'те',
  U: 'у',
  V: 'ве',
  W: 'дубль-ве',
  X: 'ікс',
  Y: 'ігрек',
  Z: 'зет',
};

// Arabic-Indic digits, read one by one: espeak-ng reads them right, while Arabic number words written
// without vowel marks come out garbled (خمسة as "χmst").
const arabicDigits = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'] as const;

const phrasings: Readonly<Record<Language, Phrasing>> = {
  it: {
    number: 'Numero',
    digits: ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'],
    comma: ',',
  },
  en: {
    number: 'Number',
    counter: 'counter',
    digits: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
    comma: ',',
  },
  fr: {
    number: 'Numéro',
    counter: 'guichet',
    digits: ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'],
    comma: ',',
  },
  ar: {
    number: 'الرقم',
    counter: 'الشباك رقم',
    digits: arabicDigits,
    counterNumber: (n) => n.replace(/[0-9]/g, (d) => arabicDigits[Number(d)]!),
    comma: '،',
  },
  ro: {
    number: 'Numărul',
    counter: 'ghișeul',
    digits: ['zero', 'unu', 'doi', 'trei', 'patru', 'cinci', 'șase', 'șapte', 'opt', 'nouă'],
    comma: ',',
  },
  uk: {
    number: 'Номер',
    counter: 'віконце',
    digits: ['нуль', 'один', 'два', 'три', 'чотири', 'п’ять', 'шість', 'сім', 'вісім', 'дев’ять'],
    comma: ',',
    letters: ukrainianLetters,
  },
};

/** The sentence to speak for a call, e.g. it: "Numero P, zero uno due, Sportello 3". Throws a SpeechError. */
export function announcementText(language: Language, ticket: CalledTicket): string {
  // Own keys only: "constructor" is no language.
  const phrasing = Object.hasOwn(phrasings, language) ? phrasings[language] : undefined;
  if (!phrasing) {
    throw new SpeechError('unsupported_language', `no announcement in language "${String(language)}"`);
  }
  const characters = [...ticket.number.toUpperCase()];
  const letters = characters
    .filter((c) => /[A-Z]/.test(c))
    .map((c) => phrasing.letters?.[c] ?? c)
    .join(`${phrasing.comma} `);
  const digits = characters
    .filter((c) => /[0-9]/.test(c))
    .map((c) => phrasing.digits[Number(c)])
    .join(' ');
  if (!letters && !digits) {
    throw new SpeechError('bad_text', `ticket number "${ticket.number}" has nothing to say`);
  }
  const parts = [
    phrasing.number + (letters ? ` ${letters}` : ''),
    digits,
    counterWords(phrasing, ticket.counterName),
  ];
  return parts.filter(Boolean).join(`${phrasing.comma} `);
}

/** The counter's word in the language and the number in its name; the name as configured when that is unclear. */
function counterWords(phrasing: Phrasing, counterName: string): string {
  const name = counterName.trim();
  const numbers = name.match(/\d+/g);
  if (!phrasing.counter || numbers?.length !== 1) return name;
  return `${phrasing.counter} ${phrasing.counterNumber?.(numbers[0]) ?? numbers[0]}`;
}

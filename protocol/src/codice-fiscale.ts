// Codice fiscale: the Italian tax code that identifies every citizen (16 characters, last one a check letter).
// Hand-written because the only maintained library is CC BY-SA and ships the whole list of comuni (312 KB).

const ODD_VALUES: Record<string, number> = {
  '0': 1,
  '1': 0,
  '2': 5,
  '3': 7,
  '4': 9,
  '5': 13,
  '6': 15,
  '7': 17,
  '8': 19,
  '9': 21,
  A: 1,
  B: 0,
  C: 5,
  D: 7,
  E: 9,
  F: 13,
  G: 15,
  H: 17,
  I: 19,
  J: 21,
  K: 2,
  L: 4,
  M: 18,
  N: 20,
  O: 11,
  P: 3,
  Q: 6,
  R: 8,
  S: 12,
  T: 14,
  U: 16,
  V: 10,
  W: 22,
  X: 25,
  Y: 24,
  Z: 23,
};

// Omocodia replaces digits with these letters (0–9) when two people would share a code.
const OMOCODE_LETTERS = 'LMNPQRSTUV';
/** The month letter: A is January, T December. */
const MONTH_LETTERS = 'ABCDEHLMPRST';
/** Women's day of birth is written plus 40. */
const WOMAN_DAY_OFFSET = 40;
/**
 * The youngest age the birth date is read as: the institute's services begin with work, legal from 16,
 * so a younger reading means the person was born a century earlier.
 */
const YOUNGEST_PLAUSIBLE_AGE = 16;
const STRUCTURE = /^[A-Z]{6}[\dLMNPQRSTUV]{2}[ABCDEHLMPRST][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z]$/;

export type CodiceFiscaleProblem = 'length' | 'characters' | 'structure' | 'date' | 'check';

/** Upper-cases and strips spaces, as people type it. */
export function normalizeCodiceFiscale(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i]!;
    // Positions are counted from 1, so index 0 is an odd position.
    sum += i % 2 === 0 ? ODD_VALUES[c]! : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26));
}

function digitOf(c: string): string {
  const i = OMOCODE_LETTERS.indexOf(c);
  return i >= 0 ? String(i) : c;
}

/** Year (two digits), month (1–12), day of the month and sex as written in a well-shaped code. */
function birthFields(cf: string): { yy: number; month: number; day: number; sex: 'M' | 'F' } {
  const written = Number(digitOf(cf[9]!) + digitOf(cf[10]!));
  const woman = written > WOMAN_DAY_OFFSET;
  return {
    yy: Number(digitOf(cf[6]!) + digitOf(cf[7]!)),
    month: MONTH_LETTERS.indexOf(cf[8]!) + 1,
    day: woman ? written - WOMAN_DAY_OFFSET : written,
    sex: woman ? 'F' : 'M',
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Returns what is wrong with a codice fiscale, or null when it is valid (omocodes included). */
export function codiceFiscaleProblem(input: string): CodiceFiscaleProblem | null {
  const cf = normalizeCodiceFiscale(input);
  if (cf.length !== 16) return 'length';
  if (!/^[A-Z0-9]+$/.test(cf)) return 'characters';
  if (!STRUCTURE.test(cf)) return 'structure';
  const { yy, month, day } = birthFields(cf);
  // 2000 + yy: 19yy and 20yy agree on leap years except for 00, whose 29 February can only be 2000's.
  if (day < 1 || day > daysInMonth(2000 + yy, month)) return 'date';
  if (checkCharacter(cf.slice(0, 15)) !== cf[15]) return 'check';
  return null;
}

export interface BirthData {
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'M' | 'F';
}

/**
 * The birth date and sex a valid code encodes, as of `today` (YYYY-MM-DD), or null for an invalid code.
 * The code writes only two digits of the year: the latest century in which the person is at least
 * YOUNGEST_PLAUSIBLE_AGE years old today.
 */
export function birthDateOf(input: string, today: string): BirthData | null {
  const cf = normalizeCodiceFiscale(input);
  if (codiceFiscaleProblem(cf) !== null) return null;
  const { yy, month, day, sex } = birthFields(cf);
  const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  let year = Math.floor(Number(today.slice(0, 4)) / 100) * 100 + yy;
  if (ageOn(`${year}-${mmdd}`, today) < YOUNGEST_PLAUSIBLE_AGE) year -= 100;
  // Only a 29 February of a 00 year gets here: 1900 had none, so it is 2000's.
  if (day > daysInMonth(year, month)) year += 100;
  return { birthDate: `${year}-${mmdd}`, sex };
}

/** Whole years from a birth date to a day (both YYYY-MM-DD); a 29 February birthday counts from 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function isValidCodiceFiscale(input: string): boolean {
  return codiceFiscaleProblem(input) === null;
}

/** Shows only what a person needs to recognise their own code, e.g. "RSS***********1U". */
export function maskCodiceFiscale(cf: string): string {
  return cf.length < 6
    ? '*'.repeat(cf.length)
    : `${cf.slice(0, 3)}${'*'.repeat(cf.length - 5)}${cf.slice(-2)}`;
}

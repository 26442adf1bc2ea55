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

/** Returns what is wrong with a codice fiscale, or null when it is valid (omocodes included). */
export function codiceFiscaleProblem(input: string): CodiceFiscaleProblem | null {
  const cf = normalizeCodiceFiscale(input);
  if (cf.length !== 16) return 'length';
  if (!/^[A-Z0-9]+$/.test(cf)) return 'characters';
  if (!STRUCTURE.test(cf)) return 'structure';
  const day = Number(digitOf(cf[9]!) + digitOf(cf[10]!));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return 'date';
  if (checkCharacter(cf.slice(0, 15)) !== cf[15]) return 'check';
  return null;
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

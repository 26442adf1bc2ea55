// EF.Dati_personali of a TS-CNS / CNS (3F00/1100/1102, readable without PIN): the read sequence and a
// parser that treats the card as hostile (OpenSC once read out of bounds here), plus the encoder the virtual cards use.
import { isValidCodiceFiscale, normalizeCodiceFiscale, type CardData } from '@sportello/protocol';
import { selectFile } from './apdu.ts';
import type { CardChannel } from './card-channel.ts';
import { CardBadResponseError } from './card-errors.ts';

export type CnsCardData = Extract<CardData, { kind: 'cns' }>;

/** The file as the card stores it; dates are YYYY-MM-DD here, ddmmyyyy on the card. */
export interface DatiPersonali {
  issuerCode: string;
  issueDate: string;
  expiry: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: string;
  height: string;
  codiceFiscale: string;
  citizenship: string;
  birthComune: string;
  birthCountry: string;
  birthAct: string;
  residenceComune: string;
  residenceAddress: string;
  expatNotes: string;
}

// The order of the fields on the card.
const FIELDS: readonly (keyof DatiPersonali)[] = [
  'issuerCode',
  'issueDate',
  'expiry',
  'lastName',
  'firstName',
  'birthDate',
  'sex',
  'height',
  'codiceFiscale',
  'citizenship',
  'birthComune',
  'birthCountry',
  'birthAct',
  'residenceComune',
  'residenceAddress',
  'expatNotes',
];
const DATES = new Set<keyof DatiPersonali>(['issueDate', 'expiry', 'birthDate']);
// Fields up to the codice fiscale must be there; the rest may be cut off.
const REQUIRED_FIELDS = FIELDS.indexOf('codiceFiscale') + 1;
const HEADER = 6;
/** Real files stay well under this (OpenSC uses the same bound). */
export const MAX_DATI_PERSONALI_BYTES = 400;

export const DF1 = 0x1100;
export const EF_DATI_PERSONALI = 0x1102;

function bad(message: string): CardBadResponseError {
  return new CardBadResponseError(`EF.Dati_personali: ${message}`);
}

function hexLength(bytes: Uint8Array, at: number, digits: number, what: string): number {
  if (at + digits > bytes.length) throw bad(`${what} is cut off at byte ${at}`);
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const c = bytes[i]!;
    const digit =
      c >= 0x30 && c <= 0x39
        ? c - 0x30
        : c >= 0x41 && c <= 0x46
          ? c - 55
          : c >= 0x61 && c <= 0x66
            ? c - 87
            : -1;
    if (digit < 0) throw bad(`${what} at byte ${at} is not hexadecimal`);
    value = value * 16 + digit;
  }
  return value;
}

/** The whole length the file's 6-character header declares, header included. */
function datiPersonaliLength(head: Uint8Array): number | null {
  return head.length < HEADER ? null : HEADER + hexLength(head, 0, HEADER, 'the total length');
}

function text(bytes: Uint8Array, field: string): string {
  for (const c of bytes) if (c < 0x20 || c === 0x7f) throw bad(`${field} holds a control character`);
  return Buffer.from(bytes).toString('latin1').trim();
}

function isoDate(value: string, field: string): string {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!m) throw bad(`${field} is not a ddmmyyyy date`);
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1880 || year > 2200) throw bad(`${field} is not a real date`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/**
 * Parses the file's bytes (possibly followed by padding). Throws CardBadResponseError, and nothing else, for
 * anything a real card would not hold: a length that is not hex or points past the buffer, a file over
 * MAX_DATI_PERSONALI_BYTES, a missing field, a date that is not one, an invalid codice fiscale.
 */
export function parseDatiPersonali(bytes: Uint8Array): CnsCardData {
  const total = datiPersonaliLength(bytes);
  if (total === null) throw bad(`${bytes.length} bytes, too short for its header`);
  if (total > MAX_DATI_PERSONALI_BYTES)
    throw bad(`declares ${total} bytes, more than ${MAX_DATI_PERSONALI_BYTES}`);
  if (total > bytes.length) throw bad(`declares ${total} bytes but holds ${bytes.length}`);

  const values: string[] = [];
  let at = HEADER;
  while (at < total && values.length < FIELDS.length) {
    const name = FIELDS[values.length]!;
    const length = hexLength(bytes.subarray(0, total), at, 2, `the length of ${name}`);
    at += 2;
    if (at + length > total) throw bad(`${name} runs past the end of the file`);
    values.push(text(bytes.subarray(at, at + length), name));
    at += length;
  }
  if (values.length < REQUIRED_FIELDS)
    throw bad(`only ${values.length} fields, the codice fiscale is missing`);

  const [, , expiry, lastName, firstName, birthDate, , , cf] = values as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const codiceFiscale = normalizeCodiceFiscale(cf);
  if (!isValidCodiceFiscale(codiceFiscale)) throw bad('the codice fiscale is not valid');
  if (!lastName || !firstName) throw bad('a name is empty');
  return {
    kind: 'cns',
    codiceFiscale,
    firstName,
    lastName,
    birthDate: isoDate(birthDate, 'birthDate'),
    expiry: isoDate(expiry, 'expiry'),
  };
}

/** The bytes a card holds for these data (upper-case hex lengths, dates as ddmmyyyy). */
export function encodeDatiPersonali(data: DatiPersonali): Buffer {
  const body = FIELDS.map((name) => {
    const raw = data[name];
    const value = DATES.has(name) && raw ? raw.split('-').reverse().join('') : raw;
    const bytes = Buffer.from(value, 'latin1');
    if (bytes.length > 0xff) throw new RangeError(`${name} is longer than 255 bytes`);
    return bytes.length.toString(16).toUpperCase().padStart(2, '0') + value;
  }).join('');
  const length = Buffer.byteLength(body, 'latin1');
  return Buffer.from(length.toString(16).toUpperCase().padStart(HEADER, '0') + body, 'latin1');
}

/** SELECT MF, DF1, EF.Dati_personali, then READ BINARY (00 B0 00 00 00, the card corrects Le with 6Cxx). */
export async function readCnsPersonalData(channel: CardChannel): Promise<CnsCardData> {
  await channel.expectOk(selectFile(0x3f00), 'selecting the MF');
  await channel.expectOk(selectFile(DF1), 'selecting DF1');
  await channel.expectOk(selectFile(EF_DATI_PERSONALI), 'selecting EF.Dati_personali');
  const file = await channel.readFile({
    step: 'EF.Dati_personali',
    chunk: 256,
    maxBytes: MAX_DATI_PERSONALI_BYTES,
    lengthOf: datiPersonaliLength,
  });
  return parseDatiPersonali(file);
}

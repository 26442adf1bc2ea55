import { CardData } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { CardChannel } from './card-channel.ts';
import { CardBadResponseError } from './card-errors.ts';
import {
  encodeDatiPersonali,
  parseDatiPersonali,
  readCnsPersonalData,
  MAX_DATI_PERSONALI_BYTES,
} from './cns-personal-data.ts';
import { createVirtualCns } from './virtual-cards.ts';

// EF.Dati_personali as a TS-CNS holds it: the body's length in 6 hex characters, then each field as 2 hex
// characters of length and its value, dates ddmmyyyy.
const REAL_LAYOUT = [
  '000072', // body length: 114
  '0A0510000000', // issuer code
  '0815032021', // issue date
  '0815032027', // expiry
  '05ROSSI',
  '05MARIO',
  '0801011980', // birth date
  '01M',
  '00', // height
  '10RSSMRA80A01H501U',
  '03ITA',
  '04H501', // birth comune
  '00', // birth country
  '00', // birth act
  '04H501', // residence comune
  '0AVIA ROMA 1',
  '00', // expat notes
].join('');

const bytes = (text: string) => Buffer.from(text, 'latin1');

const MARIO = {
  kind: 'cns',
  codiceFiscale: 'RSSMRA80A01H501U',
  firstName: 'MARIO',
  lastName: 'ROSSI',
  birthDate: '1980-01-01',
  expiry: '2027-03-15',
};

describe('parseDatiPersonali', () => {
  it('reads the real layout', () => {
    expect(parseDatiPersonali(bytes(REAL_LAYOUT))).toEqual(MARIO);
  });

  it('is what the virtual cards encode', () => {
    const encoded = encodeDatiPersonali({
      issuerCode: '0510000000',
      issueDate: '2021-03-15',
      expiry: '2027-03-15',
      lastName: 'ROSSI',
      firstName: 'MARIO',
      birthDate: '1980-01-01',
      sex: 'M',
      height: '',
      codiceFiscale: 'RSSMRA80A01H501U',
      citizenship: 'ITA',
      birthComune: 'H501',
      birthCountry: '',
      birthAct: '',
      residenceComune: 'H501',
      residenceAddress: 'VIA ROMA 1',
      expatNotes: '',
    });
    expect(encoded.toString('latin1')).toBe(REAL_LAYOUT);
  });

  it('ignores the padding after the declared length, and takes lower-case hex', () => {
    expect(parseDatiPersonali(Buffer.concat([bytes(REAL_LAYOUT), Buffer.alloc(100, 0xff)]))).toEqual(MARIO);
    expect(parseDatiPersonali(bytes(REAL_LAYOUT.replace('0AVIA', '0aVIA')))).toEqual(MARIO);
  });

  it('accepts a file cut after the codice fiscale', () => {
    const cut = REAL_LAYOUT.slice(6, REAL_LAYOUT.indexOf('03ITA'));
    expect(parseDatiPersonali(bytes(cut.length.toString(16).padStart(6, '0') + cut))).toEqual(MARIO);
  });

  it.each([
    ['an empty file', ''],
    ['a header that is not hex', 'ZZZZZZ' + REAL_LAYOUT.slice(6)],
    ['a declared length past the buffer', '0000FF' + REAL_LAYOUT.slice(6)],
    ['an absurd declared length', 'FFFFFF' + REAL_LAYOUT.slice(6)],
    ['a file over 400 bytes', '000200' + REAL_LAYOUT.slice(6) + 'X'.repeat(600)],
    ['a field length that is not hex', REAL_LAYOUT.replace('05ROSSI', 'G5ROSSI')],
    ['a field running past the end', REAL_LAYOUT.slice(0, 6) + '0A05100000000815032021FF1503202705ROSSI'],
    ['a length cut in half', '000001' + '0'],
    ['no codice fiscale', '000007' + '0A05100'],
    ['an invalid codice fiscale', REAL_LAYOUT.replace('RSSMRA80A01H501U', 'RSSMRA80A01H501X')],
    ['a date that is not one', REAL_LAYOUT.replace('0801011980', '0831021980')],
    ['a date that is not digits', REAL_LAYOUT.replace('0815032027', '08AB032027')],
    ['a control character in a name', REAL_LAYOUT.replace('05MARIO', '05MA\u0000IO')],
    ['an empty surname', REAL_LAYOUT.replace('05ROSSI', '05     ')],
  ])('refuses %s with a bad-response error', (_what, text) => {
    expect(() => parseDatiPersonali(bytes(text))).toThrow(CardBadResponseError);
  });

  it('either returns valid card data or throws the bad-response error, for 800 hostile buffers', () => {
    // A fixed-seed generator, so that a failure can be replayed.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const pick = (n: number) => Math.floor(random() * n);
    const real = bytes(REAL_LAYOUT);
    const cases: Buffer[] = [];
    for (let i = 0; i < 500; i++) {
      const mutated = Buffer.from(real.subarray(0, pick(real.length + 40)));
      const changes = 1 + pick(4);
      for (let c = 0; c < changes && mutated.length > 0; c++) {
        // Lengths are where the danger is: prefer hex digits, at any position.
        mutated[pick(mutated.length)] = random() < 0.7 ? '0123456789ABCDEFF'.charCodeAt(pick(17)) : pick(256);
      }
      cases.push(mutated);
    }
    for (let i = 0; i < 300; i++) {
      cases.push(Buffer.from(Array.from({ length: pick(MAX_DATI_PERSONALI_BYTES + 100) }, () => pick(256))));
    }
    for (const input of cases) {
      try {
        expect(CardData.safeParse(parseDatiPersonali(input)).success).toBe(true);
      } catch (error) {
        expect(error, input.toString('hex')).toBeInstanceOf(CardBadResponseError);
      }
    }
  });
});

describe('readCnsPersonalData', () => {
  it('reads a virtual CNS with the documented APDUs, following 61xx and 6Cxx as a T=0 card asks', async () => {
    const card = await createVirtualCns({ holder: { expiry: '2027-03-15' } });
    const sent: string[] = [];
    const channel = new CardChannel(
      {
        async transmit(apdu) {
          sent.push(apdu.toString('hex').toUpperCase());
          return card.respond(apdu);
        },
      },
      { timeoutMs: 1000 },
    );
    expect(await readCnsPersonalData(channel)).toEqual(MARIO);
    const selects = sent.filter((apdu) => apdu.startsWith('00A4'));
    expect(selects).toEqual(['00A40000023F00', '00A40000021100', '00A40000021102']);
    const reads = sent.filter((apdu) => apdu.startsWith('00B0'));
    expect(reads[0]).toBe('00B0000000');
    // The card answered 6Cxx with the file's length, which the channel asked again.
    expect(reads[1]).toMatch(/^00B00000[0-9A-F]{2}$/);
    expect(sent.some((apdu) => apdu.startsWith('00C0'))).toBe(true);
  });

  it('refuses a card whose file is hostile, as unreadable', async () => {
    const card = await createVirtualCns({ datiPersonali: bytes('0000FF' + REAL_LAYOUT.slice(6)) });
    const channel = new CardChannel({ transmit: async (apdu) => card.respond(apdu) }, { timeoutMs: 1000 });
    await expect(readCnsPersonalData(channel)).rejects.toMatchObject({ code: 'unreadable' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  computeDigitalSignature,
  decodeCommand,
  encodeCommand,
  getResponse,
  historicalBytes,
  interpretStatus,
  isContactlessPseudoAtr,
  parseResponse,
  readBinary,
  readBinaryBySfi,
  selectApplication,
  selectElementaryFile,
  selectFile,
  verifyPin,
} from './apdu.ts';
import { CardBadResponseError } from './card-errors.ts';
import { CIE_DF_AID, IAS_AID } from './cie-nis.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

describe('command APDUs', () => {
  it('builds the TS-CNS commands byte for byte as documented', () => {
    expect(hex(encodeCommand(selectFile(0x3f00)))).toBe('00A40000023F00');
    expect(hex(encodeCommand(selectFile(0x1100)))).toBe('00A40000021100');
    expect(hex(encodeCommand(selectFile(0x1102)))).toBe('00A40000021102');
    expect(hex(encodeCommand(readBinary(0, 256)))).toBe('00B0000000');
  });

  it('builds the CIE NIS commands byte for byte as documented', () => {
    expect(hex(encodeCommand(selectApplication(IAS_AID)))).toBe('00A4040C0DA0000000308000000009816001');
    expect(hex(encodeCommand(selectApplication(CIE_DF_AID)))).toBe('00A4040C06A00000000039');
    expect(hex(encodeCommand(readBinaryBySfi(1, 0, 12)))).toBe('00B081000C');
    expect(hex(encodeCommand(selectElementaryFile(0x1003)))).toBe('00A40204021003');
  });

  it('puts offsets, Le, PINs and signature inputs where ISO 7816-4 wants them', () => {
    expect(hex(encodeCommand(readBinary(0x0123, 0x80)))).toBe('00B0012380');
    expect(hex(encodeCommand(getResponse(0x10)))).toBe('00C0000010');
    expect(hex(encodeCommand(verifyPin(0x81, Buffer.from('12345678'))))).toBe('00200081083132333435363738');
    expect(hex(encodeCommand(computeDigitalSignature(Buffer.from([1, 2]))))).toBe('002A9E9A02010200');
  });

  it('refuses what a short APDU cannot carry', () => {
    expect(() => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 })).toThrow(RangeError);
    expect(() => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257 })).toThrow(RangeError);
    expect(() => encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: Buffer.alloc(256) })).toThrow(
      RangeError,
    );
    expect(() => encodeCommand({ cla: 0, ins: 0xa4, p1: 256, p2: 0 })).toThrow(RangeError);
    expect(() => readBinary(0x8000, 1)).toThrow(RangeError);
    expect(() => readBinaryBySfi(31, 0, 1)).toThrow(RangeError);
  });

  it('decodes the four cases back and refuses malformed bytes', () => {
    for (const command of [
      { cla: 0, ins: 0x20, p1: 0, p2: 0x81 },
      { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 },
      { cla: 0, ins: 0xa4, p1: 0, p2: 0, data: Buffer.from([0x3f, 0x00]) },
      { cla: 0, ins: 0x88, p1: 0, p2: 0, data: Buffer.from([1, 2, 3]), le: 256 },
    ]) {
      expect(decodeCommand(encodeCommand(command))).toEqual(command);
    }
    expect(decodeCommand(Buffer.from('00A4', 'hex'))).toBeNull();
    expect(decodeCommand(Buffer.from('00A400000500', 'hex'))).toBeNull();
    expect(decodeCommand(Buffer.from('00A4000000', 'hex'))).toEqual({
      cla: 0,
      ins: 0xa4,
      p1: 0,
      p2: 0,
      le: 256,
    });
    expect(decodeCommand(Buffer.from('00A40000003F', 'hex'))).toBeNull();
  });
});

describe('response APDUs', () => {
  it('splits data and status word', () => {
    expect(parseResponse(Buffer.from('31329000', 'hex'))).toEqual({ data: Buffer.from('12'), sw: 0x9000 });
    expect(parseResponse(Buffer.from('6A82', 'hex'))).toEqual({ data: Buffer.alloc(0), sw: 0x6a82 });
  });

  it('refuses an answer shorter than a status word with a bad-response error', () => {
    expect(() => parseResponse(Buffer.from('90', 'hex'))).toThrow(CardBadResponseError);
    expect(() => parseResponse(Buffer.alloc(0))).toThrow(CardBadResponseError);
  });

  it.each([
    [0x9000, { kind: 'ok' }],
    [0x6c10, { kind: 'wrong-le', exactLe: 0x10 }],
    [0x6c00, { kind: 'wrong-le', exactLe: 256 }],
    [0x6120, { kind: 'more-data', available: 0x20 }],
    [0x6100, { kind: 'more-data', available: 256 }],
    [0x6282, { kind: 'end-of-file' }],
    [0x63c2, { kind: 'wrong-pin', triesLeft: 2 }],
    [0x63c0, { kind: 'pin-blocked' }],
    [0x6983, { kind: 'pin-blocked' }],
    [0x6982, { kind: 'security-not-satisfied' }],
    [0x6985, { kind: 'conditions-not-satisfied' }],
    [0x6a82, { kind: 'file-not-found' }],
    [0x6a86, { kind: 'wrong-p1p2' }],
    [0x6b00, { kind: 'offset-out-of-range' }],
    [0x6700, { kind: 'wrong-length' }],
    [0x6d00, { kind: 'ins-not-supported' }],
    [0x6e00, { kind: 'cla-not-supported' }],
    [0x6f00, { kind: 'other', sw: 0x6f00 }],
  ])('reads status %s', (sw, meaning) => {
    expect(interpretStatus(sw)).toEqual(meaning);
  });
});

describe('ATRs', () => {
  it('finds the historical bytes past the interface bytes', () => {
    const cns = Buffer.from('3BFF1800FF8131FE55006B02090200010101434E531031809F', 'hex');
    expect(historicalBytes(cns)?.subarray(9, 12).toString()).toBe('CNS');
    expect(hex(historicalBytes(Buffer.from('3B8E800180318066B1840C016E01830090001C', 'hex'))!)).toBe(
      '80318066B1840C016E0183009000',
    );
  });

  it('returns null for an ATR shorter than it announces', () => {
    expect(historicalBytes(Buffer.from('3BFF1800', 'hex'))).toBeNull();
    expect(historicalBytes(Buffer.from('3B', 'hex'))).toBeNull();
  });

  it('tells the PC/SC contactless pseudo-ATR', () => {
    expect(isContactlessPseudoAtr(Buffer.from('3B8E800180318066B1840C016E01830090001C', 'hex'))).toBe(true);
    expect(isContactlessPseudoAtr(Buffer.from('3BFF1800FF8131FE55', 'hex'))).toBe(false);
  });
});

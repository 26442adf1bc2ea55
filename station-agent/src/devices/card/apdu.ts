// ISO 7816-4 APDUs as pure functions: command builders for what the CNS and CIE sequences send, the
// encoder/decoder of short command APDUs, and the parsing of response APDUs and status words.
import { CardBadResponseError } from './card-errors.ts';

/** A short command APDU. `le` is the number of bytes expected back, 1..256 (256 goes out as 00). */
export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  le?: number;
}

export interface ResponseApdu {
  data: Buffer;
  /** SW1 SW2 as one number, e.g. 0x9000. */
  sw: number;
}

/** What a status word means for the caller; `other` keeps the rest for the error message. */
export type CardStatus =
  | { kind: 'ok' }
  | { kind: 'more-data'; available: number }
  | { kind: 'wrong-le'; exactLe: number }
  | { kind: 'end-of-file' }
  | { kind: 'wrong-pin'; triesLeft: number }
  | { kind: 'pin-blocked' }
  | { kind: 'security-not-satisfied' }
  | { kind: 'conditions-not-satisfied' }
  | { kind: 'file-not-found' }
  | { kind: 'wrong-p1p2' }
  | { kind: 'offset-out-of-range' }
  | { kind: 'wrong-length' }
  | { kind: 'ins-not-supported' }
  | { kind: 'cla-not-supported' }
  | { kind: 'other'; sw: number };

function byte(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`${name} must be a byte`);
  return value;
}

export function encodeCommand(command: CommandApdu): Buffer {
  const header = [
    byte('cla', command.cla),
    byte('ins', command.ins),
    byte('p1', command.p1),
    byte('p2', command.p2),
  ];
  const data = command.data ?? new Uint8Array(0);
  if (data.length > 255) throw new RangeError('short APDUs carry at most 255 data bytes');
  const lc = data.length > 0 ? [data.length] : [];
  let le: number[] = [];
  if (command.le !== undefined) {
    if (!Number.isInteger(command.le) || command.le < 1 || command.le > 256) {
      throw new RangeError('le must be 1..256');
    }
    le = [command.le & 0xff];
  }
  return Buffer.concat([Buffer.from(header), Buffer.from(lc), data, Buffer.from(le)]);
}

/** Reads a short command APDU (ISO 7816-3 cases 1–4); null when the bytes are not one. For the virtual cards. */
export function decodeCommand(bytes: Uint8Array): CommandApdu | null {
  if (bytes.length < 4) return null;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const body = bytes.subarray(4);
  if (body.length === 0) return { cla, ins, p1, p2 };
  if (body.length === 1) return { cla, ins, p1, p2, le: body[0]! || 256 };
  const lc = body[0]!;
  if (lc === 0) return null;
  if (body.length === 1 + lc) return { cla, ins, p1, p2, data: body.subarray(1) };
  if (body.length === 2 + lc) {
    return { cla, ins, p1, p2, data: body.subarray(1, 1 + lc), le: body[1 + lc]! || 256 };
  }
  return null;
}

export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) {
    throw new CardBadResponseError(`the card answered ${bytes.length} byte(s), less than a status word`);
  }
  const n = bytes.length;
  return { data: Buffer.from(bytes.subarray(0, n - 2)), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

export function encodeResponse(data: Uint8Array, sw: number): Buffer {
  return Buffer.concat([data, Buffer.from([sw >> 8, sw & 0xff])]);
}

export function interpretStatus(sw: number): CardStatus {
  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw === 0x9000) return { kind: 'ok' };
  // A length byte of 00 means 256 in both.
  if (sw1 === 0x61) return { kind: 'more-data', available: sw2 || 256 };
  if (sw1 === 0x6c) return { kind: 'wrong-le', exactLe: sw2 || 256 };
  if (sw === 0x6282) return { kind: 'end-of-file' };
  // 63C0 is the last wrong try: the PIN is blocked from now on.
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) {
    return sw2 === 0xc0 ? { kind: 'pin-blocked' } : { kind: 'wrong-pin', triesLeft: sw2 & 0x0f };
  }
  switch (sw) {
    case 0x6983:
      return { kind: 'pin-blocked' };
    case 0x6982:
      return { kind: 'security-not-satisfied' };
    case 0x6985:
      return { kind: 'conditions-not-satisfied' };
    case 0x6a82:
      return { kind: 'file-not-found' };
    case 0x6a86:
      return { kind: 'wrong-p1p2' };
    case 0x6b00:
      return { kind: 'offset-out-of-range' };
    case 0x6700:
      return { kind: 'wrong-length' };
    case 0x6d00:
      return { kind: 'ins-not-supported' };
    case 0x6e00:
      return { kind: 'cla-not-supported' };
    default:
      return { kind: 'other', sw };
  }
}

function fid(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff)
    throw new RangeError('a file ID has two bytes');
  return Buffer.from([value >> 8, value & 0xff]);
}

/** SELECT by file ID from the current DF, P2 00 as the TS-CNS documents it: `00 A4 00 00 02 <fid>`. */
export function selectFile(fileId: number): CommandApdu {
  return { cla: 0x00, ins: 0xa4, p1: 0x00, p2: 0x00, data: fid(fileId) };
}

/** SELECT an EF under the current DF: `00 A4 02 04 02 <fid>` (CIE). */
export function selectElementaryFile(fileId: number): CommandApdu {
  return { cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x04, data: fid(fileId) };
}

/** SELECT by DF name (AID), no answer data: `00 A4 04 0C <len> <aid>`. */
export function selectApplication(aid: Uint8Array): CommandApdu {
  if (aid.length < 1 || aid.length > 16) throw new RangeError('an AID has 1..16 bytes');
  return { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid };
}

/** READ BINARY of the current EF from `offset` (15 bits). */
export function readBinary(offset: number, le: number): CommandApdu {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff)
    throw new RangeError('offset must be 0..32767');
  return { cla: 0x00, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le };
}

/** READ BINARY by short file identifier, which also selects that EF: `00 B0 <80|sfi> <offset> <le>`. */
export function readBinaryBySfi(sfi: number, offset: number, le: number): CommandApdu {
  if (!Number.isInteger(sfi) || sfi < 1 || sfi > 30) throw new RangeError('an SFI is 1..30');
  return { cla: 0x00, ins: 0xb0, p1: 0x80 | sfi, p2: byte('offset', offset), le };
}

export function getResponse(le: number): CommandApdu {
  return { cla: 0x00, ins: 0xc0, p1: 0x00, p2: 0x00, le };
}

export function verifyPin(reference: number, pin: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x20, p1: 0x00, p2: byte('reference', reference), data: pin };
}

/** MANAGE SECURITY ENVIRONMENT: SET (P1 41 or F1) of a template (P2 A4 authentication, B6 signature). */
export function manageSecurityEnvironment(p1: number, p2: number, data: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x22, p1, p2, data };
}

/** PERFORM SECURITY OPERATION: COMPUTE DIGITAL SIGNATURE over `input` (a DigestInfo for RSA keys). */
export function computeDigitalSignature(input: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x2a, p1: 0x9e, p2: 0x9a, data: input, le: 256 };
}

/** INTERNAL AUTHENTICATE: the card signs `input` with the key the security environment named. */
export function internalAuthenticate(input: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: 0x88, p1: 0x00, p2: 0x00, data: input, le: 256 };
}

/**
 * The historical bytes of an ATR (ISO 7816-3: T0's low nibble counts them, after the interface bytes the
 * TDi chain announces); null when the ATR is too short for what it announces.
 */
export function historicalBytes(atr: Uint8Array): Buffer | null {
  if (atr.length < 2) return null;
  const t0 = atr[1]!;
  const count = t0 & 0x0f;
  let indicator = t0 >> 4;
  let i = 2;
  for (;;) {
    const present = [1, 2, 4, 8].filter((bit) => indicator & bit).length;
    const hasTd = (indicator & 8) !== 0;
    i += present;
    if (i > atr.length) return null;
    if (!hasTd) break;
    indicator = atr[i - 1]! >> 4;
  }
  if (i + count > atr.length) return null;
  return Buffer.from(atr.subarray(i, i + count));
}

/** PC/SC readers present contactless cards with a pseudo-ATR 3B 8n 80 01 … (PC/SC part 3). */
export function isContactlessPseudoAtr(atr: Uint8Array): boolean {
  return (
    atr.length >= 4 && atr[0] === 0x3b && (atr[1]! & 0xf0) === 0x80 && atr[2] === 0x80 && atr[3] === 0x01
  );
}

// Strong authentication at APDU level, as the virtual cards answer it: read the authentication certificate,
// VERIFY the PIN, set the security environment, have the card sign the SHA-256 DigestInfo of the challenge
// (RSA PKCS#1 v1.5). Files, PIN references and commands follow the CNS (OpenSC itacns) and the CIE (IAS.cpp);
// a real CIE also wants secure messaging and device authentication first, which is why real cards sign
// through PKCS#11 instead (see pcsc-card-reader.ts).
import { X509Certificate, createHash, constants, verify } from 'node:crypto';
import {
  computeDigitalSignature,
  interpretStatus,
  internalAuthenticate,
  manageSecurityEnvironment,
  selectApplication,
  selectElementaryFile,
  selectFile,
  verifyPin,
  type CommandApdu,
} from './apdu.ts';
import type { CardChannel } from './card-channel.ts';
import {
  CardBadResponseError,
  CardStatusError,
  InvalidPinError,
  PinBlockedError,
  WrongPinError,
} from './card-errors.ts';
import { tryEachKind, type CardKind } from './card-kind.ts';
import { CIE_DF_AID, IAS_AID } from './cie-nis.ts';
import { DF1 } from './cns-personal-data.ts';

export interface CardSignature {
  /** The card's authentication certificate, DER. */
  certificate: Buffer;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over the challenge; ECDSA r||s over its SHA-256 for an EC key (PKCS#11). */
  signature: Buffer;
}

interface SignatureProfile {
  /** From wherever the card stands to the certificate EF. */
  selectCertificate: CommandApdu[];
  certificateChunk: number;
  pinReference: number;
  pinFormat: RegExp;
  pinFormatText: string;
  /** The CNS pads its PIN to 8 bytes with FF; the CIE takes it as typed. */
  padPin: boolean;
  securityEnvironment: CommandApdu;
  sign: (digestInfo: Uint8Array) => CommandApdu;
}

export const EF_CNS_CERTIFICATE = 0x1101;
export const EF_CIE_CERTIFICATE = 0x1003;
export const CNS_PIN_REFERENCE = 0x10;
export const CIE_PIN_REFERENCE = 0x81;
export const CNS_KEY_REFERENCE = 0x01;
export const CIE_KEY_REFERENCE = 0x81;

const SIGNATURE_PROFILES: Record<CardKind, SignatureProfile> = {
  cns: {
    selectCertificate: [selectFile(0x3f00), selectFile(DF1), selectFile(EF_CNS_CERTIFICATE)],
    certificateChunk: 0xff,
    pinReference: CNS_PIN_REFERENCE,
    pinFormat: /^\d{5,8}$/,
    pinFormatText: '5 to 8 digits',
    padPin: true,
    securityEnvironment: manageSecurityEnvironment(0xf1, 0xb6, Buffer.from([0x83, 0x01, CNS_KEY_REFERENCE])),
    sign: computeDigitalSignature,
  },
  cie: {
    selectCertificate: [
      selectApplication(IAS_AID),
      selectApplication(CIE_DF_AID),
      selectElementaryFile(EF_CIE_CERTIFICATE),
    ],
    certificateChunk: 0x80,
    pinReference: CIE_PIN_REFERENCE,
    pinFormat: /^\d{8}$/,
    pinFormatText: '8 digits',
    padPin: false,
    securityEnvironment: manageSecurityEnvironment(
      0x41,
      0xa4,
      Buffer.from([0x80, 0x01, 0x02, 0x84, 0x01, CIE_KEY_REFERENCE]),
    ),
    sign: internalAuthenticate,
  },
};

const MAX_CERTIFICATE_BYTES = 4096;
// DER of AlgorithmIdentifier sha256 + OCTET STRING header, RFC 8017 §9.2 note 1.
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function sha256DigestInfo(message: Uint8Array): Buffer {
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(message).digest()]);
}

/** The length a DER SEQUENCE declares in its first bytes, header included; null while too few bytes are in. */
export function derLength(head: Uint8Array): number | null {
  if (head.length < 2) return null;
  if (head[0] !== 0x30)
    throw new CardBadResponseError('the certificate file does not start with a DER SEQUENCE');
  const first = head[1]!;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  if (octets < 1 || octets > 3)
    throw new CardBadResponseError('the certificate has an impossible DER length');
  if (head.length < 2 + octets) return null;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + head[2 + i]!;
  return 2 + octets + length;
}

function pinBytes(pin: string, profile: SignatureProfile): Buffer {
  if (!profile.pinFormat.test(pin)) throw new InvalidPinError(`the PIN must be ${profile.pinFormatText}`);
  const bytes = Buffer.alloc(profile.padPin ? 8 : pin.length, 0xff);
  bytes.write(pin, 'latin1');
  return bytes;
}

function verifiesWith(certificate: Buffer, challenge: Uint8Array, signature: Buffer): boolean {
  try {
    const key = new X509Certificate(certificate).publicKey;
    return verify('sha256', challenge, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}

/**
 * Signs `challenge` with the card's authentication key after VERIFY with `pin`. Rejects with InvalidPinError
 * before the PIN reaches the card when the PIN cannot be one, WrongPinError (tries left) or PinBlockedError as the
 * card answers, UnsupportedCardError for a card that is neither kind, CardBadResponseError when the
 * certificate is unreadable or the signature does not verify with it.
 */
export async function signChallengeOnCard(
  channel: CardChannel,
  atr: Uint8Array,
  pin: string,
  challenge: Uint8Array,
): Promise<CardSignature> {
  if (challenge.length < 16 || challenge.length > 1024)
    throw new RangeError('the challenge must be 16..1024 bytes');
  const profile = await tryEachKind(atr, async (kind) => {
    const candidate = SIGNATURE_PROFILES[kind];
    for (const command of candidate.selectCertificate)
      await channel.expectOk(command, 'selecting the certificate');
    return candidate;
  });
  const pinData = pinBytes(pin, profile);
  const certificate = await channel.readFile({
    step: 'the certificate',
    chunk: profile.certificateChunk,
    maxBytes: MAX_CERTIFICATE_BYTES,
    lengthOf: derLength,
  });

  const answer = await channel.send(verifyPin(profile.pinReference, pinData)).finally(() => pinData.fill(0));
  const status = interpretStatus(answer.sw);
  if (status.kind === 'wrong-pin') throw new WrongPinError(status.triesLeft);
  if (status.kind === 'pin-blocked') throw new PinBlockedError();
  if (status.kind !== 'ok') throw new CardStatusError('verifying the PIN', answer.sw);

  await channel.expectOk(profile.securityEnvironment, 'setting the security environment');
  const signature = await channel.expectOk(profile.sign(sha256DigestInfo(challenge)), 'signing');
  // Checked here so that a card answering garbage is "unreadable" at the kiosk, not a failed login.
  if (!verifiesWith(certificate, challenge, signature)) {
    throw new CardBadResponseError('the card signature does not verify with its certificate');
  }
  return { certificate, signature };
}

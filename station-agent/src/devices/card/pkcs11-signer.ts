// Strong authentication with a real card through its PKCS#11 module: OpenSC's for the CNS / Tessera Sanitaria,
// the CIE middleware's for the CIE. The module's calls block, so one signature runs in a worker thread.
import { X509Certificate, createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import {
  CardBadResponseError,
  CardBusyError,
  CardError,
  CardMuteError,
  CardRemovedError,
  InvalidPinError,
  NoCardDriverError,
  NoCardError,
  PinBlockedError,
  UnsupportedCardError,
  WrongPinError,
  type CardFailureCode,
} from './card-errors.ts';
import { COMPILED } from '../../install-paths.ts';
import { sha256DigestInfo, type CardSignature } from './card-signature.ts';

// PKCS#11 2.40 constants (pkcs11t.h); the binding is optional, so they are not taken from it.
const CKF_SERIAL_SESSION = 0x4;
const CKU_USER = 1;
const CKA_CLASS = 0x0;
const CKA_VALUE = 0x11;
const CKA_CERTIFICATE_TYPE = 0x80;
const CKA_KEY_TYPE = 0x100;
const CKA_ID = 0x102;
const CKO_CERTIFICATE = 1;
const CKO_PRIVATE_KEY = 3;
const CKC_X_509 = 0;
const CKK_RSA = 0;
const CKK_EC = 3;
const CKM_RSA_PKCS = 0x1;
const CKM_SHA256_RSA_PKCS = 0x40;
const CKM_ECDSA = 0x1041;
const CKF_USER_PIN_COUNT_LOW = 0x10000;
const CKF_USER_PIN_FINAL_TRY = 0x20000;
const CKF_USER_PIN_LOCKED = 0x40000;
const CKR_DEVICE_REMOVED = 0x32;
const CKR_PIN_INCORRECT = 0xa0;
const CKR_PIN_INVALID = 0xa1;
const CKR_PIN_LEN_RANGE = 0xa2;
const CKR_PIN_LOCKED = 0xa4;
const CKR_TOKEN_NOT_PRESENT = 0xe0;
const CKR_TOKEN_NOT_RECOGNIZED = 0xe1;

// RSA 4096 and P-521 signatures fit.
const MAX_SIGNATURE_BYTES = 1024;

export interface Pkcs11Attribute {
  type: number;
  value?: number | boolean | string | Buffer;
}

/** The part of pkcs11js's PKCS11 class used here. Handles are Buffers; attribute values come back raw. */
export interface Pkcs11Api {
  load(module: string): void;
  close(): void;
  C_Initialize(): void;
  C_Finalize(): void;
  C_GetSlotList(tokenPresent: boolean): Buffer[];
  C_GetSlotInfo(slot: Buffer): { slotDescription: string };
  C_GetTokenInfo(slot: Buffer): { label: string; flags: number; minPinLen: number; maxPinLen: number };
  C_GetMechanismList(slot: Buffer): number[];
  C_OpenSession(slot: Buffer, flags: number): Buffer;
  C_CloseSession(session: Buffer): void;
  C_Login(session: Buffer, userType: number, pin: string): void;
  C_Logout(session: Buffer): void;
  C_FindObjectsInit(session: Buffer, template: Pkcs11Attribute[]): void;
  C_FindObjects(session: Buffer, maxObjectCount: number): Buffer[];
  C_FindObjectsFinal(session: Buffer): void;
  C_GetAttributeValue(session: Buffer, object: Buffer, template: Pkcs11Attribute[]): { value: Buffer }[];
  C_SignInit(session: Buffer, mechanism: { mechanism: number }, key: Buffer): void;
  C_Sign(session: Buffer, data: Buffer, signature: Buffer): Buffer;
}

export interface Pkcs11Request {
  module: string;
  slot?: string;
  pin: string;
  challenge: Uint8Array;
}

/** What the worker posts back: a CardError travels as its code, since classes do not cross threads. */
export type Pkcs11Outcome =
  | { ok: true; certificate: Uint8Array; signature: Uint8Array }
  | { ok: false; code: CardFailureCode; message: string; triesLeft?: number };

/**
 * A refused PIN as the token's flags tell it after C_Login. CNS and CIE PINs allow 3 tries, so "count low"
 * means 2 left. A token that does not count gives 1: the kiosk then warns that the next wrong PIN may block
 * the card, rather than promise a try that may not be there.
 */
export function wrongPinError(tokenFlags: number): CardError {
  if (tokenFlags & CKF_USER_PIN_LOCKED) return new PinBlockedError();
  if (tokenFlags & CKF_USER_PIN_FINAL_TRY) return new WrongPinError(1);
  if (tokenFlags & CKF_USER_PIN_COUNT_LOW) return new WrongPinError(2);
  return new WrongPinError(1);
}

/** A pkcs11js error (its `code` is the CKR_* value) as the card layer's typed failure. */
export function cardErrorFromPkcs11(error: unknown, step: string): CardError {
  const message = `${step}: ${error instanceof Error ? error.message : String(error)}`;
  switch ((error as { code?: unknown }).code) {
    case CKR_PIN_LOCKED:
      return new PinBlockedError();
    case CKR_PIN_INVALID:
    case CKR_PIN_LEN_RANGE:
      return new InvalidPinError('the card does not accept a PIN of this form');
    case CKR_TOKEN_NOT_PRESENT:
      return new NoCardError(message);
    case CKR_DEVICE_REMOVED:
      return new CardRemovedError(message);
    case CKR_TOKEN_NOT_RECOGNIZED:
      return new UnsupportedCardError(message);
    default:
      return new CardBadResponseError(message);
  }
}

function findObjects(pkcs11: Pkcs11Api, session: Buffer, template: Pkcs11Attribute[]): Buffer[] {
  pkcs11.C_FindObjectsInit(session, template);
  try {
    return pkcs11.C_FindObjects(session, 32);
  } finally {
    pkcs11.C_FindObjectsFinal(session);
  }
}

interface CardCertificate {
  id: Buffer;
  der: Buffer;
}

/** The card's end-entity X.509 certificates; public objects, as on CNS and CIE, readable before the PIN. */
function certificatesOn(pkcs11: Pkcs11Api, session: Buffer): CardCertificate[] {
  const found = findObjects(pkcs11, session, [
    { type: CKA_CLASS, value: CKO_CERTIFICATE },
    { type: CKA_CERTIFICATE_TYPE, value: CKC_X_509 },
  ]);
  return found
    .map((object) => {
      const [id, der] = pkcs11.C_GetAttributeValue(session, object, [{ type: CKA_ID }, { type: CKA_VALUE }]);
      return { id: Buffer.from(id!.value), der: Buffer.from(der!.value) };
    })
    .filter(({ der }) => {
      try {
        return !new X509Certificate(der).ca;
      } catch {
        return false;
      }
    });
}

function slotMatches(pkcs11: Pkcs11Api, slot: Buffer, wanted: string): boolean {
  return (
    pkcs11.C_GetSlotInfo(slot).slotDescription.includes(wanted) ||
    pkcs11.C_GetTokenInfo(slot).label.includes(wanted)
  );
}

function login(pkcs11: Pkcs11Api, slot: Buffer, session: Buffer, pin: string): void {
  const token = pkcs11.C_GetTokenInfo(slot);
  if (token.flags & CKF_USER_PIN_LOCKED) throw new PinBlockedError();
  // Refused here, so that a PIN the token cannot take does not cost a try.
  if (pin.length < token.minPinLen || (token.maxPinLen > 0 && pin.length > token.maxPinLen)) {
    throw new InvalidPinError(`the PIN must be ${token.minPinLen} to ${token.maxPinLen} characters`);
  }
  try {
    pkcs11.C_Login(session, CKU_USER, pin);
  } catch (error) {
    if ((error as { code?: unknown }).code !== CKR_PIN_INCORRECT) throw error;
    throw wrongPinError(pkcs11.C_GetTokenInfo(slot).flags);
  }
}

// A CK_ULONG attribute as the module stores it: in the host's byte order, little-endian on x86-64 and arm64.
function ulong(value: Buffer): number {
  return value.readUIntLE(0, Math.min(value.length, 6));
}

function sign(pkcs11: Pkcs11Api, slot: Buffer, session: Buffer, key: Buffer, challenge: Buffer): Buffer {
  const keyType = ulong(pkcs11.C_GetAttributeValue(session, key, [{ type: CKA_KEY_TYPE }])[0]!.value);
  let mechanism: number;
  let data: Buffer;
  if (keyType === CKK_EC) {
    // CKM_ECDSA signs a digest and gives r||s, which the server takes as it is.
    mechanism = CKM_ECDSA;
    data = createHash('sha256').update(challenge).digest();
  } else if (keyType === CKK_RSA) {
    // A module without the hashing mechanism still signs a DigestInfo built here: the same signature.
    const hashing = pkcs11.C_GetMechanismList(slot).includes(CKM_SHA256_RSA_PKCS);
    mechanism = hashing ? CKM_SHA256_RSA_PKCS : CKM_RSA_PKCS;
    data = hashing ? challenge : sha256DigestInfo(challenge);
  } else {
    throw new UnsupportedCardError(
      `the card's authentication key is neither RSA nor EC (key type ${keyType})`,
    );
  }
  pkcs11.C_SignInit(session, { mechanism }, key);
  return Buffer.from(pkcs11.C_Sign(session, data, Buffer.alloc(MAX_SIGNATURE_BYTES)));
}

/**
 * The whole PKCS#11 exchange for one signature, synchronous: load the module, find the slot whose token has a
 * certificate, log in with `pin`, sign with the private key of the certificate's CKA_ID; then log out, close
 * and finalise whatever happened. Throws a CardError.
 */
export function signInModule(pkcs11: Pkcs11Api, request: Pkcs11Request): CardSignature {
  try {
    pkcs11.load(request.module);
  } catch (error) {
    throw new NoCardDriverError(
      `the PKCS#11 module ${request.module} cannot be loaded: ${(error as Error).message}`,
    );
  }
  const undo: (() => void)[] = [() => pkcs11.close()];
  let step = 'initialising the PKCS#11 module';
  try {
    pkcs11.C_Initialize();
    undo.push(() => pkcs11.C_Finalize());

    step = 'looking for the card';
    const wanted = request.slot;
    const slots = pkcs11.C_GetSlotList(true).filter((slot) => !wanted || slotMatches(pkcs11, slot, wanted));
    if (slots.length === 0) throw new NoCardError();
    // OpenSC may show a card as several slots (one per PIN): the one with the certificate is the one.
    let found: { slot: Buffer; session: Buffer; certificates: CardCertificate[] } | undefined;
    for (const slot of slots) {
      const session = pkcs11.C_OpenSession(slot, CKF_SERIAL_SESSION);
      undo.push(() => pkcs11.C_CloseSession(session));
      const certificates = certificatesOn(pkcs11, session);
      if (certificates.length > 0) {
        found = { slot, session, certificates };
        break;
      }
    }
    if (!found) throw new UnsupportedCardError('the card shows no certificate to authenticate with');
    const { slot, session, certificates } = found;

    step = 'verifying the PIN';
    login(pkcs11, slot, session, request.pin);
    undo.push(() => pkcs11.C_Logout(session));

    step = 'finding the authentication key';
    for (const certificate of certificates) {
      const [key] = findObjects(pkcs11, session, [
        { type: CKA_CLASS, value: CKO_PRIVATE_KEY },
        { type: CKA_ID, value: certificate.id },
      ]);
      if (!key) continue;
      step = 'signing';
      return {
        certificate: certificate.der,
        signature: sign(pkcs11, slot, session, key, Buffer.from(request.challenge)),
      };
    }
    throw new UnsupportedCardError('the card has no private key for its certificate');
  } catch (error) {
    throw error instanceof CardError ? error : cardErrorFromPkcs11(error, step);
  } finally {
    for (const cleanup of undo.reverse()) {
      try {
        cleanup();
      } catch {
        // A card pulled out makes logout and close fail too; the failure that matters is already thrown.
      }
    }
  }
}

/** What the worker posts for `run`: its signature, or the CardError it threw. */
export function outcomeOf(run: () => CardSignature): Pkcs11Outcome {
  try {
    return { ok: true, ...run() };
  } catch (error) {
    if (!(error instanceof CardError)) throw error;
    const outcome: Pkcs11Outcome = { ok: false, code: error.code, message: error.message };
    if (error instanceof WrongPinError) outcome.triesLeft = error.triesLeft;
    return outcome;
  }
}

function errorOf(outcome: Pkcs11Outcome & { ok: false }): CardError {
  switch (outcome.code) {
    case 'wrong-pin':
      return new WrongPinError(outcome.triesLeft ?? 1);
    case 'pin-blocked':
      return new PinBlockedError(outcome.message);
    case 'invalid-pin':
      return new InvalidPinError(outcome.message);
    case 'no-card':
      return new NoCardError(outcome.message);
    case 'removed-during-read':
      return new CardRemovedError(outcome.message);
    case 'unsupported-card':
      return new UnsupportedCardError(outcome.message);
    case 'no-driver':
      return new NoCardDriverError(outcome.message);
    default:
      return new CardBadResponseError(outcome.message);
  }
}

// Node 20 does not run a TypeScript file as a worker, even under `--import tsx`: the worker registers tsx first.
// Compiled, the worker is its own bundle beside the agent's (station-agent/dist/pkcs11-worker.js).
function workerSource(): string {
  if (COMPILED) return `import(${JSON.stringify(new URL('pkcs11-worker.js', import.meta.url).href)});`;
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./pkcs11-worker.ts', import.meta.url).href);
  return `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
}

// One signature at a time in the process: a module is initialised once per process, and a worker may outlive
// its caller's wait (timeout, abort) until the module returns.
let moduleInUse: Promise<unknown> | null = null;

export interface Pkcs11SignerOptions {
  /** The card middleware's PKCS#11 module (.so). */
  module: string;
  /** Only a slot whose description or token label contains this; with OpenSC the description is the reader's name. */
  slot?: string;
  /** How long one signature, PIN check included, may take before the module counts as mute. Default 30 s. */
  timeoutMs?: number;
}

export class Pkcs11Signer {
  constructor(private readonly options: Pkcs11SignerOptions) {}

  /**
   * Signs `challenge` (the server's) with the card's authentication key after the card checks `pin`. Rejects
   * with a CardError: WrongPinError, PinBlockedError, InvalidPinError, NoCardError, UnsupportedCardError,
   * NoCardDriverError (no binding, or the module does not load), CardMuteError on timeout, CardBusyError while
   * a previous signature still runs in the module.
   */
  signChallenge(pin: string, challenge: Buffer): Promise<CardSignature> {
    if (challenge.length < 16 || challenge.length > 1024) {
      return Promise.reject(new RangeError('the challenge must be 16..1024 bytes'));
    }
    if (moduleInUse) {
      return Promise.reject(
        new CardBusyError('the PKCS#11 module is still busy with the previous signature'),
      );
    }
    const request: Pkcs11Request = { module: this.options.module, pin, challenge };
    if (this.options.slot) request.slot = this.options.slot;
    const worker = new Worker(workerSource(), { eval: true, workerData: request });
    const outcome = new Promise<Pkcs11Outcome>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the PKCS#11 worker stopped (exit code ${code})`)));
    });
    // The module is free once the worker answers: it has logged out and finalised by then.
    const inUse = outcome.catch(() => undefined);
    moduleInUse = inUse;
    void inUse.then(() => {
      if (moduleInUse === inUse) moduleInUse = null;
    });

    const timeoutMs = this.options.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CardMuteError(`the PKCS#11 module did not answer in ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    return Promise.race([outcome, timedOut])
      .then((result) => {
        if (!result.ok) throw errorOf(result);
        return { certificate: Buffer.from(result.certificate), signature: Buffer.from(result.signature) };
      })
      .finally(() => clearTimeout(timer));
  }
}

// The card reader of a real station: PC/SC through the optional `pcsclite` binding, imported lazily. Without
// the binding, or without pcscd, the state is 'no-driver' and nothing blocks: the socket is checked before the
// binding is asked, because pcsclite throws and other bindings spin at 100% CPU when pcscd is missing
// (TECH-NOTES §1). Readers come and go, cards are inserted and removed, as the binding's events say.
//
// signChallenge goes through the card middleware's PKCS#11 module (pkcs11-signer.ts) when the config names
// one: OpenSC's for the CNS, the CIE middleware's for the CIE, which also does the secure messaging and device
// authentication that must not be re-implemented here. Without a module it rejects with NotSupportedHereError;
// the APDU-level signature only exists on the virtual cards.
import type { CardData, ReaderState } from '@sportello/protocol';
import { existsSync } from 'node:fs';
import { oneAtATime, type CardTransport } from './card-channel.ts';
import {
  CardBadResponseError,
  CardBusyError,
  CardMuteError,
  CardRemovedError,
  NoCardDriverError,
  NotSupportedHereError,
  type CardError,
} from './card-errors.ts';
import { CardReaderCore, untilAborted, type InsertedCard } from './card-reader-core.ts';
import type { CardOperationOptions, CardReader, CardReaderEvent, CardSignature } from './card-reader.ts';
import { Pkcs11Signer } from './pkcs11-signer.ts';

type Callback<T> = (error: Error | null | undefined, value: T) => void;

/** The part of a pcsclite 1.x reader this class uses. */
export interface PcscReaderHandle {
  readonly name: string;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_LEAVE_CARD: number;
  on(event: 'status', listener: (status: { state: number; atr?: Buffer }) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  connect(options: { share_mode: number; protocol: number }, callback: Callback<number>): void;
  disconnect(disposition: number, callback: (error?: Error | null) => void): void;
  transmit(data: Buffer, responseLength: number, protocol: number, callback: Callback<Buffer>): void;
  close(): void;
}

/** The part of a pcsclite 1.x context this class uses. */
export interface PcscContext {
  on(event: 'reader', listener: (reader: PcscReaderHandle) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

/** pcsclite's default export: establishes a context, and throws when pcscd does not answer. */
export type PcscBinding = () => PcscContext;

export interface PcscCardReaderOptions {
  /** Only readers whose PC/SC name contains this; all by default (a dual-interface reader shows two). */
  readerName?: string;
  /** How long one APDU may take before the card counts as mute. Default 10 s (a signature takes a while). */
  transmitTimeoutMs?: number;
  /** pcscd's socket. Default: $PCSCLITE_CSOCK_NAME, else /run/pcscd/pcscd.comm. */
  socketPath?: string;
  /** While pcscd is missing or failed, look again this often. Default 5 s. */
  retryMs?: number;
  /** How the binding is loaded; tests give a fake one. */
  loadBinding?: () => Promise<PcscBinding>;
  /** The card middleware's PKCS#11 module, for signChallenge; without it signChallenge is not supported. */
  pkcs11Module?: string;
}

const NOT_SUPPORTED_HERE_MESSAGE =
  'strong authentication with a real card goes through PKCS#11 (OpenSC for the CNS, the CIE middleware for ' +
  'the CIE), and this station configures no PKCS#11 module';

// Short APDUs only: at most 256 data bytes and SW1 SW2 come back.
const MAX_RESPONSE = 258;

async function loadPcsclite(): Promise<PcscBinding> {
  // A specifier in a variable: the package is optional and untyped, so tsc must not try to resolve it.
  const name = 'pcsclite';
  const loaded = (await import(name)) as { default?: unknown };
  const binding = loaded.default ?? loaded;
  if (typeof binding !== 'function') throw new Error('pcsclite does not export its factory');
  return binding as PcscBinding;
}

/** The SCARD_* code in a pcsclite error message. */
export function pcscErrorCode(error: Error): number | undefined {
  const hex = /\(0x([0-9a-f]{8})\)/i.exec(error.message);
  if (hex) return parseInt(hex[1]!, 16);
  // On Linux pcsclite prints the code in decimal after "0x" (its format is "%.8ux").
  const decimal = /\(0x(\d{10})x\)/.exec(error.message);
  return decimal ? Number(decimal[1]) : undefined;
}

export function cardErrorFromPcsc(error: Error, step: string): CardError {
  const message = `${step}: ${error.message}`;
  switch (pcscErrorCode(error)) {
    case 0x80100069: // SCARD_W_REMOVED_CARD
    case 0x8010000c: // SCARD_E_NO_SMARTCARD
    case 0x80100017: // SCARD_E_READER_UNAVAILABLE
    case 0x80100009: // SCARD_E_UNKNOWN_READER
      return new CardRemovedError(message);
    case 0x80100066: // SCARD_W_UNRESPONSIVE_CARD
    case 0x80100067: // SCARD_W_UNPOWERED_CARD
    case 0x80100016: // SCARD_E_NOT_TRANSACTED
    case 0x8010000a: // SCARD_E_TIMEOUT
      return new CardMuteError(message);
    case 0x8010000b: // SCARD_E_SHARING_VIOLATION: another program holds the card exclusively
      return new CardBusyError(message);
    case 0x8010001d: // SCARD_E_NO_SERVICE
    case 0x8010001e: // SCARD_E_SERVICE_STOPPED
      return new NoCardDriverError(message);
    default:
      return new CardBadResponseError(message);
  }
}

interface Slot {
  readonly handle: PcscReaderHandle;
  present: boolean;
  mute: boolean;
  atr: Buffer;
  transport: Promise<CardTransport> | null;
  /** Settles when the last disconnect did: pcsclite ignores a connect while it still counts as connected. */
  released: Promise<void>;
}

export class PcscCardReader implements CardReader {
  private readonly core: CardReaderCore;
  private readonly socketPath: string;
  private readonly retryMs: number;
  private binding: PcscBinding | null = null;
  private context: PcscContext | null = null;
  private readonly slots = new Map<string, Slot>();
  private active: Slot | null = null;
  private opened = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly signer: Pkcs11Signer | null;

  constructor(private readonly options: PcscCardReaderOptions = {}) {
    this.core = new CardReaderCore(options.transmitTimeoutMs ?? 10_000);
    this.socketPath = options.socketPath ?? process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
    this.retryMs = options.retryMs ?? 5000;
    // With OpenSC a slot's description is the PC/SC reader's name, so readerName picks the slot as well.
    this.signer = options.pkcs11Module
      ? new Pkcs11Signer({ module: options.pkcs11Module, slot: options.readerName })
      : null;
  }

  get state(): ReaderState {
    return this.core.state;
  }

  get cardPresent(): boolean {
    return this.core.cardPresent;
  }

  subscribe(listener: (event: CardReaderEvent) => void): () => void {
    return this.core.subscribe(listener);
  }

  /** Resolves at once with 'no-driver' or 'absent'; 'ok' follows when pcscd lists a reader. */
  async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    try {
      this.binding = await (this.options.loadBinding ?? loadPcsclite)();
    } catch {
      this.core.setState(
        'no-driver',
        'no PC/SC binding: the optional package pcsclite is not installed (building it needs libpcsclite-dev)',
      );
      return;
    }
    this.start();
  }

  async close(): Promise<void> {
    this.opened = false;
    clearTimeout(this.retryTimer);
    this.core.cancel('the card reader was closed');
    this.dropContext();
  }

  readCard(options?: CardOperationOptions): Promise<CardData> {
    return this.core.readCard(options);
  }

  /** Through the PKCS#11 module, as one operation of this reader: removal, close and abort end the wait. */
  async signChallenge(
    pin: string,
    challenge: Buffer,
    options?: CardOperationOptions,
  ): Promise<CardSignature> {
    const signer = this.signer;
    if (!signer) throw new NotSupportedHereError(NOT_SUPPORTED_HERE_MESSAGE);
    return this.core.exclusive(options?.signal, async (_card, signal) => {
      // The middleware opens its own PC/SC connection to the card; ours goes first, in case it wants the card alone.
      const slot = this.active;
      if (slot) {
        this.release(slot);
        await slot.released;
      }
      return untilAborted(signer.signChallenge(pin, challenge), signal);
    });
  }

  private start(): void {
    if (!this.opened || !this.binding) return;
    if (!existsSync(this.socketPath)) {
      this.core.setState('no-driver', `pcscd is not running (no ${this.socketPath})`);
      this.retryLater();
      return;
    }
    let context: PcscContext;
    try {
      context = this.binding();
    } catch (error) {
      this.core.setState('no-driver', `pcscd does not answer: ${(error as Error).message}`);
      this.retryLater();
      return;
    }
    this.context = context;
    this.core.setState(this.slots.size > 0 ? 'ok' : 'absent');
    context.on('reader', (handle) => {
      if (this.context === context) this.attach(handle);
    });
    context.on('error', (error) => {
      if (this.context === context) this.fail(error);
    });
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.start(), this.retryMs);
    // Waiting for pcscd must not keep the process alive.
    this.retryTimer.unref();
  }

  /** pcscd stopped or failed: forget every reader, say why, and look again later. */
  private fail(error: Error): void {
    this.dropContext();
    if (existsSync(this.socketPath)) this.core.setState('error', error.message);
    else this.core.setState('no-driver', `pcscd stopped (no ${this.socketPath})`);
    this.retryLater();
  }

  private dropContext(): void {
    const context = this.context;
    this.context = null;
    for (const slot of this.slots.values()) {
      this.release(slot);
      try {
        slot.handle.close();
      } catch {
        // Already closed by the binding when the reader went away.
      }
    }
    this.slots.clear();
    this.active = null;
    this.core.cardGone();
    // Not from inside the binding's own callback: its close joins the thread that called us.
    if (context) setImmediate(() => context.close());
  }

  private attach(handle: PcscReaderHandle): void {
    if (this.options.readerName && !handle.name.includes(this.options.readerName)) return;
    const slot: Slot = {
      handle,
      present: false,
      mute: false,
      atr: Buffer.alloc(0),
      transport: null,
      released: Promise.resolve(),
    };
    this.slots.set(handle.name, slot);
    handle.on('status', (status) => this.onStatus(slot, status));
    handle.on('end', () => this.detach(slot));
    handle.on('error', (error) => {
      if (this.slots.get(handle.name) === slot) this.core.setState('error', error.message);
    });
    this.core.setState('ok');
  }

  private onStatus(slot: Slot, status: { state: number; atr?: Buffer }): void {
    if (this.slots.get(slot.handle.name) !== slot) return;
    this.core.setState('ok');
    const present = (status.state & slot.handle.SCARD_STATE_PRESENT) !== 0;
    // A different ATR while present is another card, swapped between two events.
    const swapped = present && status.atr !== undefined && !status.atr.equals(slot.atr);
    if (slot.present && (!present || swapped)) this.cardOut(slot);
    if (present && !slot.present) {
      slot.present = true;
      slot.atr = status.atr ?? Buffer.alloc(0);
      slot.mute = (status.state & slot.handle.SCARD_STATE_MUTE) !== 0;
      if (!this.active) this.activate(slot);
    }
  }

  private detach(slot: Slot): void {
    if (this.slots.get(slot.handle.name) !== slot) return;
    if (slot.present) this.cardOut(slot);
    this.slots.delete(slot.handle.name);
    if (this.slots.size === 0) this.core.setState('absent');
  }

  private cardOut(slot: Slot): void {
    slot.present = false;
    this.release(slot);
    if (this.active !== slot) return;
    this.active = null;
    this.core.cardGone();
    // The other slot of a dual-interface reader may hold a card too.
    const other = [...this.slots.values()].find((s) => s.present);
    if (other) this.activate(other);
  }

  private activate(slot: Slot): void {
    this.active = slot;
    const card: InsertedCard = { atr: slot.atr, connect: () => this.connect(slot) };
    this.core.cardInserted(card);
  }

  private connect(slot: Slot): Promise<CardTransport> {
    if (slot.mute) return Promise.reject(new CardMuteError('the reader reports the card mute'));
    if (!slot.transport) {
      const { handle } = slot;
      const connecting = slot.released.then(
        () =>
          new Promise<CardTransport>((resolve, reject) => {
            const options = {
              share_mode: handle.SCARD_SHARE_SHARED,
              protocol: handle.SCARD_PROTOCOL_T0 | handle.SCARD_PROTOCOL_T1,
            };
            handle.connect(options, (error, protocol) => {
              if (error) return reject(cardErrorFromPcsc(error, 'connecting to the card'));
              resolve(oneAtATime((apdu) => this.transmit(slot, protocol, apdu)));
            });
          }),
      );
      slot.transport = connecting;
      // A failed connect is tried again by the next operation.
      connecting.catch(() => {
        if (slot.transport === connecting) slot.transport = null;
      });
    }
    return slot.transport;
  }

  private transmit(slot: Slot, protocol: number, apdu: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      slot.handle.transmit(apdu, MAX_RESPONSE, protocol, (error, response) => {
        if (!error) return resolve(response);
        // Whatever went wrong (removed, reset by another program), the next operation connects afresh.
        this.release(slot);
        reject(cardErrorFromPcsc(error, 'transmitting to the card'));
      });
    });
  }

  private release(slot: Slot): void {
    if (!slot.transport) return;
    slot.transport = null;
    slot.released = new Promise((resolve) => {
      try {
        slot.handle.disconnect(slot.handle.SCARD_LEAVE_CARD, () => resolve());
      } catch {
        resolve();
      }
    });
  }
}

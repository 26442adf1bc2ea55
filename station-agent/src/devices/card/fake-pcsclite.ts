// A stand-in for the pcsclite binding backed by virtual cards, as serialport's binding-mock is for serial
// ports: the PC/SC reader's own code (events, connect, transmit, error mapping) runs in tests without pcscd.
import { EventEmitter } from 'node:events';
import type { PcscBinding, PcscContext, PcscReaderHandle } from './pcsc-card-reader.ts';
import type { VirtualCard } from './virtual-cards.ts';

type Callback<T> = (error: Error | null | undefined, value: T) => void;

// The messages pcsclite builds from pcsc_stringify_error and the SCARD_* code.
const REMOVED = 'Card was removed.(0x80100069)';
const NO_CARD = 'No smart card inserted.(0x8010000c)';

export class FakePcscReader extends EventEmitter implements PcscReaderHandle {
  readonly SCARD_STATE_EMPTY = 0x10;
  readonly SCARD_STATE_PRESENT = 0x20;
  readonly SCARD_STATE_MUTE = 0x200;
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_LEAVE_CARD = 0;
  closed = false;
  private card: VirtualCard | null = null;
  private connected = false;
  private apdusBeforeRemoval: number | null = null;
  private readonly waiting = new Set<Callback<Buffer>>();

  constructor(readonly name: string) {
    super();
  }

  /** What a status event carries now. */
  status(): { state: number; atr?: Buffer } {
    return this.card
      ? { state: this.SCARD_STATE_PRESENT, atr: this.card.atr }
      : { state: this.SCARD_STATE_EMPTY };
  }

  insert(card: VirtualCard): void {
    this.remove();
    card.reset();
    this.card = card;
    this.emit('status', this.status());
  }

  remove(): void {
    if (!this.card) return;
    this.card = null;
    this.connected = false;
    this.apdusBeforeRemoval = null;
    for (const callback of [...this.waiting]) {
      this.waiting.delete(callback);
      callback(new Error(`SCardTransmit error: ${REMOVED}`), Buffer.alloc(0));
    }
    this.emit('status', this.status());
  }

  removeAfter(answered: number): void {
    this.apdusBeforeRemoval = answered;
  }

  connect(_options: { share_mode: number; protocol: number }, callback: Callback<number>): void {
    setImmediate(() => {
      if (!this.card) return callback(new Error(`SCardConnect error: ${NO_CARD}`), 0);
      this.connected = true;
      callback(null, this.SCARD_PROTOCOL_T1);
    });
  }

  disconnect(_disposition: number, callback: (error?: Error | null) => void): void {
    this.connected = false;
    setImmediate(() => callback(null));
  }

  transmit(data: Buffer, _length: number, _protocol: number, callback: Callback<Buffer>): void {
    if (this.apdusBeforeRemoval === 0) this.remove();
    const card = this.card;
    if (!card || !this.connected) {
      const message = card ? 'Card Reader not connected' : `SCardTransmit error: ${REMOVED}`;
      setImmediate(() => callback(new Error(message), Buffer.alloc(0)));
      return;
    }
    if (this.apdusBeforeRemoval !== null) this.apdusBeforeRemoval -= 1;
    this.waiting.add(callback);
    setImmediate(() => {
      if (!this.waiting.has(callback)) return;
      const answer = card.respond(data);
      if (answer === null) return;
      this.waiting.delete(callback);
      callback(null, answer);
    });
  }

  close(): void {
    this.closed = true;
  }
}

export class FakePcscContext extends EventEmitter implements PcscContext {
  closed = false;

  close(): void {
    this.closed = true;
  }
}

export class FakePcsc {
  /** While false, establishing a context throws as pcsclite does without pcscd. */
  serviceRunning = true;
  /** Every context established, in order. */
  readonly contexts: FakePcscContext[] = [];
  private context: FakePcscContext | null = null;
  private readonly readers = new Map<string, FakePcscReader>();

  readonly binding: PcscBinding = () => {
    if (!this.serviceRunning) {
      throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
    }
    const context = new FakePcscContext();
    this.contexts.push(context);
    this.context = context;
    // pcsclite lists the readers already there on its next tick.
    setImmediate(() => {
      for (const reader of this.readers.values()) this.announce(context, reader);
    });
    return context;
  };

  reader(name: string): FakePcscReader | undefined {
    return this.readers.get(name);
  }

  /** Plugs a reader in; it is announced to the current context, if any. */
  attach(name: string): FakePcscReader {
    const reader = new FakePcscReader(name);
    this.readers.set(name, reader);
    if (this.context) this.announce(this.context, reader);
    return reader;
  }

  /** Unplugs a reader, with its card. */
  detach(name: string): void {
    const reader = this.readers.get(name);
    if (!reader) return;
    this.readers.delete(name);
    reader.remove();
    reader.emit('end');
  }

  /** pcscd stops: the context reports its error, as pcsclite does when SCardListReaders fails. */
  stopService(): void {
    this.serviceRunning = false;
    this.context?.emit('error', new Error('SCardListReaders error: Service was stopped.(0x8010001e)'));
    this.context = null;
  }

  private announce(context: FakePcscContext, reader: FakePcscReader): void {
    context.emit('reader', reader);
    setImmediate(() => reader.emit('status', reader.status()));
  }
}

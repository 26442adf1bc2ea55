// The simulated card reader: the same CardReader over virtual cards, with the controls tests and the demo
// need — insert and remove a card, unplug the reader, a card that stops answering, a card pulled out mid-read.
import type { CardData, ReaderState } from '@sportello/protocol';
import { oneAtATime } from './card-channel.ts';
import { CardRemovedError } from './card-errors.ts';
import { CardReaderCore, type InsertedCard } from './card-reader-core.ts';
import type { CardOperationOptions, CardReader, CardReaderEvent, CardSignature } from './card-reader.ts';
import type { VirtualCard } from './virtual-cards.ts';

const MAX_LOGGED_APDUS = 500;

export interface SimulatedCardReaderOptions {
  /** How long one APDU may take before the card counts as mute. Default 3 s. */
  transmitTimeoutMs?: number;
  /** Delay before each answer, ms. Default 0 (answers still come asynchronously). */
  latencyMs?: number;
  /** Starts with the reader unplugged. */
  unplugged?: boolean;
  /** Behaves as a station without a card driver: state 'no-driver', no card is ever read. */
  noDriver?: boolean;
}

export class SimulatedCardReader implements CardReader {
  private readonly core: CardReaderCore;
  private readonly latencyMs: number;
  private readonly noDriver: boolean;
  private opened = false;
  private present: boolean;
  private card: VirtualCard | null = null;
  private muteNextApdu = false;
  private apdusBeforeRemoval: number | null = null;
  private readonly waiting = new Set<(error: Error) => void>();
  private sent: Buffer[] = [];

  constructor(options: SimulatedCardReaderOptions = {}) {
    this.core = new CardReaderCore(options.transmitTimeoutMs ?? 3000);
    this.latencyMs = options.latencyMs ?? 0;
    this.present = !options.unplugged;
    this.noDriver = options.noDriver ?? false;
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

  async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    if (this.noDriver) {
      this.core.setState('no-driver', 'simulated station without a card driver');
      return;
    }
    this.core.setState(this.present ? 'ok' : 'absent');
    if (this.present && this.card) this.core.cardInserted(this.connection(this.card));
  }

  async close(): Promise<void> {
    this.core.cancel('the card reader was closed');
    this.opened = false;
  }

  readCard(options?: CardOperationOptions): Promise<CardData> {
    return this.core.readCard(options);
  }

  signChallenge(pin: string, challenge: Buffer, options?: CardOperationOptions): Promise<CardSignature> {
    return this.core.signChallenge(pin, challenge, options);
  }

  /** Puts `card` in the reader, taking out the one there; throws while the reader is unplugged. */
  insert(card: VirtualCard): void {
    if (!this.present) throw new Error('the simulated reader is unplugged');
    this.remove();
    card.reset();
    this.card = card;
    if (this.opened && !this.noDriver) this.core.cardInserted(this.connection(card));
  }

  /** Takes the card out; an APDU waiting for its answer fails as on a real reader. */
  remove(): void {
    if (!this.card) return;
    this.card = null;
    this.muteNextApdu = false;
    this.apdusBeforeRemoval = null;
    for (const fail of [...this.waiting]) fail(new CardRemovedError());
    this.core.cardGone();
  }

  /** Unplugs (with the card, if any, coming out first) or plugs the reader back in. */
  setPresent(present: boolean): void {
    if (present === this.present) return;
    if (!present) this.remove();
    this.present = present;
    if (this.opened && !this.noDriver) this.core.setState(present ? 'ok' : 'absent');
  }

  /** The next APDU gets no answer, as from a card that stopped talking. */
  muteNext(): void {
    this.muteNextApdu = true;
  }

  /** The card is pulled out as the APDU after the next `answered` ones is sent. */
  removeAfter(answered: number): void {
    this.apdusBeforeRemoval = answered;
  }

  /** The APDUs sent since the last call (the last 500 at most), byte for byte. */
  takeSentApdus(): Buffer[] {
    const sent = this.sent;
    this.sent = [];
    return sent;
  }

  private connection(card: VirtualCard): InsertedCard {
    const transport = oneAtATime((apdu) => this.transmit(card, apdu));
    return { atr: card.atr, connect: async () => transport };
  }

  private transmit(card: VirtualCard, apdu: Buffer): Promise<Buffer> {
    // Bounded, as a demo agent runs for days; PINs land here too, which only a simulator may allow.
    if (this.sent.length >= MAX_LOGGED_APDUS) this.sent.shift();
    this.sent.push(Buffer.from(apdu));
    if (this.apdusBeforeRemoval === 0) this.remove();
    if (this.card !== card) return Promise.reject(new CardRemovedError());
    if (this.apdusBeforeRemoval !== null) this.apdusBeforeRemoval -= 1;
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        this.waiting.delete(fail);
        reject(error);
      };
      this.waiting.add(fail);
      if (this.muteNextApdu) {
        this.muteNextApdu = false;
        return;
      }
      setTimeout(() => {
        if (!this.waiting.has(fail)) return;
        const answer = card.respond(apdu);
        // A silent card leaves the APDU waiting until the card is taken out.
        if (answer === null) return;
        this.waiting.delete(fail);
        resolve(answer);
      }, this.latencyMs);
    });
  }
}

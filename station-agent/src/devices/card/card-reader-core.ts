// What every CardReader shares: state and listeners, one operation at a time, cancellation, a card pulled out
// mid-operation, and the APDU sequences run over a CardChannel. Implementations only report what the driver sees.
import type { CardData, ReaderState } from '@sportello/protocol';
import { CardChannel, type CardTransport } from './card-channel.ts';
import {
  CardBusyError,
  CardCancelledError,
  CardRemovedError,
  NoCardDriverError,
  NoCardError,
  NoReaderError,
} from './card-errors.ts';
import { readCardData, type CardOperationOptions, type CardReaderEvent } from './card-reader.ts';
import { signChallengeOnCard, type CardSignature } from './card-signature.ts';

export interface InsertedCard {
  readonly atr: Buffer;
  /** The way to the card, connecting on first use; rejects with a CardError. */
  connect(): Promise<CardTransport>;
}

export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class CardReaderCore {
  private readonly listeners = new Set<(event: CardReaderEvent) => void>();
  private readerState: ReaderState = 'absent';
  private stateReason = '';
  private card: InsertedCard | null = null;
  private operation: AbortController | null = null;

  constructor(private readonly transmitTimeoutMs: number) {}

  get state(): ReaderState {
    return this.readerState;
  }

  get cardPresent(): boolean {
    return this.card !== null;
  }

  subscribe(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Leaving 'ok' takes the card with it, announced first. `reason` explains 'no-driver' and 'error'. */
  setState(state: ReaderState, reason = ''): void {
    this.stateReason = reason;
    if (state === this.readerState) return;
    if (state !== 'ok') this.cardGone();
    this.readerState = state;
    this.emit({ type: 'reader', state });
  }

  cardInserted(card: InsertedCard): void {
    this.cardGone();
    this.card = card;
    this.emit({ type: 'card-inserted', atr: card.atr });
  }

  cardGone(): void {
    if (!this.card) return;
    this.card = null;
    this.operation?.abort(new CardRemovedError());
    this.emit({ type: 'card-removed' });
  }

  cancel(message: string): void {
    this.operation?.abort(new CardCancelledError(message));
  }

  readCard(options?: CardOperationOptions): Promise<CardData> {
    return this.run(options?.signal, (channel, atr) => readCardData(channel, atr));
  }

  signChallenge(pin: string, challenge: Buffer, options?: CardOperationOptions): Promise<CardSignature> {
    return this.run(options?.signal, (channel, atr) => signChallengeOnCard(channel, atr, pin, challenge));
  }

  /**
   * Runs `work` as the one operation on the card in the reader, after the checks every operation makes;
   * `work`'s signal aborts on the caller's abort, on close, and when the card goes.
   */
  async exclusive<T>(
    signal: AbortSignal | undefined,
    work: (card: InsertedCard, operationSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (this.readerState === 'no-driver') throw new NoCardDriverError(this.stateReason || 'no card driver');
    if (this.readerState === 'error') throw new NoReaderError(`the card reader failed: ${this.stateReason}`);
    if (this.readerState !== 'ok') throw new NoReaderError();
    const card = this.card;
    if (!card) throw new NoCardError();
    if (this.operation) throw new CardBusyError();
    if (signal?.aborted) throw new CardCancelledError();

    const operation = new AbortController();
    const onAbort = () => operation.abort(new CardCancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });
    this.operation = operation;
    try {
      return await work(card, operation.signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.operation = null;
    }
  }

  private run<T>(
    signal: AbortSignal | undefined,
    work: (channel: CardChannel, atr: Buffer) => Promise<T>,
  ): Promise<T> {
    return this.exclusive(signal, async (card, operationSignal) => {
      const transport = await untilAborted(card.connect(), operationSignal);
      const channel = new CardChannel(transport, {
        timeoutMs: this.transmitTimeoutMs,
        signal: operationSignal,
      });
      return work(channel, card.atr);
    });
  }

  private emit(event: CardReaderEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

// The byte pipe under a printer (serial port, USB printer device file, TCP 9100), one small interface,
// and the reply reader the bidirectional ones share for DLE EOT answers.
import type { EventEmitter } from 'node:events';

export interface TransportEvents {
  /** The link dropped without close() being called: cable pulled, port gone, peer reset. */
  disconnect: [error: Error];
}

/**
 * Contract:
 * - open() resolves when bytes can be written; rejects with PrinterDisconnectedError when the printer cannot
 *   be reached (no such port or device, connection refused or timed out). Called again after a disconnect.
 * - write() resolves once the last byte has been handed to the OS or driver; rejects with
 *   PrinterDisconnectedError when the link is down or drops during the write.
 * - request() clears stale input, writes, then resolves with exactly `replyLength` bytes, or null when
 *   nothing came within `timeoutMs` (a printer that is off, or a link that carries no answers).
 * - close() is idempotent and never emits 'disconnect'. One caller at a time: the printer queues.
 */
export interface PrinterTransport extends EventEmitter<TransportEvents> {
  /** For logs, e.g. "serial /dev/ttyUSB0". */
  readonly description: string;
  /** Whether the printer's answers come back on this link; without them the printer can only be assumed ok. */
  readonly readsBack: boolean;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  request(bytes: Uint8Array, replyLength: number, timeoutMs: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/** Collects bytes the printer sends and hands them to one waiting request. */
export class ReplyReader {
  #buffer = Buffer.alloc(0);
  #waiter?: { length: number; resolve: (bytes: Uint8Array | null) => void; timer: NodeJS.Timeout };

  push(data: Uint8Array): void {
    this.#buffer = Buffer.concat([this.#buffer, data]);
    const waiter = this.#waiter;
    if (waiter && this.#buffer.length >= waiter.length) this.#settle(this.#take(waiter.length));
  }

  /** Drops what arrived unasked, so a late answer to a timed-out request is not taken for the next one. */
  clear(): void {
    this.#buffer = Buffer.alloc(0);
  }

  read(length: number, timeoutMs: number): Promise<Uint8Array | null> {
    if (this.#buffer.length >= length) return Promise.resolve(this.#take(length));
    this.#settle(null);
    return new Promise((resolve) => {
      this.#waiter = { length, resolve, timer: setTimeout(() => this.#settle(null), timeoutMs) };
    });
  }

  get waiting(): boolean {
    return this.#waiter !== undefined;
  }

  /** Ends a waiting read with null: the link is gone. */
  cancel(): void {
    this.#settle(null);
  }

  #take(length: number): Uint8Array {
    const bytes = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return bytes;
  }

  #settle(bytes: Uint8Array | null): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = undefined;
    clearTimeout(waiter.timer);
    waiter.resolve(bytes);
  }
}

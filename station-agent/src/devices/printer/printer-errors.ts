// Typed printer errors: callers tell apart a printer that cannot print, a dropped link, a full queue,
// an answer that is not a status, a cancelled job and a printer that stopped taking bytes.
import type { PrinterState } from '@sportello/protocol';

export abstract class PrinterError extends Error {
  abstract readonly code: 'not-ready' | 'disconnected' | 'busy' | 'bad-response' | 'cancelled' | 'timeout';
}

/** The printer said it cannot print; nothing was sent. `state` is what it reported before any byte went out. */
export class PrinterNotReadyError extends PrinterError {
  readonly code = 'not-ready';
  constructor(readonly state: PrinterState) {
    super(`printer not ready: ${state}`);
    this.name = 'PrinterNotReadyError';
  }
}

/** The link to the printer is down, or dropped while bytes were going out (part of a ticket may be printed). */
export class PrinterDisconnectedError extends PrinterError {
  readonly code = 'disconnected';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PrinterDisconnectedError';
  }
}

/** Too many prints already waiting: the kiosk should not pile up tickets behind a stuck printer. */
export class PrinterBusyError extends PrinterError {
  readonly code = 'busy';
  constructor(readonly waiting: number) {
    super(`printer busy: ${waiting} prints waiting`);
    this.name = 'PrinterBusyError';
  }
}

/** The printer answered bytes that are not a status (wrong baud rate, not an ESC/POS printer). */
export class PrinterBadResponseError extends PrinterError {
  readonly code = 'bad-response';
  constructor(readonly bytes: Uint8Array) {
    super(`not an ESC/POS status: ${Buffer.from(bytes).toString('hex') || 'nothing'}`);
    this.name = 'PrinterBadResponseError';
  }
}

/** The print was waiting when the printer was stopped; nothing was sent. */
export class PrinterCancelledError extends PrinterError {
  readonly code = 'cancelled';
  constructor() {
    super('print cancelled: printer stopped');
    this.name = 'PrinterCancelledError';
  }
}

/** Bytes stopped going out (flow control held by a jammed printer); part of a ticket may be printed. */
export class PrinterTimeoutError extends PrinterError {
  readonly code = 'timeout';
  constructor(readonly afterMs: number) {
    super(`printer took no bytes for ${afterMs} ms`);
    this.name = 'PrinterTimeoutError';
  }
}

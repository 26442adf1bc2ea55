// The ticket printer as the agent sees it: one Promise interface whatever the link, real or simulated.
// Implementations: EscPosPrinter (any transport), SimulatedPrinter, AbsentPrinter; printer-factory picks one.
import type { EventEmitter } from 'node:events';
import type { PrintReceiptBody, PrintTicketBody, PrinterState } from '@sportello/protocol';

/** Raw ESC/POS bytes, or a document laid out for the printer's paper width. */
export type PrintJob =
  Uint8Array | { type: 'ticket'; body: PrintTicketBody } | { type: 'receipt'; body: PrintReceiptBody };

export interface PrintResult {
  bytes: number;
  /** From the print request to the last byte handed to the OS: queueing and the status check included. */
  elapsedMs: number;
  /** What the printer reported just before printing ('ok' or 'paper-near-end'). */
  state: PrinterState;
}

export interface PrinterEvents {
  /** Every change of state, whether seen by polling, by a print or by the link dropping. */
  state: [state: PrinterState, previous: PrinterState];
}

/**
 * Contract:
 * - start() opens the link and polls the status; it never rejects. An unreachable printer is 'offline' and
 *   the link is retried with backoff until stop(); a printer that comes back is picked up without a restart.
 * - status() asks the printer now (after any print in progress). It resolves with 'offline' when the printer
 *   does not answer or the link is down, and rejects with PrinterBadResponseError when the answer is not
 *   a status (wrong baud rate, not an ESC/POS printer).
 * - print() runs one job at a time, in order. It asks the state first and, if the printer cannot print,
 *   rejects with PrinterNotReadyError carrying that state before any byte is sent, so the kiosk can offer
 *   the number on screen or by SMS. It rejects with PrinterBusyError when too many prints are pending,
 *   PrinterDisconnectedError or PrinterTimeoutError when the link fails mid-job (part of the ticket may be
 *   out), and PrinterCancelledError when stop() comes before the job starts.
 * - stop() cancels waiting jobs, lets the running one finish and closes the link.
 */
export interface Printer extends EventEmitter<PrinterEvents> {
  /** The last known state; 'offline' before start(). */
  readonly state: PrinterState;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): Promise<PrinterState>;
  print(job: PrintJob): Promise<PrintResult>;
  printTicket(body: PrintTicketBody): Promise<PrintResult>;
  printReceipt(body: PrintReceiptBody): Promise<PrintResult>;
}

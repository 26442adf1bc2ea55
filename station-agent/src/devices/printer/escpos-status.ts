// ESC/POS real-time status (DLE EOT n): the requests, and pure parsing of the one-byte answers into a
// PrinterState. Bit layout from the Epson, Bixolon and HPRT manuals (TECH-NOTES §4).
import type { PrinterState } from '@sportello/protocol';
import { PrinterBadResponseError } from './printer-errors.ts';

/** n of DLE EOT n: 1 printer status, 2 offline cause, 4 paper roll sensor. */
export type StatusQuery = 1 | 2 | 4;
export const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 4];

export const statusRequest = (n: StatusQuery): Uint8Array => Uint8Array.of(0x10, 0x04, n);

const OFFLINE = 0x08; // n=1
const COVER_OPEN = 0x04; // n=2
const PAPER_END_STOP = 0x20; // n=2
const ERROR = 0x40; // n=2
const NEAR_END = 0x0c; // n=4
const PAPER_END = 0x60; // n=4

/** Every status byte has bits 1 and 4 set and bits 0 and 7 clear; anything else is not a status. */
export const isStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

export interface StatusReplies {
  printer: number;
  offlineCause: number;
  paperSensor: number;
}

/** The printer's state from its three answers, the most blocking condition first. */
export function parseStatus({ printer, offlineCause, paperSensor }: StatusReplies): PrinterState {
  for (const byte of [printer, offlineCause, paperSensor]) {
    if (!isStatusByte(byte)) throw new PrinterBadResponseError(Uint8Array.of(byte));
  }
  if (offlineCause & COVER_OPEN) return 'cover-open';
  if (offlineCause & PAPER_END_STOP || paperSensor & PAPER_END) return 'paper-out';
  if (printer & OFFLINE || offlineCause & ERROR) return 'offline';
  if (paperSensor & NEAR_END) return 'paper-near-end';
  return 'ok';
}

export interface PrinterCondition {
  paper: 'ok' | 'near-end' | 'out';
  coverOpen: boolean;
}

/** The byte a printer in this condition answers to DLE EOT n: what the simulator sends back. */
export function statusReply(n: StatusQuery, { paper, coverOpen }: PrinterCondition): number {
  const stopped = coverOpen || paper === 'out';
  switch (n) {
    case 1:
      return 0x12 | (stopped ? OFFLINE : 0);
    case 2:
      return 0x12 | (coverOpen ? COVER_OPEN : 0) | (paper === 'out' ? PAPER_END_STOP : 0);
    case 4:
      // The near-end sensor also sees an empty roll.
      return 0x12 | (paper === 'ok' ? 0 : NEAR_END) | (paper === 'out' ? PAPER_END : 0);
  }
}

/** Whether a printer in this state takes a ticket. */
export const canPrint = (state: PrinterState): boolean => state === 'ok' || state === 'paper-near-end';

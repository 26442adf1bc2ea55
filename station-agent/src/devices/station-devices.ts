// The station's devices as the rest of the agent sees them: one facade over reader, printer,
// scanner and camera, whichever implementations the config chose.
import type { DeviceHealth, PrintReceiptBody, PrintTicketBody } from '@sportello/protocol';
import type { CardSignature } from './card/card-reader.ts';

export interface PrintResult {
  /** From the request to the last byte written to the printer. */
  milliseconds: number;
}

export interface StationDevices {
  /** Asks each device now (the camera's device node included). */
  health(): Promise<DeviceHealth>;
  /** Rejects with the printer's state when it cannot print, before sending anything. */
  printTicket(body: PrintTicketBody): Promise<PrintResult>;
  printReceipt(body: PrintReceiptBody): Promise<PrintResult>;
  /** The card verifies the PIN and signs the server's challenge; rejects with the card's typed errors. */
  signChallenge(pin: string, challenge: Buffer): Promise<CardSignature>;
  /** The kiosk page's own view of its camera after getUserMedia. */
  reportCamera(state: DeviceHealth['camera']['page']): void;
  close(): Promise<void>;
}

/** A print refused because the printer cannot print now; the kiosk offers the screen or SMS instead. */
export class PrinterUnavailableError extends Error {
  override name = 'PrinterUnavailableError';
  constructor(readonly state: DeviceHealth['printer']) {
    super(`the printer cannot print: ${state}`);
  }
}

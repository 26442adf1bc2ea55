// The printer of a station that has none (a webcam station): always 'absent', every print refused.
import { EventEmitter } from 'node:events';
import type { PrinterState } from '@sportello/protocol';
import type { PrintResult, Printer, PrinterEvents } from './printer.ts';
import { PrinterNotReadyError } from './printer-errors.ts';

export class AbsentPrinter extends EventEmitter<PrinterEvents> implements Printer {
  readonly state: PrinterState = 'absent';

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async status(): Promise<PrinterState> {
    return 'absent';
  }

  async print(): Promise<PrintResult> {
    throw new PrinterNotReadyError('absent');
  }

  printTicket(): Promise<PrintResult> {
    return this.print();
  }

  printReceipt(): Promise<PrintResult> {
    return this.print();
  }
}

// A simulated ESC/POS printer at the far end of a link: it answers DLE EOT like a real one, prints what it
// receives into decoded documents, and takes test controls (paper, cover, power).
import { EventEmitter } from 'node:events';
import { EscPosDecodeError, EscPosStreamDecoder, type PrintedDocument } from './escpos-decoder.ts';
import { statusReply, type PrinterCondition, type StatusQuery } from './escpos-status.ts';
import type { SerialDevice } from './simulated-serial-binding.ts';

export type PaperLevel = PrinterCondition['paper'];

export interface SimulatedPrinterDeviceEvents {
  printed: [document: PrintedDocument];
}

export class SimulatedPrinterDevice
  extends EventEmitter<SimulatedPrinterDeviceEvents>
  implements SerialDevice
{
  /** Documents printed so far, each ending with its cut. */
  readonly printed: PrintedDocument[] = [];
  /** Bytes the printer could not make sense of; a test that sees any has sent a bad command. */
  readonly errors: EscPosDecodeError[] = [];
  #condition: PrinterCondition = { paper: 'ok', coverOpen: false };
  #online = true;
  #decoder = new EscPosStreamDecoder();
  // A printer that cannot print keeps what it received in its buffer and prints it once it can.
  #held: PrintedDocument[] = [];

  setPaper(paper: PaperLevel): void {
    this.#condition = { ...this.#condition, paper };
    this.#release();
  }

  setCover(open: boolean): void {
    this.#condition = { ...this.#condition, coverOpen: open };
    this.#release();
  }

  /** Off: the printer neither answers nor prints, and what is sent to it is lost. */
  setOnline(online: boolean): void {
    this.#online = online;
    if (!online) this.#decoder = new EscPosStreamDecoder();
  }

  receive(bytes: Uint8Array, reply: (bytes: Uint8Array) => void): void {
    if (!this.#online) return;
    try {
      for (const input of this.#decoder.push(bytes)) {
        if (input.type === 'status-request') {
          if ([1, 2, 4].includes(input.n))
            reply(Uint8Array.of(statusReply(input.n as StatusQuery, this.#condition)));
        } else {
          this.#held.push(input.document);
        }
      }
    } catch (error) {
      if (!(error instanceof EscPosDecodeError)) throw error;
      this.errors.push(error);
      this.#decoder = new EscPosStreamDecoder();
    }
    this.#release();
  }

  #release(): void {
    const { paper, coverOpen } = this.#condition;
    if (paper === 'out' || coverOpen) return;
    for (const document of this.#held.splice(0)) {
      this.printed.push(document);
      this.emit('printed', document);
    }
  }
}

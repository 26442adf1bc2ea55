// A keyboard-wedge barcode scanner types into the page like a very fast keyboard ending with Enter;
// this tells its bursts from a person typing and hands each scan over, classified like the agent's.
import type { Barcode } from '@sportello/protocol';
import { classifyBarcode } from '@sportello/protocol/plain';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Scanners type a character every few ms; no person types 8 characters at under 35 ms each. */
const MAX_GAP_MS = 35;
const MIN_LENGTH = 8;

export class WedgeScannerController implements ReactiveController {
  private buffer = '';
  private last = 0;
  private readonly onKey = (event: KeyboardEvent) => this.key(event);

  constructor(
    host: ReactiveControllerHost,
    private readonly onScan: (barcode: Barcode) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey, true);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey, true);
  }

  private key(event: KeyboardEvent): void {
    const now = event.timeStamp;
    if (now - this.last > MAX_GAP_MS) this.buffer = '';
    this.last = now;
    if (event.key === 'Enter' || event.key === 'Tab') {
      if (this.buffer.length >= MIN_LENGTH) {
        // The burst was a scan: it must not also submit whatever field had the focus.
        event.preventDefault();
        event.stopPropagation();
        this.onScan(classifyBarcode(this.buffer));
      }
      this.buffer = '';
    } else if (event.key.length === 1) {
      this.buffer += event.key;
    }
  }
}

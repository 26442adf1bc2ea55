// The barcode scanner as the agent sees it: classified scans and a presence state, whatever the link.
// A keyboard-wedge scanner is not here: it types into the kiosk page, which classifies with barcode.ts.
import { EventEmitter } from 'node:events';
import type { DeviceHealth } from '@sportello/protocol';
import { classifyBarcode, type Barcode } from '@sportello/protocol';

export type ScannerState = DeviceHealth['scanner'];

export interface ScannerEvents {
  /** Once per code read, already classified. Carries personal data (a codice fiscale): never log it. */
  scan: [barcode: Barcode];
  state: [state: ScannerState, previous: ScannerState];
}

/**
 * Contract:
 * - start() looks for the scanner and keeps looking until stop(); it never rejects. Not connected is
 *   'absent'; connected but unusable (no permission on the device, driver missing) is 'error'; else 'ok'.
 * - 'scan' comes once per code, a code split across reports or chunks joined first.
 * - Unplugging gives 'absent'; plugging back in gives 'ok' again, without a restart.
 * - stop() closes the device; no event follows it.
 */
export interface Scanner extends EventEmitter<ScannerEvents> {
  /** 'absent' before start(). */
  readonly state: ScannerState;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** State bookkeeping and scan classification, shared by the implementations. */
export abstract class BaseScanner extends EventEmitter<ScannerEvents> implements Scanner {
  #state: ScannerState = 'absent';

  get state(): ScannerState {
    return this.#state;
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  protected setState(state: ScannerState): void {
    const previous = this.#state;
    if (state === previous) return;
    this.#state = state;
    this.emit('state', state, previous);
  }

  protected scanned(text: string): void {
    this.emit('scan', classifyBarcode(text));
  }
}

// A USB barcode scanner read through node-hid: HID POS reports (usage page 0x8C), or boot-keyboard reports
// for a scanner left in keyboard mode. node-hid is loaded on first use; without it or libusb: 'absent'.
import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { BootKeyboardDecoder, HidPosDecoder } from './hid-pos-report.ts';
import { BaseScanner } from './scanner.ts';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  usagePage?: number;
}

/** An open HID device: node-hid's HIDAsync, or a simulated one. Unplugging shows as an 'error'. */
export interface HidDevice extends Pick<EventEmitter, 'on'> {
  close(): Promise<void>;
}

/** The part of node-hid the scanner uses. */
export interface HidApi {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDevice>;
}

export type HidReportFormat = 'hid-pos' | 'keyboard';

const BARCODE_SCANNER_PAGE = 0x8c;

/** node-hid, or undefined when it or its native libraries cannot load. */
export async function loadNodeHid(): Promise<HidApi | undefined> {
  try {
    const hid = await import('node-hid');
    // The native module loads lazily: without libusb-1.0 this is the call that fails.
    await hid.devicesAsync();
    return { devicesAsync: () => hid.devicesAsync(), open: (path) => hid.HIDAsync.open(path) };
  } catch {
    return undefined;
  }
}

export interface HidScannerOptions {
  vendorId: number;
  productId: number;
  /** Default: HID POS when the interface is on the bar code scanner page, else keyboard. */
  reportFormat?: HidReportFormat;
  /** How often to look for the scanner while it is not open. Default 2 s. */
  pollIntervalMs?: number;
  loadHid?: () => Promise<HidApi | undefined>;
  log?: Pick<Logger, 'warn'>;
}

export class HidScanner extends BaseScanner {
  readonly #options: HidScannerOptions;
  #api?: HidApi;
  #device?: HidDevice;
  #running = false;
  #timer?: NodeJS.Timeout;

  constructor(options: HidScannerOptions) {
    super();
    this.#options = options;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#api = await (this.#options.loadHid ?? loadNodeHid)();
    if (!this.#api) {
      this.#options.log?.warn('node-hid unavailable (is libusb-1.0-0 installed?): scanner absent');
      return;
    }
    await this.#look();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    const device = this.#device;
    this.#device = undefined;
    await device?.close().catch(() => undefined);
  }

  async #look(): Promise<void> {
    if (!this.#running || !this.#api) return;
    if (!this.#device) {
      try {
        const { vendorId, productId } = this.#options;
        const matching = (await this.#api.devicesAsync()).filter(
          (device) => device.vendorId === vendorId && device.productId === productId && device.path,
        );
        // A scanner may expose several interfaces (keyboard, HID POS, vendor); the POS one is the one to read.
        const info = matching.find((device) => device.usagePage === BARCODE_SCANNER_PAGE) ?? matching[0];
        if (info) await this.#open(info);
        else this.setState('absent');
      } catch (error) {
        this.#options.log?.warn({ reason: (error as Error).message }, 'cannot list HID devices');
        this.setState('error');
      }
    }
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#look(), this.#options.pollIntervalMs ?? 2000).unref();
  }

  async #open(info: HidDeviceInfo): Promise<void> {
    let device: HidDevice;
    try {
      device = await this.#api!.open(info.path!);
    } catch (error) {
      // Present but not openable: usually a missing udev rule for hidraw.
      this.#options.log?.warn({ reason: (error as Error).message }, 'cannot open the HID scanner');
      this.setState('error');
      return;
    }
    if (!this.#running) {
      await device.close().catch(() => undefined);
      return;
    }
    const format =
      this.#options.reportFormat ?? (info.usagePage === BARCODE_SCANNER_PAGE ? 'hid-pos' : 'keyboard');
    // In keyboard mode the OS types the same keys into the page: configure scanners for HID POS instead.
    const decoder = format === 'hid-pos' ? new HidPosDecoder() : new BootKeyboardDecoder();
    device.on('data', (report: Buffer) => {
      const text = decoder.push(report);
      if (text) this.scanned(text);
    });
    device.on('error', () => this.#lost(device));
    this.#device = device;
    this.setState('ok');
  }

  #lost(device: HidDevice): void {
    if (this.#device !== device) return;
    this.#device = undefined;
    void device.close().catch(() => undefined);
    this.setState('absent');
  }
}

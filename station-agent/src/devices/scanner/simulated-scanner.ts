// The scanner of the demo and the tests: a real HidScanner over a simulated HID POS device, so report
// parsing, fragment joining and re-attach run as with hardware. Controls: scan(text), unplug(), replug().
import { EventEmitter } from 'node:events';
import { hidPosReports } from './hid-pos-report.ts';
import { HidScanner, type HidApi, type HidDevice, type HidDeviceInfo } from './hid-scanner.ts';

const DEVICE: HidDeviceInfo = {
  vendorId: 0xffff,
  productId: 0x0001,
  path: 'simulated-hid-scanner',
  usagePage: 0x8c,
};

class SimulatedHidDevice extends EventEmitter implements HidDevice {
  async close(): Promise<void> {
    this.removeAllListeners();
  }
}

class SimulatedHid implements HidApi {
  present = true;
  device?: SimulatedHidDevice;

  async devicesAsync(): Promise<HidDeviceInfo[]> {
    return this.present ? [DEVICE] : [];
  }

  async open(): Promise<HidDevice> {
    if (!this.present) throw new Error('could not open HID device');
    this.device = new SimulatedHidDevice();
    return this.device;
  }
}

export class SimulatedScanner extends HidScanner {
  readonly #hid: SimulatedHid;

  constructor(options: { pollIntervalMs?: number } = {}) {
    const hid = new SimulatedHid();
    super({ ...DEVICE, pollIntervalMs: options.pollIntervalMs ?? 500, loadHid: async () => hid });
    this.#hid = hid;
  }

  /** A code read: sent as the HID POS reports a real scanner sends; nothing happens while unplugged. */
  scan(text: string): void {
    for (const report of hidPosReports(text)) this.#hid.device?.emit('data', Buffer.from(report));
  }

  /** The read fails as on a real detach; the scanner goes 'absent' at once. */
  unplug(): void {
    this.#hid.present = false;
    const device = this.#hid.device;
    this.#hid.device = undefined;
    device?.emit('error', new Error('could not read from HID device'));
  }

  /** The scanner shows up again at its next look for it. */
  replug(): void {
    this.#hid.present = true;
  }
}

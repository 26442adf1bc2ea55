// The printer of the demo and the tests: a real EscPosPrinter over a real SerialTransport, whose port is a
// MockBinding one with a simulated ESC/POS device behind it. Controls set paper, cover, power and the cable.
import type { PrinterState } from '@sportello/protocol';
import type { PrintedDocument } from './escpos-decoder.ts';
import { EscPosPrinter, type EscPosPrinterOptions } from './escpos-printer.ts';
import { SerialTransport } from './serial-transport.ts';
import { SimulatedPrinterDevice, type PaperLevel } from './simulated-printer-device.ts';
import { SimulatedSerialBinding } from './simulated-serial-binding.ts';

export type SimulatedPrinterOptions = Omit<EscPosPrinterOptions, 'transport' | 'columns'> &
  Partial<Pick<EscPosPrinterOptions, 'columns'>>;

let nextPort = 0;

export class SimulatedPrinter extends EscPosPrinter {
  readonly device = new SimulatedPrinterDevice();
  readonly #binding: SimulatedSerialBinding;
  readonly #path: string;

  constructor(options: SimulatedPrinterOptions = {}) {
    const binding = new SimulatedSerialBinding();
    // MockBinding's ports are process-wide: each simulated printer gets its own path.
    const path = `/dev/ttySIMPRN${nextPort++}`;
    super({ columns: 42, ...options, transport: new SerialTransport({ path, baudRate: 38400, binding }) });
    this.#binding = binding;
    this.#path = path;
    binding.attach(path, this.device);
  }

  /** Documents printed so far, each ending with its cut. */
  get printed(): readonly PrintedDocument[] {
    return this.device.printed;
  }

  /** The controls below resolve with the state the printer then reports, as the next poll would see it. */
  setPaper(paper: PaperLevel): Promise<PrinterState> {
    this.device.setPaper(paper);
    return this.status();
  }

  setCover(open: boolean): Promise<PrinterState> {
    this.device.setCover(open);
    return this.status();
  }

  setOnline(online: boolean): Promise<PrinterState> {
    this.device.setOnline(online);
    return this.status();
  }

  /** Pulls the USB cable: the port disappears and the printer goes 'offline' until replug(). */
  unplug(): void {
    this.#binding.unplug(this.#path);
  }

  /** Plugs it back; the printer reconnects on its next attempt. */
  replug(): void {
    this.#binding.replug(this.#path);
  }
}

// A barcode scanner in USB-CDC mode (a virtual serial port such as /dev/ttyACM0): one scan per line.
// The port is reopened when the scanner comes back after being unplugged.
import { StringDecoder } from 'node:string_decoder';
import type { BindingInterface } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SerialPortStream } from '@serialport/stream';
import type { Logger } from 'pino';
import { BaseScanner } from './scanner.ts';

export interface SerialScannerOptions {
  path: string;
  /** USB-CDC ignores it, but the OS wants one. Default 9600. */
  baudRate?: number;
  /** How often to try the port again while the scanner is away. Default 2 s. */
  pollIntervalMs?: number;
  /** Defaults to serialport's native binding for this OS, loaded on first use. */
  binding?: BindingInterface;
  log?: Pick<Logger, 'warn'>;
}

export class SerialScanner extends BaseScanner {
  readonly #options: SerialScannerOptions;
  #port?: SerialPortStream;
  #running = false;
  #timer?: NodeJS.Timeout;

  constructor(options: SerialScannerOptions) {
    super();
    this.#options = options;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.#open();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    const port = this.#port;
    this.#port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async #open(): Promise<void> {
    if (!this.#running || this.#port) return;
    const { path, baudRate = 9600 } = this.#options;
    const binding = this.#options.binding ?? (await import('serialport')).SerialPort.binding;
    const port = new SerialPortStream({ binding, path, baudRate, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      const missing = /no such file|ENOENT/i.test((error as Error).message);
      if (!missing)
        this.#options.log?.warn({ reason: (error as Error).message }, 'cannot open the serial scanner');
      this.setState(missing ? 'absent' : 'error');
      this.#retry();
      return;
    }
    if (!this.#running) {
      port.close(() => undefined);
      return;
    }
    // Scanners end a code with CR, LF or both, as configured; a UTF-8 character may span two chunks.
    const text = new StringDecoder('utf8');
    let line = '';
    port.on('data', (data: Buffer) => {
      const lines = (line + text.write(data)).split(/\r\n|\r|\n/);
      line = lines.pop() ?? '';
      for (const scanned of lines) if (scanned.trim()) this.scanned(scanned);
    });
    port.on('close', () => this.#lost(port));
    port.on('error', () => this.#lost(port));
    this.#port = port;
    this.setState('ok');
  }

  #lost(port: SerialPortStream): void {
    if (this.#port !== port) return;
    this.#port = undefined;
    if (port.isOpen) port.close(() => undefined);
    this.setState('absent');
    this.#retry();
  }

  #retry(): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#open(), this.#options.pollIntervalMs ?? 2000).unref();
  }
}

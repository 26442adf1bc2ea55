// Printer transport over a serial port (RS-232, or USB-serial such as /dev/ttyUSB0) through serialport.
// The binding is injected: the OS one by default (loaded only when used), MockBinding in tests.
import { EventEmitter } from 'node:events';
import type { BindingInterface } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SerialPortStream } from '@serialport/stream';
import { PrinterDisconnectedError } from './printer-errors.ts';
import { ReplyReader, type PrinterTransport, type TransportEvents } from './printer-transport.ts';

export interface SerialTransportOptions {
  path: string;
  baudRate: number;
  /** Hardware flow control, for printers wired with RTS/CTS. */
  rtscts?: boolean;
  /** Defaults to serialport's native binding for this OS. */
  binding?: BindingInterface;
}

async function osBinding(): Promise<BindingInterface> {
  const { SerialPort } = await import('serialport');
  return SerialPort.binding;
}

export class SerialTransport extends EventEmitter<TransportEvents> implements PrinterTransport {
  readonly description: string;
  readonly readsBack = true;
  readonly #options: SerialTransportOptions;
  readonly #replies = new ReplyReader();
  #port?: SerialPortStream;

  constructor(options: SerialTransportOptions) {
    super();
    this.#options = options;
    this.description = `serial ${options.path}`;
  }

  async open(): Promise<void> {
    if (this.#port) return;
    const { path, baudRate, rtscts = false } = this.#options;
    const binding = this.#options.binding ?? (await osBinding());
    const port = new SerialPortStream({ binding, path, baudRate, rtscts, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((error) =>
        error
          ? reject(new PrinterDisconnectedError(`cannot open ${path}: ${error.message}`, { cause: error }))
          : resolve(),
      ),
    );
    port.on('data', (data: Buffer) => this.#replies.push(data));
    // A pulled cable shows as a read error, which serialport turns into 'close' with a DisconnectedError.
    port.on('close', (error?: Error | null) => this.#lost(port, error ?? new Error(`${path} closed`)));
    port.on('error', (error: Error) => this.#lost(port, error));
    this.#port = port;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.#connected();
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) =>
        reject(new PrinterDisconnectedError(`write failed: ${error.message}`, { cause: error }));
      port.write(Buffer.from(bytes), (error) => error && fail(error));
      port.drain((error) => (error ? fail(error) : resolve()));
    });
  }

  async request(bytes: Uint8Array, replyLength: number, timeoutMs: number): Promise<Uint8Array | null> {
    this.#replies.clear();
    await this.write(bytes);
    return this.#replies.read(replyLength, timeoutMs);
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = undefined;
    this.#replies.cancel();
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  #connected(): SerialPortStream {
    if (!this.#port) throw new PrinterDisconnectedError(`${this.#options.path} is not open`);
    return this.#port;
  }

  #lost(port: SerialPortStream, error: Error): void {
    if (this.#port !== port) return;
    this.#port = undefined;
    this.#replies.cancel();
    if (port.isOpen) port.close(() => undefined);
    this.emit('disconnect', error);
  }
}

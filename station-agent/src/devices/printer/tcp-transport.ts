// Printer transport over raw TCP, port 9100 ("JetDirect"), for network printers. One connection kept open;
// status answers come back on it like on a serial line.
import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { PrinterDisconnectedError } from './printer-errors.ts';
import { ReplyReader, type PrinterTransport, type TransportEvents } from './printer-transport.ts';

export interface TcpTransportOptions {
  host: string;
  port: number;
  /** A printer that is off does not refuse, it just never answers. Default 3 s. */
  connectTimeoutMs?: number;
}

export class TcpTransport extends EventEmitter<TransportEvents> implements PrinterTransport {
  readonly description: string;
  readonly readsBack = true;
  readonly #options: TcpTransportOptions;
  readonly #replies = new ReplyReader();
  #socket?: Socket;

  constructor(options: TcpTransportOptions) {
    super();
    this.#options = options;
    this.description = `tcp ${options.host}:${options.port}`;
  }

  async open(): Promise<void> {
    if (this.#socket) return;
    const { host, port, connectTimeoutMs = 3000 } = this.#options;
    const socket = new Socket();
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(
          new PrinterDisconnectedError(`cannot connect to ${host}:${port}: ${error.message}`, {
            cause: error,
          }),
        );
      };
      const timer = setTimeout(
        () => fail(new Error(`no answer in ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      );
      socket.once('error', fail);
      socket.connect({ host, port }, () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve();
      });
    });
    socket.setNoDelay(true);
    // Keepalive finds a printer that vanished without a reset (power cut, cable pulled at the switch).
    socket.setKeepAlive(true, 10_000);
    socket.on('data', (data) => this.#replies.push(data));
    socket.on('error', () => undefined); // 'close' follows and carries the news
    socket.on('end', () => socket.destroy());
    socket.on('close', () => this.#lost(socket));
    this.#socket = socket;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const socket = this.#socket;
    if (!socket) throw new PrinterDisconnectedError(`${this.description} is not connected`);
    await new Promise<void>((resolve, reject) =>
      socket.write(bytes, (error) =>
        error
          ? reject(new PrinterDisconnectedError(`write failed: ${error.message}`, { cause: error }))
          : resolve(),
      ),
    );
  }

  async request(bytes: Uint8Array, replyLength: number, timeoutMs: number): Promise<Uint8Array | null> {
    this.#replies.clear();
    await this.write(bytes);
    return this.#replies.read(replyLength, timeoutMs);
  }

  async close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#replies.cancel();
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // A printer busy printing may not acknowledge the FIN soon; it has all the bytes already.
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  }

  #lost(socket: Socket): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    this.#replies.cancel();
    this.emit('disconnect', new Error(`${this.description} closed the connection`));
  }
}

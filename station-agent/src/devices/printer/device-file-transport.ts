// Printer transport over a USB printer class device file (Linux usblp: /dev/usb/lp0). Writes go straight
// to the driver; DLE EOT answers are read back where the printer is bidirectional, probed at open.
import { EventEmitter } from 'node:events';
import { constants, open as openFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { statusRequest } from './escpos-status.ts';
import { PrinterDisconnectedError } from './printer-errors.ts';
import { ReplyReader, type PrinterTransport, type TransportEvents } from './printer-transport.ts';

/** The part of fs.promises.FileHandle the transport uses; tests give a fake device. */
export interface DeviceFile {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: null): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

export interface DeviceFileTransportOptions {
  path: string;
  /** How long the probe at open waits for an answer to DLE EOT. Default 500 ms. */
  probeTimeoutMs?: number;
  open?: (path: string) => Promise<DeviceFile>;
}

// Non-blocking, so that a read with nothing to read does not hold one of libuv's four threads forever.
async function openDevice(path: string): Promise<DeviceFile> {
  try {
    return await openFile(path, constants.O_RDWR | constants.O_NONBLOCK);
  } catch (error) {
    // Some setups grant write access only: print without read-back rather than not at all.
    if ((error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
    return openFile(path, constants.O_WRONLY | constants.O_NONBLOCK);
  }
}

const POLL_MS = 10;
const isWouldBlock = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'EAGAIN';

export class DeviceFileTransport extends EventEmitter<TransportEvents> implements PrinterTransport {
  readonly description: string;
  readonly #path: string;
  readonly #probeTimeoutMs: number;
  readonly #open: (path: string) => Promise<DeviceFile>;
  readonly #replies = new ReplyReader();
  #file?: DeviceFile;
  #readsBack = false;

  constructor(options: DeviceFileTransportOptions) {
    super();
    this.#path = options.path;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? 500;
    this.#open = options.open ?? openDevice;
    this.description = `device-file ${options.path}`;
  }

  get readsBack(): boolean {
    return this.#readsBack;
  }

  async open(): Promise<void> {
    if (this.#file) return;
    try {
      this.#file = await this.#open(this.#path);
    } catch (error) {
      throw new PrinterDisconnectedError(`cannot open ${this.#path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.#readsBack = (await this.request(statusRequest(1), 1, this.#probeTimeoutMs)) !== null;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const file = this.#connected();
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += (await file.write(bytes, offset, bytes.length - offset)).bytesWritten;
      } catch (error) {
        // usblp refuses a non-blocking write while the previous one is still going out.
        if (isWouldBlock(error)) await sleep(POLL_MS);
        else throw this.#lost(error as Error);
      }
    }
  }

  async request(bytes: Uint8Array, replyLength: number, timeoutMs: number): Promise<Uint8Array | null> {
    this.#replies.clear();
    await this.write(bytes);
    const reply = this.#replies.read(replyLength, timeoutMs);
    // A device file has no data event: read until the answer is complete or the wait is over.
    const buffer = new Uint8Array(64);
    while (this.#replies.waiting && this.#file) {
      try {
        const { bytesRead } = await this.#file.read(buffer, 0, buffer.length, null);
        if (bytesRead > 0) this.#replies.push(buffer.slice(0, bytesRead));
        else await sleep(POLL_MS);
      } catch (error) {
        // EAGAIN: nothing yet. Anything else (EBADF, EINVAL): this printer or handle does not read back.
        if (isWouldBlock(error)) await sleep(POLL_MS);
        else this.#replies.cancel();
      }
    }
    return reply;
  }

  async close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    this.#replies.cancel();
    await file?.close().catch(() => undefined);
  }

  #connected(): DeviceFile {
    if (!this.#file) throw new PrinterDisconnectedError(`${this.#path} is not open`);
    return this.#file;
  }

  /** A failed write means the printer is gone (ENODEV once unplugged); the caller rethrows. */
  #lost(error: Error): PrinterDisconnectedError {
    void this.close();
    this.emit('disconnect', error);
    return new PrinterDisconnectedError(`${this.#path}: ${error.message}`, { cause: error });
  }
}

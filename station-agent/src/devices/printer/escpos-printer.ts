// An ESC/POS printer behind any transport: one queue for prints and status queries, status polling,
// and reconnection with backoff when the link drops (cable pulled, printer switched off, TCP reset).
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { PrintReceiptBody, PrintTicketBody, PrinterState } from '@sportello/protocol';
import { receiptBytes, ticketBytes, type Columns } from './escpos-layout.ts';
import { canPrint, parseStatus, STATUS_QUERIES, statusRequest } from './escpos-status.ts';
import { JobQueue } from './job-queue.ts';
import type { PrintJob, PrintResult, Printer, PrinterEvents } from './printer.ts';
import {
  PrinterBadResponseError,
  PrinterBusyError,
  PrinterCancelledError,
  PrinterDisconnectedError,
  PrinterNotReadyError,
  PrinterTimeoutError,
} from './printer-errors.ts';
import type { PrinterTransport } from './printer-transport.ts';

export interface EscPosPrinterOptions {
  transport: PrinterTransport;
  columns: Columns;
  /** Width in dots of the lines drawn as pictures (scripts CP858 lacks); default 12 dots a column. */
  dotWidth?: number;
  /** Default 5 s: paper running out shows on the kiosk within a few seconds. */
  pollIntervalMs?: number;
  /** How long to wait for each DLE EOT answer before calling the printer offline. Default 1 s. */
  statusTimeoutMs?: number;
  /** A job whose bytes do not all go out in this time fails with PrinterTimeoutError. Default 30 s. */
  writeTimeoutMs?: number;
  /** Reconnection delays double from `initialMs` up to `maxMs`. Default 500 ms to 15 s. */
  reconnect?: { initialMs: number; maxMs: number };
  /** Prints accepted at once, running one included; more are refused as busy. Default 4. */
  maxPending?: number;
  log?: Pick<Logger, 'info' | 'warn'>;
}

export class EscPosPrinter extends EventEmitter<PrinterEvents> implements Printer {
  readonly #transport: PrinterTransport;
  readonly #columns: Columns;
  readonly #dotWidth?: number;
  readonly #pollIntervalMs: number;
  readonly #statusTimeoutMs: number;
  readonly #writeTimeoutMs: number;
  readonly #reconnect: { initialMs: number; maxMs: number };
  readonly #maxPending: number;
  readonly #log?: Pick<Logger, 'info' | 'warn'>;
  readonly #queue = new JobQueue();
  #state: PrinterState = 'offline';
  #running = false;
  #open = false;
  #pending = 0;
  #reconnectAttempt = 0;
  #pollTimer?: NodeJS.Timeout;
  #reconnectTimer?: NodeJS.Timeout;

  constructor(options: EscPosPrinterOptions) {
    super();
    this.#transport = options.transport;
    this.#columns = options.columns;
    this.#dotWidth = options.dotWidth;
    this.#pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.#writeTimeoutMs = options.writeTimeoutMs ?? 30_000;
    this.#reconnect = options.reconnect ?? { initialMs: 500, maxMs: 15_000 };
    this.#maxPending = options.maxPending ?? 4;
    this.#log = options.log;
  }

  get state(): PrinterState {
    return this.#state;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#transport.on('disconnect', this.#onDisconnect);
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#reconnectTimer);
    this.#transport.off('disconnect', this.#onDisconnect);
    this.#queue.cancelWaiting(new PrinterCancelledError());
    await this.#queue.idle();
    this.#open = false;
    await this.#transport.close();
  }

  async status(): Promise<PrinterState> {
    if (!this.#open) return this.#state;
    return this.#queue.run(() => this.#checkStatus());
  }

  async print(job: PrintJob): Promise<PrintResult> {
    const requestedAt = performance.now();
    if (this.#pending >= this.#maxPending) throw new PrinterBusyError(this.#pending);
    const bytes = this.#bytesOf(job);
    this.#pending++;
    try {
      return await this.#queue.run(async () => {
        const state = this.#open ? await this.#checkStatus() : 'offline';
        if (!canPrint(state)) throw new PrinterNotReadyError(state);
        await this.#write(bytes);
        return { bytes: bytes.length, elapsedMs: performance.now() - requestedAt, state };
      });
    } finally {
      this.#pending--;
    }
  }

  printTicket(body: PrintTicketBody): Promise<PrintResult> {
    return this.print({ type: 'ticket', body });
  }

  printReceipt(body: PrintReceiptBody): Promise<PrintResult> {
    return this.print({ type: 'receipt', body });
  }

  #bytesOf(job: PrintJob): Uint8Array {
    if (job instanceof Uint8Array) return job;
    const layout = { columns: this.#columns, dotWidth: this.#dotWidth };
    return job.type === 'ticket' ? ticketBytes(job.body, layout) : receiptBytes(job.body, layout);
  }

  async #checkStatus(): Promise<PrinterState> {
    try {
      const state = await this.#queryStatus();
      this.#setState(state);
      return state;
    } catch (error) {
      if (error instanceof PrinterBadResponseError) this.#setState('offline');
      if (error instanceof PrinterDisconnectedError) return 'offline';
      throw error;
    }
  }

  async #queryStatus(): Promise<PrinterState> {
    // A one-way link cannot tell paper out: the printer is taken as ready while bytes go through.
    if (!this.#transport.readsBack) return 'ok';
    const replies: number[] = [];
    for (const n of STATUS_QUERIES) {
      const reply = await this.#transport.request(statusRequest(n), 1, this.#statusTimeoutMs);
      if (!reply) return 'offline';
      replies.push(reply[0]!);
    }
    const [printer, offlineCause, paperSensor] = replies as [number, number, number];
    return parseStatus({ printer, offlineCause, paperSensor });
  }

  async #write(bytes: Uint8Array): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PrinterTimeoutError(this.#writeTimeoutMs)), this.#writeTimeoutMs);
    });
    try {
      await Promise.race([this.#transport.write(bytes), timeout]);
    } catch (error) {
      // A stuck link is dropped and reopened, which also discards what the OS still holds for it.
      if (error instanceof PrinterTimeoutError) {
        this.#open = false;
        await this.#transport.close();
        this.#setState('offline');
        this.#scheduleReconnect();
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #onDisconnect = (error: Error): void => {
    // A link that fails while being opened is already handled as a failed open.
    if (!this.#running || !this.#open) return;
    this.#open = false;
    clearTimeout(this.#pollTimer);
    this.#log?.warn({ printer: this.#transport.description, reason: error.message }, 'printer link dropped');
    // One attempt at once: a network printer that closed an idle connection is back without a visible blip.
    void this.#connect();
  };

  async #connect(): Promise<void> {
    if (!this.#running) return;
    try {
      await this.#transport.open();
    } catch (error) {
      this.#setState('offline');
      this.#log?.warn(
        { printer: this.#transport.description, reason: (error as Error).message },
        'printer unreachable',
      );
      this.#scheduleReconnect();
      return;
    }
    if (!this.#running) {
      await this.#transport.close();
      return;
    }
    this.#open = true;
    this.#reconnectAttempt = 0;
    await this.#poll();
  }

  #scheduleReconnect(): void {
    if (!this.#running) return;
    const { initialMs, maxMs } = this.#reconnect;
    const delay = Math.min(maxMs, initialMs * 2 ** this.#reconnectAttempt++);
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => void this.#connect(), delay).unref();
  }

  async #poll(): Promise<void> {
    try {
      await this.status();
    } catch (error) {
      this.#log?.warn(
        { printer: this.#transport.description, reason: (error as Error).message },
        'printer status',
      );
    }
    if (!this.#running || !this.#open) return;
    clearTimeout(this.#pollTimer);
    this.#pollTimer = setTimeout(() => void this.#poll(), this.#pollIntervalMs).unref();
  }

  #setState(state: PrinterState): void {
    const previous = this.#state;
    if (state === previous) return;
    this.#state = state;
    this.#log?.info({ printer: this.#transport.description, state, previous }, 'printer state');
    this.emit('state', state, previous);
  }
}

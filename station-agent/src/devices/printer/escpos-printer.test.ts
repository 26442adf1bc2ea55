// EscPosPrinter's own rules over a scripted transport: one-way links, garbled answers, stuck writes,
// reconnection timing. The device-level behaviour is in printer.test.ts.
import { EventEmitter } from 'node:events';
import type { PrinterState } from '@sportello/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EscPosPrinter } from './escpos-printer.ts';
import { PrinterBadResponseError, PrinterDisconnectedError, PrinterTimeoutError } from './printer-errors.ts';
import type { PrinterTransport, TransportEvents } from './printer-transport.ts';
import { ticket } from './test-bodies.ts';

class ScriptedTransport extends EventEmitter<TransportEvents> implements PrinterTransport {
  readonly description = 'scripted';
  readsBack = true;
  reachable = true;
  /** The byte answered to every status request, or null for silence. */
  answer: number | null = 0x12;
  /** Writes longer than a status request never complete. */
  stuck = false;
  opens = 0;
  written: Uint8Array[] = [];

  async open(): Promise<void> {
    this.opens++;
    if (!this.reachable) throw new PrinterDisconnectedError('connection refused');
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.stuck && bytes.length > 3) return new Promise(() => undefined);
    this.written.push(bytes);
  }

  async request(bytes: Uint8Array): Promise<Uint8Array | null> {
    await this.write(bytes);
    return this.answer === null ? null : Uint8Array.of(this.answer);
  }

  async close(): Promise<void> {}
}

function setup(
  transport = new ScriptedTransport(),
  options: Partial<ConstructorParameters<typeof EscPosPrinter>[0]> = {},
) {
  const printer = new EscPosPrinter({
    transport,
    columns: 42,
    reconnect: { initialMs: 10, maxMs: 40 },
    ...options,
  });
  const states: PrinterState[] = [];
  printer.on('state', (state) => states.push(state));
  return { printer, transport, states };
}

describe('EscPosPrinter', () => {
  afterEach(() => vi.useRealTimers());

  it('takes a printer on a one-way link as ok while bytes go through, and sends it no status request', async () => {
    const transport = new ScriptedTransport();
    transport.readsBack = false;
    const { printer } = setup(transport);
    await printer.start();
    expect(printer.state).toBe('ok');
    await printer.printTicket(ticket);
    expect(transport.written).toHaveLength(1);
    await printer.stop();
  });

  it('rejects status with PrinterBadResponseError on a garbled answer, and reports offline', async () => {
    const { printer, transport } = setup();
    await printer.start();
    transport.answer = 0xff;
    await expect(printer.status()).rejects.toBeInstanceOf(PrinterBadResponseError);
    expect(printer.state).toBe('offline');
    await expect(printer.printTicket(ticket)).rejects.toBeInstanceOf(PrinterBadResponseError);
    await printer.stop();
  });

  it('reports a printer that does not answer as offline', async () => {
    const { printer, transport } = setup();
    transport.answer = null;
    await printer.start();
    expect(printer.state).toBe('offline');
    await printer.stop();
  });

  it('fails a print whose bytes stop going out, then drops the link and opens it again', async () => {
    const { printer, transport, states } = setup(undefined, { writeTimeoutMs: 30 });
    await printer.start();
    transport.stuck = true;
    await expect(printer.printTicket(ticket)).rejects.toBeInstanceOf(PrinterTimeoutError);
    expect(states).toEqual(['ok', 'offline']);
    await vi.waitFor(() => expect(printer.state).toBe('ok'));
    expect(transport.opens).toBe(2);
    await printer.stop();
  });

  it('retries an unreachable printer with doubling delays, and picks it up when it appears', async () => {
    vi.useFakeTimers();
    const transport = new ScriptedTransport();
    transport.reachable = false;
    const { printer } = setup(transport);
    await printer.start();
    expect(printer.state).toBe('offline');
    for (const [wait, opens] of [
      [10, 2],
      [19, 2],
      [1, 3],
      [40, 4],
      [40, 5],
      [40, 6],
    ] as const) {
      await vi.advanceTimersByTimeAsync(wait);
      expect(transport.opens).toBe(opens);
    }
    transport.reachable = true;
    await vi.advanceTimersByTimeAsync(40);
    expect(printer.state).toBe('ok');
    await printer.stop();
  });

  it('reconnects at once when the link drops, without a blip if the printer is right there', async () => {
    const { printer, transport, states } = setup();
    await printer.start();
    transport.emit('disconnect', new Error('idle connection closed'));
    await vi.waitFor(() => expect(transport.opens).toBe(2));
    expect(states).toEqual(['ok']);
    await printer.stop();
  });
});

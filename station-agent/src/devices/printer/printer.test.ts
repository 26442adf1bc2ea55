// The printer contract, run against the simulated printer always and against a real one when
// SPORTELLO_TEST_PRINTER names it (serial:/dev/ttyUSB0[@baud], device-file:/dev/usb/lp0, tcp:host[:port]).
import type { PrinterState } from '@sportello/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printedLines, printedQrCodes } from './escpos-decoder.ts';
import type { Printer } from './printer.ts';
import { PrinterBusyError, PrinterCancelledError, PrinterNotReadyError } from './printer-errors.ts';
import { createPrinter, parsePrinterConnection } from './printer-factory.ts';
import { SimulatedPrinter } from './simulated-printer.ts';
import { receipt, ticket } from './test-bodies.ts';

const nextState = (printer: Printer, wanted: PrinterState) =>
  new Promise<void>((resolve) => {
    const listener = (state: PrinterState) => {
      if (state !== wanted) return;
      printer.off('state', listener);
      resolve();
    };
    printer.on('state', listener);
  });

function printerContract(printer: () => Printer): void {
  it('is ready to print after start', async () => {
    expect(['ok', 'paper-near-end']).toContain(printer().state);
    expect(['ok', 'paper-near-end']).toContain(await printer().status());
  });

  it('prints a ticket and measures the time from request to last byte', async () => {
    const result = await printer().printTicket(ticket);
    expect(result.bytes).toBeGreaterThan(100);
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(['ok', 'paper-near-end']).toContain(result.state);
  });

  it('prints a booking receipt', async () => {
    await expect(printer().printReceipt(receipt)).resolves.toMatchObject({ bytes: expect.any(Number) });
  });
}

describe('printer contract: simulated', () => {
  let printer: SimulatedPrinter;
  beforeEach(async () => {
    printer = new SimulatedPrinter({
      pollIntervalMs: 50,
      statusTimeoutMs: 100,
      reconnect: { initialMs: 10, maxMs: 40 },
    });
    await printer.start();
  });
  afterEach(() => printer.stop());

  printerContract(() => printer);

  it('prints what the kiosk asked for: the number large and the queue URL in the QR code', async () => {
    await printer.printTicket(ticket);
    const [document] = printer.printed;
    expect(printedLines(document!)).toContain('N007');
    expect(document!.blocks.find((b) => b.type === 'text' && b.text.trim() === 'N007')).toMatchObject({
      width: 3,
    });
    expect(printedQrCodes(document!)).toEqual([ticket.qr!.url]);
    expect(printer.device.errors).toEqual([]);
  });

  it('prints jobs requested together one after the other, in order', async () => {
    await Promise.all(['A001', 'A002', 'A003'].map((number) => printer.printTicket({ ...ticket, number })));
    expect(printer.printed.map((document) => printedLines(document)[2])).toEqual(['A001', 'A002', 'A003']);
  });

  it('refuses more prints than it accepts at once as busy', async () => {
    const prints = Array.from({ length: 5 }, () => printer.printTicket(ticket));
    const results = await Promise.allSettled(prints);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: expect.any(PrinterBusyError),
    });
  });

  it('prints on a roll near its end, and says so', async () => {
    expect(await printer.setPaper('near-end')).toBe('paper-near-end');
    await expect(printer.printTicket(ticket)).resolves.toMatchObject({ state: 'paper-near-end' });
    expect(printer.printed).toHaveLength(1);
  });

  it.each([
    ['paper out', (p: SimulatedPrinter) => p.setPaper('out'), 'paper-out'],
    ['cover open', (p: SimulatedPrinter) => p.setCover(true), 'cover-open'],
    ['switched off', (p: SimulatedPrinter) => p.setOnline(false), 'offline'],
  ] as const)('refuses to print when %s, before sending a byte', async (_, control, state) => {
    expect(await control(printer)).toBe(state);
    const failure = printer.printTicket(ticket);
    await expect(failure).rejects.toBeInstanceOf(PrinterNotReadyError);
    await expect(failure).rejects.toMatchObject({ state });
    await printer.setOnline(true);
    await printer.setPaper('ok');
    await printer.setCover(false);
    // Nothing was held in the printer's buffer to come out once it could print.
    expect(printer.printed).toHaveLength(0);
  });

  it('reports changes found by polling', async () => {
    const out = nextState(printer, 'paper-out');
    printer.device.setPaper('out');
    await out;
    const back = nextState(printer, 'ok');
    printer.device.setPaper('ok');
    await back;
  });

  it('goes offline when unplugged and recovers on replug without a restart', async () => {
    const offline = nextState(printer, 'offline');
    printer.unplug();
    await offline;
    await expect(printer.printTicket(ticket)).rejects.toMatchObject({ state: 'offline' });
    const ok = nextState(printer, 'ok');
    printer.replug();
    await ok;
    await printer.printTicket(ticket);
    expect(printer.printed).toHaveLength(1);
  });

  it('cancels prints still waiting when stopped', async () => {
    const first = printer.printTicket(ticket);
    const second = printer.printTicket(ticket);
    await printer.stop();
    await expect(first).resolves.toBeDefined();
    await expect(second).rejects.toBeInstanceOf(PrinterCancelledError);
  });
});

const realPrinter = process.env.SPORTELLO_TEST_PRINTER;

describe.skipIf(!realPrinter)(
  `printer contract: real (SPORTELLO_TEST_PRINTER=${realPrinter ?? 'unset, e.g. serial:/dev/ttyUSB0'})`,
  () => {
    let printer: Printer;
    beforeEach(async () => {
      printer = createPrinter({ ...parsePrinterConnection(realPrinter!), columns: 42 });
      await printer.start();
    });
    afterEach(() => printer.stop());

    printerContract(() => printer);
  },
);

import { describe, expect, it, vi } from 'vitest';
import { AbsentPrinter } from './absent-printer.ts';
import { printedImages } from './escpos-decoder.ts';
import { EscPosPrinter } from './escpos-printer.ts';
import { PrinterNotReadyError } from './printer-errors.ts';
import { createPrinter, parsePrinterConnection, PrinterConfig } from './printer-factory.ts';
import { SimulatedPrinter } from './simulated-printer.ts';
import { ticket, ukrainianTicket } from './test-bodies.ts';

describe('parsePrinterConnection', () => {
  it('reads the short forms of env vars and the CLI', () => {
    expect(parsePrinterConnection('simulated')).toEqual({ kind: 'simulated' });
    expect(parsePrinterConnection('none')).toEqual({ kind: 'none' });
    expect(parsePrinterConnection('serial:/dev/ttyUSB0')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 19200,
    });
    expect(parsePrinterConnection('serial:/dev/ttyS0@9600')).toMatchObject({
      path: '/dev/ttyS0',
      baudRate: 9600,
    });
    expect(parsePrinterConnection('device-file:/dev/usb/lp0')).toEqual({
      kind: 'device-file',
      path: '/dev/usb/lp0',
    });
    expect(parsePrinterConnection('tcp:192.168.1.50')).toEqual({
      kind: 'tcp',
      host: '192.168.1.50',
      port: 9100,
    });
    expect(parsePrinterConnection('tcp:printer.local:9101')).toEqual({
      kind: 'tcp',
      host: 'printer.local',
      port: 9101,
    });
  });

  it('names what is wrong', () => {
    expect(() => parsePrinterConnection('usb:/dev/lp0')).toThrow(/kind/);
    expect(() => parsePrinterConnection('serial:')).toThrow(/path/);
  });
});

describe('createPrinter', () => {
  it('fills in paper width and serial speed', () => {
    expect(PrinterConfig.parse({ kind: 'serial', path: '/dev/ttyUSB0' })).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 19200,
      columns: 42,
    });
    expect(() => PrinterConfig.parse({ kind: 'simulated', columns: 40 })).toThrow();
  });

  it('picks the implementation from the kind', () => {
    expect(createPrinter(PrinterConfig.parse({ kind: 'simulated' }))).toBeInstanceOf(SimulatedPrinter);
    for (const kind of ['serial', 'device-file', 'tcp'] as const) {
      const printer = createPrinter(PrinterConfig.parse({ kind, path: '/dev/x', host: 'h', columns: 48 }));
      expect(printer).toBeInstanceOf(EscPosPrinter);
      expect(printer).not.toBeInstanceOf(SimulatedPrinter);
    }
  });

  it('draws scripts CP858 lacks at the dot width of the config, a multiple of 8 dots', async () => {
    const printer = createPrinter(PrinterConfig.parse({ kind: 'simulated', columns: 48, dotWidth: 576 }));
    await printer.start();
    try {
      await printer.printTicket(ukrainianTicket);
      const printed = (printer as SimulatedPrinter).printed;
      await vi.waitFor(() => expect(printed).toHaveLength(1));
      expect(printedImages(printed[0]!)[0]).toMatchObject({ width: 576 });
    } finally {
      await printer.stop();
    }
    expect(() => PrinterConfig.parse({ kind: 'simulated', dotWidth: 500 })).toThrow(/multiple of 8/);
  });

  it('gives a station without a printer one that is absent and refuses every print', async () => {
    const printer = createPrinter(PrinterConfig.parse({ kind: 'none' }));
    expect(printer).toBeInstanceOf(AbsentPrinter);
    await printer.start();
    expect(await printer.status()).toBe('absent');
    await expect(printer.printTicket(ticket)).rejects.toEqual(new PrinterNotReadyError('absent'));
  });
});

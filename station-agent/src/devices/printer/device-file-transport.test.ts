import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos, printedLines } from './escpos-decoder.ts';
import { EscPosPrinter } from './escpos-printer.ts';
import { DeviceFileTransport, type DeviceFile } from './device-file-transport.ts';
import { PrinterDisconnectedError } from './printer-errors.ts';
import { SimulatedPrinterDevice } from './simulated-printer-device.ts';
import { ticket } from './test-bodies.ts';

const errno = (code: string) => Object.assign(new Error(code), { code });

/** A bidirectional usblp device: answers come back on read, EAGAIN while there is nothing to read. */
function usbPrinter(device = new SimulatedPrinterDevice()) {
  const state = { pending: Buffer.alloc(0), unplugged: false, busyWrites: 0 };
  const file: DeviceFile = {
    async write(buffer, offset, length) {
      if (state.unplugged) throw errno('ENODEV');
      // usblp refuses a non-blocking write while the previous one is still going out.
      if (state.busyWrites > 0 && state.busyWrites--) throw errno('EAGAIN');
      device.receive(buffer.subarray(offset, offset + length), (reply) => {
        state.pending = Buffer.concat([state.pending, reply]);
      });
      return { bytesWritten: length };
    },
    async read(buffer, offset, length) {
      if (state.pending.length === 0) throw errno('EAGAIN');
      const bytesRead = state.pending.copy(buffer, offset, 0, length);
      state.pending = state.pending.subarray(bytesRead);
      return { bytesRead };
    },
    async close() {},
  };
  return { device, state, open: async () => file };
}

describe('DeviceFileTransport', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'sportello-lp-'))));
  afterAll(() => rm(dir, { recursive: true }));

  it('writes a ticket to a one-way device and takes it as ok', async () => {
    const path = join(dir, 'lp0');
    await writeFile(path, '');
    const transport = new DeviceFileTransport({ path, probeTimeoutMs: 30 });
    const printer = new EscPosPrinter({ transport, columns: 42 });
    await printer.start();
    expect(transport.readsBack).toBe(false);
    expect(printer.state).toBe('ok');
    await printer.printTicket(ticket);
    await printer.stop();
    // The probe's DLE EOT 1, then the ticket.
    const written = await readFile(path);
    expect([...written.subarray(0, 3)]).toEqual([0x10, 0x04, 0x01]);
    expect(printedLines(decodeEscPos(written))).toContain('N007');
  });

  it('reads DLE EOT answers back from a bidirectional printer', async () => {
    const usb = usbPrinter();
    const printer = new EscPosPrinter({
      transport: new DeviceFileTransport({ path: 'lp0', open: usb.open }),
      columns: 42,
    });
    await printer.start();
    expect(printer.state).toBe('ok');
    usb.device.setPaper('out');
    expect(await printer.status()).toBe('paper-out');
    await printer.stop();
  });

  it('waits out a busy driver instead of failing the write', async () => {
    const usb = usbPrinter();
    const transport = new DeviceFileTransport({ path: 'lp0', open: usb.open });
    await transport.open();
    usb.state.busyWrites = 3;
    await transport.write(Uint8Array.of(0x41, 0x0a, 0x1d, 0x56, 0x01));
    expect(printedLines(usb.device.printed[0]!)).toEqual(['A']);
  });

  it('reports an unplugged printer as a disconnect', async () => {
    const usb = usbPrinter();
    const transport = new DeviceFileTransport({ path: 'lp0', open: usb.open });
    await transport.open();
    const disconnected = new Promise<Error>((resolve) => transport.once('disconnect', resolve));
    usb.state.unplugged = true;
    await expect(transport.write(Uint8Array.of(0x41))).rejects.toBeInstanceOf(PrinterDisconnectedError);
    expect((await disconnected).message).toBe('ENODEV');
  });

  it('rejects open with PrinterDisconnectedError when there is no such device', async () => {
    const transport = new DeviceFileTransport({ path: join(dir, 'missing', 'lp9') });
    await expect(transport.open()).rejects.toBeInstanceOf(PrinterDisconnectedError);
  });
});

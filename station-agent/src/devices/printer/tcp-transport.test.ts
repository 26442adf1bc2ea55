import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printedLines, printedQrCodes } from './escpos-decoder.ts';
import { EscPosPrinter } from './escpos-printer.ts';
import { PrinterDisconnectedError } from './printer-errors.ts';
import { SimulatedPrinterDevice } from './simulated-printer-device.ts';
import { TcpTransport } from './tcp-transport.ts';
import { ticket } from './test-bodies.ts';

/** A network printer on 127.0.0.1: records what it receives and answers status requests. */
async function networkPrinter() {
  const device = new SimulatedPrinterDevice();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (data) => device.receive(data, (reply) => socket.write(reply)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { device, port, sockets, close };
}

describe('TcpTransport', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('prints a ticket over TCP 9100 and reads the status back', async () => {
    const remote = await networkPrinter();
    cleanups.push(remote.close);
    const printer = new EscPosPrinter({
      transport: new TcpTransport({ host: '127.0.0.1', port: remote.port }),
      columns: 42,
    });
    cleanups.push(() => printer.stop());
    await printer.start();
    expect(printer.state).toBe('ok');
    await printer.printTicket(ticket);
    await expect.poll(() => remote.device.printed.length).toBe(1);
    expect(printedLines(remote.device.printed[0]!)).toContain('N007');
    expect(printedQrCodes(remote.device.printed[0]!)).toEqual([ticket.qr!.url]);
    remote.device.setCover(true);
    expect(await printer.status()).toBe('cover-open');
  });

  it('emits disconnect when the printer closes the connection, and connects again', async () => {
    const remote = await networkPrinter();
    cleanups.push(remote.close);
    const transport = new TcpTransport({ host: '127.0.0.1', port: remote.port });
    cleanups.push(() => transport.close());
    await transport.open();
    const disconnected = new Promise<Error>((resolve) => transport.once('disconnect', resolve));
    await expect.poll(() => remote.sockets.size).toBe(1);
    for (const socket of remote.sockets) socket.end();
    expect((await disconnected).message).toMatch(/closed the connection/);
    await transport.open();
    expect(await transport.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 500)).toEqual(Buffer.from([0x12]));
  });

  it('rejects open with PrinterDisconnectedError when nothing listens', async () => {
    const remote = await networkPrinter();
    await remote.close();
    await expect(new TcpTransport({ host: '127.0.0.1', port: remote.port }).open()).rejects.toBeInstanceOf(
      PrinterDisconnectedError,
    );
  });

  it('gives up connecting after the connect timeout', async () => {
    // A printer that is off: the SYN goes unanswered and connect never completes.
    const connect = vi.spyOn(Socket.prototype, 'connect').mockImplementation(function (this: Socket) {
      return this;
    });
    cleanups.push(async () => connect.mockRestore());
    const open = new TcpTransport({ host: '192.0.2.1', port: 9100, connectTimeoutMs: 50 }).open();
    await expect(open).rejects.toThrow(/no answer in 50 ms/);
    await expect(open).rejects.toBeInstanceOf(PrinterDisconnectedError);
  });
});

import { createRequire } from 'node:module';
import type * as BindingMock from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
import type { OpenOptions } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { describe, expect, it } from 'vitest';
import { PrinterDisconnectedError } from './printer-errors.ts';
import { SerialTransport } from './serial-transport.ts';
import { SimulatedSerialBinding } from './simulated-serial-binding.ts';

const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as typeof BindingMock;

/** MockBinding, keeping hold of the port it opens so the test can play the printer. */
function mockPort(path: string) {
  MockBinding.createPort(path, { record: true });
  const opened: { port?: BindingMock.MockPortBinding } = {};
  const binding = {
    list: () => MockBinding.list(),
    open: async (options: OpenOptions) => (opened.port = await MockBinding.open(options)),
  };
  return { binding, opened };
}

describe('SerialTransport', () => {
  it('writes bytes to the port and resolves once they are drained', async () => {
    const { binding, opened } = mockPort('/dev/ttyTEST1');
    const transport = new SerialTransport({ path: '/dev/ttyTEST1', baudRate: 19200, binding });
    await transport.open();
    await transport.write(Uint8Array.of(0x1b, 0x40, 0x41));
    expect([...opened.port!.recording]).toEqual([0x1b, 0x40, 0x41]);
    await transport.close();
  });

  it('answers a request with the bytes the printer sends back', async () => {
    const { binding, opened } = mockPort('/dev/ttyTEST2');
    const transport = new SerialTransport({ path: '/dev/ttyTEST2', baudRate: 19200, binding });
    await transport.open();
    const reply = transport.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 1000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    opened.port!.emitData(Buffer.from([0x16]));
    expect([...(await reply)!]).toEqual([0x16]);
    await transport.close();
  });

  it('drops bytes that came unasked and resolves null when no answer comes', async () => {
    const { binding, opened } = mockPort('/dev/ttyTEST3');
    const transport = new SerialTransport({ path: '/dev/ttyTEST3', baudRate: 19200, binding });
    await transport.open();
    opened.port!.emitData(Buffer.from([0x12]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await transport.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 30)).toBeNull();
    await transport.close();
  });

  it('rejects open with PrinterDisconnectedError when the port does not exist', async () => {
    const transport = new SerialTransport({ path: '/dev/ttyNOPE', baudRate: 19200, binding: MockBinding });
    await expect(transport.open()).rejects.toBeInstanceOf(PrinterDisconnectedError);
  });

  it('emits disconnect when the cable is pulled, and opens again once it is back', async () => {
    const binding = new SimulatedSerialBinding();
    binding.attach('/dev/ttyTEST4', { receive: () => undefined });
    const transport = new SerialTransport({ path: '/dev/ttyTEST4', baudRate: 19200, binding });
    await transport.open();
    const disconnected = new Promise<Error>((resolve) => transport.once('disconnect', resolve));
    binding.unplug('/dev/ttyTEST4');
    expect((await disconnected).message).toMatch(/unplugged/);
    await expect(transport.write(Uint8Array.of(0x41))).rejects.toBeInstanceOf(PrinterDisconnectedError);
    await expect(transport.open()).rejects.toThrow(/No such file/);
    binding.replug('/dev/ttyTEST4');
    await transport.open();
    await transport.write(Uint8Array.of(0x41));
    await transport.close();
  });
});

import { describe, expect, it } from 'vitest';
import { printedLines } from './escpos-decoder.ts';
import { statusRequest } from './escpos-status.ts';
import { SimulatedPrinterDevice } from './simulated-printer-device.ts';

const job = (text: string) => Buffer.from(`\x1b@${text}\n\x1dV\x01`, 'latin1');

function send(device: SimulatedPrinterDevice, bytes: Uint8Array): number[] {
  const replies: number[] = [];
  device.receive(bytes, (reply) => replies.push(...reply));
  return replies;
}

describe('SimulatedPrinterDevice', () => {
  it('answers DLE EOT 1, 2 and 4 with status bytes, and nothing else', () => {
    const device = new SimulatedPrinterDevice();
    expect(send(device, Buffer.concat([statusRequest(1), statusRequest(2), statusRequest(4)]))).toEqual([
      0x12, 0x12, 0x12,
    ]);
    device.setPaper('out');
    expect(send(device, statusRequest(4))).toEqual([0x7e]);
    expect(send(device, Uint8Array.of(0x10, 0x04, 0x03))).toEqual([]);
  });

  it('holds what it receives while it cannot print, and prints it once it can, as a printer buffer does', () => {
    const device = new SimulatedPrinterDevice();
    device.setCover(true);
    send(device, job('held'));
    expect(device.printed).toHaveLength(0);
    device.setCover(false);
    expect(device.printed.map(printedLines)).toEqual([['held']]);
  });

  it('neither answers nor prints while switched off, and loses what was sent meanwhile', () => {
    const device = new SimulatedPrinterDevice();
    device.setOnline(false);
    expect(send(device, Buffer.concat([statusRequest(1), job('lost')]))).toEqual([]);
    device.setOnline(true);
    send(device, job('after'));
    expect(device.printed.map(printedLines)).toEqual([['after']]);
  });

  it('records bytes it cannot make sense of and goes on with the next job', () => {
    const device = new SimulatedPrinterDevice();
    send(device, Uint8Array.of(0x1b, 0x99, 0x00));
    send(device, job('next'));
    expect(device.errors).toHaveLength(1);
    expect(device.printed.map(printedLines)).toEqual([['next']]);
  });
});

import { describe, expect, it } from 'vitest';
import { canPrint, isStatusByte, parseStatus, statusReply, statusRequest } from './escpos-status.ts';
import { PrinterBadResponseError } from './printer-errors.ts';

const idle = { printer: 0x12, offlineCause: 0x12, paperSensor: 0x12 };

describe('escpos status', () => {
  it('requests with DLE EOT n', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...statusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it('reads a printer with no flags as ok', () => {
    expect(parseStatus(idle)).toBe('ok');
  });

  it('reads n=1 bit 3 as offline', () => {
    expect(parseStatus({ ...idle, printer: 0x12 | 0x08 })).toBe('offline');
  });

  it('reads n=2 bit 2 as cover open', () => {
    expect(parseStatus({ ...idle, printer: 0x1a, offlineCause: 0x12 | 0x04 })).toBe('cover-open');
  });

  it('reads n=2 bit 5 (stopped at paper end) as paper out', () => {
    expect(parseStatus({ ...idle, printer: 0x1a, offlineCause: 0x12 | 0x20 })).toBe('paper-out');
  });

  it('reads n=2 bit 6 (error) as offline', () => {
    expect(parseStatus({ ...idle, offlineCause: 0x12 | 0x40 })).toBe('offline');
  });

  it('reads n=4 bits 2–3 as paper near end, on either bit', () => {
    expect(parseStatus({ ...idle, paperSensor: 0x12 | 0x0c })).toBe('paper-near-end');
    expect(parseStatus({ ...idle, paperSensor: 0x12 | 0x04 })).toBe('paper-near-end');
  });

  it('reads n=4 bits 5–6 as paper out, over near end', () => {
    expect(parseStatus({ ...idle, paperSensor: 0x12 | 0x0c | 0x60 })).toBe('paper-out');
    expect(parseStatus({ ...idle, paperSensor: 0x12 | 0x20 })).toBe('paper-out');
  });

  it('puts an open cover before paper out: closing it is the first thing to do', () => {
    expect(parseStatus({ printer: 0x1a, offlineCause: 0x12 | 0x24, paperSensor: 0x7e })).toBe('cover-open');
  });

  it('rejects a byte without the fixed bits as a bad response', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0xff)).toBe(false);
    expect(() => parseStatus({ ...idle, paperSensor: 0x41 })).toThrow(PrinterBadResponseError);
  });

  it('answers like a printer in the same condition, so the simulator parses back to its controls', () => {
    const reply = (paper: 'ok' | 'near-end' | 'out', coverOpen: boolean) =>
      parseStatus({
        printer: statusReply(1, { paper, coverOpen }),
        offlineCause: statusReply(2, { paper, coverOpen }),
        paperSensor: statusReply(4, { paper, coverOpen }),
      });
    expect(reply('ok', false)).toBe('ok');
    expect(reply('near-end', false)).toBe('paper-near-end');
    expect(reply('out', false)).toBe('paper-out');
    expect(reply('ok', true)).toBe('cover-open');
  });

  it('prints only when ok or near end', () => {
    expect(
      ['ok', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'absent'].map((s) =>
        canPrint(s as never),
      ),
    ).toEqual([true, true, false, false, false, false]);
  });
});

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Barcode } from '@sportello/protocol';
import { hidPosReports } from './hid-pos-report.ts';
import { HidScanner, loadNodeHid, type HidApi, type HidDeviceInfo } from './hid-scanner.ts';

const VID = 0x0c2e;
const PID = 0x0b61;

class FakeDevice extends EventEmitter {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** node-hid as a test sees it: the devices listed, what was opened, and opening that can fail. */
function fakeHid(devices: HidDeviceInfo[], openError?: Error) {
  const opened: Array<{ path: string; device: FakeDevice }> = [];
  const api: HidApi = {
    devicesAsync: async () => devices,
    open: async (path) => {
      if (openError) throw openError;
      const device = new FakeDevice();
      opened.push({ path, device });
      return device;
    },
  };
  return { api, opened, devices };
}

const scanner = (api: HidApi | undefined, reportFormat?: 'hid-pos' | 'keyboard') =>
  new HidScanner({
    vendorId: VID,
    productId: PID,
    reportFormat,
    pollIntervalMs: 10,
    loadHid: async () => api,
  });

describe('HidScanner', () => {
  it('opens the HID POS interface of a scanner that also exposes a keyboard', async () => {
    const hid = fakeHid([
      { vendorId: VID, productId: PID, path: '/dev/hidraw0', usagePage: 0x01 },
      { vendorId: VID, productId: PID, path: '/dev/hidraw1', usagePage: 0x8c },
      { vendorId: 0x046d, productId: 0xc31c, path: '/dev/hidraw2', usagePage: 0x8c },
    ]);
    const s = scanner(hid.api);
    await s.start();
    expect(s.state).toBe('ok');
    expect(hid.opened.map((o) => o.path)).toEqual(['/dev/hidraw1']);
    const scans: Barcode[] = [];
    s.on('scan', (barcode) => scans.push(barcode));
    for (const report of hidPosReports('RSSMRA80A01H501U', ']A0'))
      hid.opened[0]!.device.emit('data', Buffer.from(report));
    expect(scans).toEqual([{ kind: 'codice-fiscale', value: 'RSSMRA80A01H501U' }]);
    await s.stop();
    expect(hid.opened[0]!.device.closed).toBe(true);
  });

  it('reads boot-keyboard reports from a scanner in keyboard mode', async () => {
    const hid = fakeHid([{ vendorId: VID, productId: PID, path: '/dev/hidraw0', usagePage: 0x01 }]);
    const s = scanner(hid.api);
    await s.start();
    const scans: Barcode[] = [];
    s.on('scan', (barcode) => scans.push(barcode));
    const { device } = hid.opened[0]!;
    // "7" then Enter: digits need no shift.
    for (const usage of [0x24, 0x00, 0x28]) device.emit('data', Buffer.from([0, 0, usage, 0, 0, 0, 0, 0]));
    expect(scans).toEqual([{ kind: 'other', value: '7' }]);
    await s.stop();
  });

  it('is absent without node-hid, and absent while the scanner is not connected', async () => {
    const withoutDriver = scanner(undefined);
    await withoutDriver.start();
    expect(withoutDriver.state).toBe('absent');
    const hid = fakeHid([]);
    const notConnected = scanner(hid.api);
    await notConnected.start();
    expect(notConnected.state).toBe('absent');
    await notConnected.stop();
  });

  it('is in error when the scanner is there but cannot be opened (no udev rule)', async () => {
    const hid = fakeHid(
      [{ vendorId: VID, productId: PID, path: '/dev/hidraw0' }],
      new Error('cannot open device'),
    );
    const s = scanner(hid.api);
    await s.start();
    expect(s.state).toBe('error');
    await s.stop();
  });

  it('goes absent on detach and reopens the scanner when it is back', async () => {
    const hid = fakeHid([{ vendorId: VID, productId: PID, path: '/dev/hidraw0', usagePage: 0x8c }]);
    const s = scanner(hid.api);
    await s.start();
    const states: string[] = [];
    s.on('state', (state) => states.push(state));
    const listed = hid.devices.splice(0);
    hid.opened[0]!.device.emit('error', new Error('could not read from HID device'));
    expect(s.state).toBe('absent');
    hid.devices.push(...listed);
    await expect.poll(() => s.state).toBe('ok');
    expect(states).toEqual(['absent', 'ok']);
    expect(hid.opened).toHaveLength(2);
    await s.stop();
  });

  it('loads node-hid or reports it unavailable, never throwing', async () => {
    const api = await loadNodeHid();
    expect(api === undefined || typeof api.devicesAsync === 'function').toBe(true);
  });
});

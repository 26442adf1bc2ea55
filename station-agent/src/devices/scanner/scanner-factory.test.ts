import { describe, expect, it } from 'vitest';
import { AbsentScanner } from './absent-scanner.ts';
import { HidScanner } from './hid-scanner.ts';
import { createScanner, parseScannerConnection } from './scanner-factory.ts';
import { SerialScanner } from './serial-scanner.ts';
import { SimulatedScanner } from './simulated-scanner.ts';

describe('scanner factory', () => {
  it('reads the short forms of env vars and the CLI', () => {
    expect(parseScannerConnection('hid:0c2e:0b61')).toEqual({
      kind: 'hid',
      vendorId: 0x0c2e,
      productId: 0x0b61,
    });
    expect(parseScannerConnection('serial:/dev/ttyACM0')).toEqual({
      kind: 'serial',
      path: '/dev/ttyACM0',
      baudRate: 9600,
    });
    expect(parseScannerConnection('simulated')).toEqual({ kind: 'simulated' });
    expect(parseScannerConnection('none')).toEqual({ kind: 'none' });
  });

  it('names what is wrong', () => {
    expect(() => parseScannerConnection('hid:0c2e')).toThrow(/productId/);
    expect(() => parseScannerConnection('hid:zz:0b61')).toThrow(/vendorId/);
    expect(() => parseScannerConnection('bluetooth:x')).toThrow(/kind/);
  });

  it('picks the implementation from the kind', () => {
    expect(createScanner({ kind: 'simulated' })).toBeInstanceOf(SimulatedScanner);
    expect(createScanner({ kind: 'hid', vendorId: 1, productId: 2 })).toBeInstanceOf(HidScanner);
    expect(createScanner({ kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600 })).toBeInstanceOf(
      SerialScanner,
    );
    expect(createScanner({ kind: 'none' })).toBeInstanceOf(AbsentScanner);
  });
});

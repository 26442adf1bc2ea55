// The scanner contract, run against the simulated scanner always and against a real one when
// SPORTELLO_TEST_SCANNER names it (hid:VID:PID in hex, or serial:/dev/ttyACM0); a person scans on cue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Barcode } from '@sportello/protocol';
import type { Scanner, ScannerState } from './scanner.ts';
import { createScanner, parseScannerConnection } from './scanner-factory.ts';
import { SimulatedScanner } from './simulated-scanner.ts';

const nextScan = (scanner: Scanner) => new Promise<Barcode>((resolve) => scanner.once('scan', resolve));
const nextState = (scanner: Scanner, wanted: ScannerState) =>
  new Promise<void>((resolve) => {
    const listener = (state: ScannerState) => {
      if (state !== wanted) return;
      scanner.off('state', listener);
      resolve();
    };
    scanner.on('state', listener);
  });

function scannerContract(scanner: () => Scanner, scan: (text: string) => void): void {
  it('is present after start', () => {
    expect(scanner().state).toBe('ok');
  });

  it("delivers a Tessera Sanitaria's codice fiscale, classified", async () => {
    const scanned = nextScan(scanner());
    scan('RSSMRA80A01H501U');
    const barcode = await scanned;
    expect(barcode.kind).toBe('codice-fiscale');
    expect(barcode.value).toMatch(/^[A-Z0-9]{16}$/);
  });
}

describe('scanner contract: simulated', () => {
  let scanner: SimulatedScanner;
  beforeEach(async () => {
    scanner = new SimulatedScanner({ pollIntervalMs: 10 });
    await scanner.start();
  });
  afterEach(() => scanner.stop());

  scannerContract(
    () => scanner,
    (text) => scanner.scan(text),
  );

  it('delivers a booking QR as its code, and long codes whole', async () => {
    const scans: Barcode[] = [];
    scanner.on('scan', (barcode) => scans.push(barcode));
    scanner.scan('https://sportello.example.it/b/K7M2QX9D');
    scanner.scan(`https://example.com/${'x'.repeat(150)}`);
    expect(scans).toEqual([
      { kind: 'booking', value: 'K7M2QX9D' },
      { kind: 'other', value: `https://example.com/${'x'.repeat(150)}` },
    ]);
  });

  it('goes absent when unplugged and ok again when plugged back, without a restart', async () => {
    const absent = nextState(scanner, 'absent');
    scanner.unplug();
    await absent;
    const ok = nextState(scanner, 'ok');
    scanner.replug();
    await ok;
    const scanned = nextScan(scanner);
    scanner.scan('SPORTELLO:K7M2QX9D');
    expect(await scanned).toEqual({ kind: 'booking', value: 'K7M2QX9D' });
  });

  it('sends nothing after stop', async () => {
    await scanner.stop();
    let scans = 0;
    scanner.on('scan', () => scans++);
    scanner.scan('RSSMRA80A01H501U');
    expect(scans).toBe(0);
  });
});

const realScanner = process.env.SPORTELLO_TEST_SCANNER;

describe.skipIf(!realScanner)(
  `scanner contract: real (SPORTELLO_TEST_SCANNER=${realScanner ?? 'unset, e.g. hid:0c2e:0b61'})`,
  { timeout: 60_000 },
  () => {
    let scanner: Scanner;
    beforeEach(async () => {
      scanner = createScanner(parseScannerConnection(realScanner!));
      await scanner.start();
    });
    afterEach(() => scanner.stop());

    scannerContract(
      () => scanner,
      () => console.warn('Scan the barcode on the back of a Tessera Sanitaria now (60 s).'),
    );
  },
);

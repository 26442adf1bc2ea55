import { describe, expect, it } from 'vitest';
import { SimulatedSerialBinding } from '../printer/simulated-serial-binding.ts';
import type { Barcode } from '@sportello/protocol';
import { SerialScanner } from './serial-scanner.ts';

function setup(path: string) {
  const binding = new SimulatedSerialBinding();
  binding.attach(path, { receive: () => undefined });
  const scanner = new SerialScanner({ path, binding, pollIntervalMs: 10 });
  const scans: Barcode[] = [];
  scanner.on('scan', (barcode) => scans.push(barcode));
  return { binding, scanner, scans };
}

describe('SerialScanner', () => {
  it('delivers one scan per line, whatever the line ending and however the bytes are split', async () => {
    const { binding, scanner, scans } = setup('/dev/ttySCAN1');
    await scanner.start();
    expect(scanner.state).toBe('ok');
    for (const chunk of [
      'RSSMRA80A0',
      '1H501U\r',
      '\nSPORTELLO:K7M2QX9D\n',
      'https://x.it/citt\xc3',
      '\xa0\r',
    ]) {
      binding.send('/dev/ttySCAN1', Buffer.from(chunk, 'latin1'));
    }
    await expect.poll(() => scans.length).toBe(3);
    expect(scans).toEqual([
      { kind: 'codice-fiscale', value: 'RSSMRA80A01H501U' },
      { kind: 'booking', value: 'K7M2QX9D' },
      { kind: 'other', value: 'https://x.it/città' },
    ]);
    await scanner.stop();
  });

  it('is absent while the port does not exist, and picks the scanner up when it appears', async () => {
    const { binding, scanner } = setup('/dev/ttySCAN2');
    binding.unplug('/dev/ttySCAN2');
    await scanner.start();
    expect(scanner.state).toBe('absent');
    binding.replug('/dev/ttySCAN2');
    await expect.poll(() => scanner.state).toBe('ok');
    await scanner.stop();
  });

  it('goes absent when unplugged and reads again after replug, without a restart', async () => {
    const { binding, scanner, scans } = setup('/dev/ttySCAN3');
    await scanner.start();
    binding.unplug('/dev/ttySCAN3');
    await expect.poll(() => scanner.state).toBe('absent');
    binding.replug('/dev/ttySCAN3');
    await expect.poll(() => scanner.state).toBe('ok');
    binding.send('/dev/ttySCAN3', Buffer.from('SPORTELLO:K7M2QX9D\r'));
    await expect.poll(() => scans).toEqual([{ kind: 'booking', value: 'K7M2QX9D' }]);
    await scanner.stop();
  });
});

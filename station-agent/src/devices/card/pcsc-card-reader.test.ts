import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CardBadResponseError,
  CardBusyError,
  CardMuteError,
  CardRemovedError,
  NoCardDriverError,
  NotSupportedHereError,
} from './card-errors.ts';
import type { CardReader, CardReaderEvent } from './card-reader.ts';
import { FakePcsc } from './fake-pcsclite.ts';
import { cardErrorFromPcsc, PcscCardReader, pcscErrorCode } from './pcsc-card-reader.ts';
import { createVirtualCie, createVirtualCns, type VirtualSmartCard } from './virtual-cards.ts';

function until(reader: CardReader, condition: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve();
    const timer = setTimeout(() => reject(new Error(`still ${reader.state}`)), 2000);
    const unsubscribe = reader.subscribe(() => {
      if (!condition()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

describe('PcscCardReader without a driver', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sportello-pcsc-'));
  const socketPath = join(folder, 'pcscd.comm');
  let reader: PcscCardReader;
  afterEach(async () => {
    await reader.close();
    rmSync(socketPath, { force: true });
  });

  it('reports no-driver at once when pcsclite or pcscd is missing, and never hangs', async () => {
    // The real loader: on this machine pcsclite is not installed; on a station the socket path is wrong.
    reader = new PcscCardReader({ socketPath: join(folder, 'missing.comm') });
    const started = Date.now();
    await reader.open();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reader.state).toBe('no-driver');
    await expect(reader.readCard()).rejects.toBeInstanceOf(NoCardDriverError);
  });

  it('does not ask the binding while pcscd is missing, and starts when it appears', async () => {
    const pcsc = new FakePcsc();
    pcsc.attach('Reader 00 00');
    reader = new PcscCardReader({ loadBinding: async () => pcsc.binding, socketPath, retryMs: 10 });
    await reader.open();
    expect(reader.state).toBe('no-driver');
    await expect(reader.readCard()).rejects.toThrow(/pcscd is not running/);
    expect(pcsc.contexts).toHaveLength(0);
    writeFileSync(socketPath, '');
    await until(reader, () => reader.state === 'ok');
  });

  it('reports no-driver when pcscd does not answer, as pcsclite throws', async () => {
    writeFileSync(socketPath, '');
    const pcsc = new FakePcsc();
    pcsc.serviceRunning = false;
    reader = new PcscCardReader({ loadBinding: async () => pcsc.binding, socketPath, retryMs: 10 });
    await reader.open();
    expect(reader.state).toBe('no-driver');
    await expect(reader.readCard()).rejects.toThrow(/Service not available/);
    pcsc.serviceRunning = true;
    await until(reader, () => reader.state === 'absent' || reader.state === 'ok');
  });

  it('loses the card when pcscd stops, and comes back with it', async () => {
    writeFileSync(socketPath, '');
    const pcsc = new FakePcsc();
    const slot = pcsc.attach('Reader 00 00');
    reader = new PcscCardReader({ loadBinding: async () => pcsc.binding, socketPath, retryMs: 10 });
    await reader.open();
    slot.insert(await createVirtualCns());
    await until(reader, () => reader.cardPresent);
    const events: CardReaderEvent[] = [];
    reader.subscribe((event) => events.push(event));
    pcsc.stopService();
    expect(events.map((e) => (e.type === 'reader' ? e.state : e.type))).toEqual(['card-removed', 'error']);
    pcsc.serviceRunning = true;
    await until(reader, () => reader.cardPresent);
    expect(await reader.readCard()).toMatchObject({ kind: 'cns' });
    expect(pcsc.contexts[0]!.closed).toBe(true);
  });
});

describe('PcscCardReader over a fake binding', () => {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'sportello-pcsc-')), 'pcscd.comm');
  writeFileSync(socketPath, '');
  let reader: PcscCardReader;
  let cns: VirtualSmartCard;
  let cie: VirtualSmartCard;
  beforeAll(async () => {
    [cns, cie] = await Promise.all([createVirtualCns(), createVirtualCie()]);
  });
  afterEach(() => reader.close());

  it('reads from either slot of a dual-interface reader, and moves to the other when one empties', async () => {
    const pcsc = new FakePcsc();
    const contact = pcsc.attach('Dual Reader [Contact] 00 00');
    const contactless = pcsc.attach('Dual Reader [Contactless] 00 01');
    reader = new PcscCardReader({ loadBinding: async () => pcsc.binding, socketPath });
    await reader.open();
    contactless.insert(cie);
    await until(reader, () => reader.cardPresent);
    contact.insert(cns);
    expect(await reader.readCard()).toMatchObject({ kind: 'cie' });
    const events: CardReaderEvent[] = [];
    reader.subscribe((event) => events.push(event));
    contactless.remove();
    expect(events.map((e) => e.type)).toEqual(['card-removed', 'card-inserted']);
    expect(await reader.readCard()).toMatchObject({ kind: 'cns' });
  });

  it('uses only the readers whose name contains readerName', async () => {
    const pcsc = new FakePcsc();
    pcsc.attach('Other Reader 00 00').insert(cns);
    reader = new PcscCardReader({ loadBinding: async () => pcsc.binding, socketPath, readerName: 'Kiosk' });
    await reader.open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reader.state).toBe('absent');
    pcsc.attach('Kiosk Reader 00 00').insert(cie);
    await until(reader, () => reader.cardPresent);
    expect(await reader.readCard()).toMatchObject({ kind: 'cie' });
  });

  it('treats a card swapped between two status events as removed and inserted', async () => {
    const pcsc = new FakePcsc();
    const slot = pcsc.attach('Reader 00 00');
    reader = new PcscCardReader({ loadBinding: async () => pcsc.binding, socketPath });
    await reader.open();
    slot.insert(cns);
    await until(reader, () => reader.cardPresent);
    const events: CardReaderEvent[] = [];
    reader.subscribe((event) => events.push(event));
    slot.emit('status', { state: slot.SCARD_STATE_PRESENT, atr: cie.atr });
    expect(events).toEqual([{ type: 'card-removed' }, { type: 'card-inserted', atr: cie.atr }]);
  });

  it('does not offer strong authentication without a PKCS#11 module', async () => {
    reader = new PcscCardReader({ loadBinding: async () => new FakePcsc().binding, socketPath });
    await reader.open();
    const signing = reader.signChallenge('12345678', Buffer.alloc(32));
    await expect(signing).rejects.toBeInstanceOf(NotSupportedHereError);
    await expect(signing).rejects.toThrow(/PKCS#11.*OpenSC.*CIE middleware/);
  });

  it('closes the binding context and readers on close', async () => {
    const pcsc = new FakePcsc();
    const slot = pcsc.attach('Reader 00 00');
    reader = new PcscCardReader({ loadBinding: async () => pcsc.binding, socketPath });
    await reader.open();
    await until(reader, () => reader.state === 'ok');
    await reader.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pcsc.contexts[0]!.closed).toBe(true);
    expect(slot.closed).toBe(true);
  });
});

describe('pcsclite errors', () => {
  it('finds the SCARD code printed in hex, or in decimal as pcsclite does on Linux', () => {
    expect(pcscErrorCode(new Error('SCardTransmit error: Card was removed.(0x80100069)'))).toBe(0x80100069);
    expect(pcscErrorCode(new Error('SCardTransmit error: Card was removed.(0x2148532329x)'))).toBe(
      0x80100069,
    );
    expect(pcscErrorCode(new Error('Card Reader not connected'))).toBeUndefined();
  });

  it.each([
    ['Card was removed.(0x80100069)', CardRemovedError],
    ['No smart card inserted.(0x8010000c)', CardRemovedError],
    ['Card is unresponsive.(0x80100066)', CardMuteError],
    ['Sharing violation.(0x8010000b)', CardBusyError],
    ['Service not available.(0x8010001d)', NoCardDriverError],
    ['Card Reader not connected', CardBadResponseError],
  ])('maps "%s" to its typed error', (message, type) => {
    expect(cardErrorFromPcsc(new Error(message), 'transmitting')).toBeInstanceOf(type);
  });
});

// The CardReader contract, one suite for every implementation: the simulator, the PC/SC reader over a fake
// pcsclite binding, and a real PC/SC reader when SPORTELLO_TEST_PCSC_READER names one (with a card in it).
import { CardData } from '@sportello/protocol';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CardBusyError,
  CardCancelledError,
  CardMuteError,
  CardRemovedError,
  NoCardError,
  NoReaderError,
  UnsupportedCardError,
} from './card-errors.ts';
import type { CardReader, CardReaderEvent } from './card-reader.ts';
import { FakePcsc } from './fake-pcsclite.ts';
import { PcscCardReader } from './pcsc-card-reader.ts';
import { SimulatedCardReader } from './simulated-card-reader.ts';
import {
  createMuteCard,
  createVirtualCie,
  createVirtualCns,
  createWrongCard,
  DEMO_CITIZEN,
  type VirtualCard,
  type VirtualSmartCard,
} from './virtual-cards.ts';

interface Harness {
  reader: CardReader;
  /** What a test can do to the reader; none on a real reader, where a person handles the card. */
  controls?: {
    insert(card: VirtualCard): Promise<void>;
    remove(): Promise<void>;
    setPresent(present: boolean): Promise<void>;
    removeAfter(answered: number): void;
  };
}

/** Resolves once `condition` holds, checked now and after every event. */
function waitFor(reader: CardReader, condition: () => boolean, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error('condition not reached in time'));
    }, timeoutMs);
    const unsubscribe = reader.subscribe(() => {
      if (!condition()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

function record(reader: CardReader): CardReaderEvent[] {
  const events: CardReaderEvent[] = [];
  reader.subscribe((event) => events.push(event));
  return events;
}

async function simulated(): Promise<Harness> {
  const reader = new SimulatedCardReader({ transmitTimeoutMs: 100 });
  await reader.open();
  return {
    reader,
    controls: {
      insert: async (card) => reader.insert(card),
      remove: async () => reader.remove(),
      setPresent: async (present) => reader.setPresent(present),
      removeAfter: (answered) => reader.removeAfter(answered),
    },
  };
}

async function pcscOverFakeBinding(): Promise<Harness> {
  const pcsc = new FakePcsc();
  const name = 'Fake Dual Interface Reader [Contact] 00 00';
  pcsc.attach(name);
  // Any existing file stands for pcscd's socket.
  const socketPath = fileURLToPath(import.meta.url);
  const reader = new PcscCardReader({
    loadBinding: async () => pcsc.binding,
    socketPath,
    transmitTimeoutMs: 100,
  });
  await reader.open();
  await waitFor(reader, () => reader.state === 'ok');
  const slot = () => pcsc.reader(name)!;
  return {
    reader,
    controls: {
      async insert(card) {
        slot().insert(card);
        await waitFor(reader, () => reader.cardPresent);
      },
      async remove() {
        slot().remove();
        await waitFor(reader, () => !reader.cardPresent);
      },
      async setPresent(present) {
        if (present) pcsc.attach(name);
        else pcsc.detach(name);
        await waitFor(reader, () => reader.state === (present ? 'ok' : 'absent'));
      },
      removeAfter: (answered) => slot().removeAfter(answered),
    },
  };
}

const realReaderName = process.env.SPORTELLO_TEST_PCSC_READER;

async function realPcsc(): Promise<Harness> {
  const reader = new PcscCardReader({ readerName: realReaderName });
  await reader.open();
  await waitFor(reader, () => reader.state === 'ok', 5000);
  return { reader };
}

function describeContract(title: string, make: () => Promise<Harness>, controlled: boolean): void {
  describe(title, () => {
    let harness: Harness;
    let reader: CardReader;
    let cns: VirtualSmartCard;
    let cie: VirtualSmartCard;
    const controls = () => harness.controls!;

    beforeAll(async () => {
      if (controlled) [cns, cie] = await Promise.all([createVirtualCns(), createVirtualCie()]);
    });
    beforeEach(async () => {
      harness = await make();
      reader = harness.reader;
    });
    afterEach(() => reader.close());

    it('opens with the reader present', () => {
      expect(reader.state).toBe('ok');
    });

    if (!controlled) {
      it('reads the card in the reader into valid card data', async () => {
        await waitFor(reader, () => reader.cardPresent, 10_000);
        expect(CardData.safeParse(await reader.readCard()).success).toBe(true);
      });
      return;
    }

    it('announces a CNS and reads its personal data', async () => {
      const events = record(reader);
      await controls().insert(cns);
      expect(events).toEqual([{ type: 'card-inserted', atr: cns.atr }]);
      expect(await reader.readCard()).toEqual({
        kind: 'cns',
        ...DEMO_CITIZEN,
        expiry: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
    });

    it('reads the NIS of a CIE', async () => {
      await controls().insert(cie);
      expect(await reader.readCard()).toEqual({ kind: 'cie', nis: '123456789012' });
    });

    it('announces a removal', async () => {
      await controls().insert(cns);
      const events = record(reader);
      await controls().remove();
      expect(events).toEqual([{ type: 'card-removed' }]);
      expect(reader.cardPresent).toBe(false);
    });

    it('rejects a card of another kind as unsupported', async () => {
      await controls().insert(createWrongCard());
      await expect(reader.readCard()).rejects.toBeInstanceOf(UnsupportedCardError);
    });

    it('calls a card that never answers mute', async () => {
      await controls().insert(createMuteCard());
      await expect(reader.readCard()).rejects.toBeInstanceOf(CardMuteError);
    });

    it('reports a card pulled out in the middle of a read', async () => {
      await controls().insert(cns);
      const events = record(reader);
      controls().removeAfter(2);
      await expect(reader.readCard()).rejects.toMatchObject({ code: 'removed-during-read' });
      expect(events).toContainEqual({ type: 'card-removed' });
    });

    it('reports the reader unplugged, card first, and plugged back in', async () => {
      await controls().insert(cns);
      const events = record(reader);
      await controls().setPresent(false);
      await expect(reader.readCard()).rejects.toBeInstanceOf(NoReaderError);
      await controls().setPresent(true);
      expect(events).toEqual([
        { type: 'card-removed' },
        { type: 'reader', state: 'absent' },
        { type: 'reader', state: 'ok' },
      ]);
      await controls().insert(cie);
      expect(await reader.readCard()).toMatchObject({ kind: 'cie' });
    });

    it('rejects a read without a card', async () => {
      await expect(reader.readCard()).rejects.toBeInstanceOf(NoCardError);
    });

    it('refuses a second operation while one runs, as busy', async () => {
      await controls().insert(cns);
      const first = reader.readCard();
      await expect(reader.readCard()).rejects.toBeInstanceOf(CardBusyError);
      await expect(first).resolves.toMatchObject({ kind: 'cns' });
    });

    it('cancels on abort, then reads again', async () => {
      await controls().insert(cns);
      const controller = new AbortController();
      const reading = reader.readCard({ signal: controller.signal });
      controller.abort();
      await expect(reading).rejects.toBeInstanceOf(CardCancelledError);
      await expect(reader.readCard()).resolves.toMatchObject({ kind: 'cns' });
    });

    it('reads a card with hostile personal data as unreadable', async () => {
      await controls().insert(await createVirtualCns({ datiPersonali: Buffer.from('0000FF0A0510000000') }));
      await expect(reader.readCard()).rejects.toMatchObject({ code: 'unreadable' });
    });

    it('cancels an operation in progress when closed', async () => {
      await controls().insert(createMuteCard());
      const reading = reader.readCard();
      await reader.close();
      await expect(reading).rejects.toBeInstanceOf(CardCancelledError);
    });

    it('fails a pending APDU as removed when the card comes out', async () => {
      await controls().insert(createMuteCard());
      const reading = reader.readCard();
      await controls().remove();
      await expect(reading).rejects.toBeInstanceOf(CardRemovedError);
    });
  });
}

describeContract('CardReader contract: simulator', simulated, true);
describeContract('CardReader contract: PC/SC reader over a fake pcsclite binding', pcscOverFakeBinding, true);
describe.skipIf(!realReaderName)(
  realReaderName
    ? `CardReader contract: real PC/SC reader "${realReaderName}"`
    : 'CardReader contract: real PC/SC reader — skipped: set SPORTELLO_TEST_PCSC_READER=<reader name> (with a card in it) to run',
  () => describeContract('contract', realPcsc, false),
);

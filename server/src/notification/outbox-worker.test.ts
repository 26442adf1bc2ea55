// The worker against a real lowdb store, a scripted provider and a clock the test moves.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfigDir, loadConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { LowdbStore } from '../store/lowdb/lowdb-store.ts';
import { booking, outboxMessage } from '../store/store.contract.ts';
import type { Store } from '../store/store.ts';
import { OutboxWorker, backoffMs } from './outbox-worker.ts';
import { reasonNotToSend } from './reminders.ts';
import { SmsSendError, type OutgoingSms, type SmsProvider } from './sms-provider.ts';

const T0 = Date.parse('2026-11-30T08:00:00Z');
let now = new Date(T0);
const clock = () => now;
const retry = { maxAttempts: 3, firstDelaySeconds: 30, maxDelaySeconds: 3600 };
const silent = pino({ level: 'silent' });

/** Answers with the next scripted outcome; records every try. */
class ScriptedProvider implements SmsProvider {
  readonly tries: OutgoingSms[] = [];
  constructor(
    private readonly script: (sms: OutgoingSms, n: number) => Promise<void> = async () => undefined,
  ) {}
  async send(sms: OutgoingSms) {
    this.tries.push(sms);
    await this.script(sms, this.tries.length);
    return { id: `p-${this.tries.length}`, status: 'accepted' as const };
  }
}

let store: Store;
let dataDir: string;
beforeEach(async () => {
  now = new Date(T0);
  dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-worker-'));
  store = await LowdbStore.open({ dataDir, now: clock });
});
afterEach(() => store.close());

function worker(provider: SmsProvider, extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
  return new OutboxWorker({
    store,
    provider,
    clock,
    log: silent,
    retry,
    pollMs: 10,
    batchSize: 10,
    leaseMs: 60_000,
    ...extra,
  });
}
const at = (seconds: number) => (now = new Date(T0 + seconds * 1000));
const list = (status: 'pending' | 'sent' | 'dead' | 'cancelled') =>
  store.read((r) => r.outboxMessages({ status, limit: 50 }));

describe('outbox worker', () => {
  it('backs off exponentially after gateway failures, then dead-letters after the last try', async () => {
    expect([1, 2, 3, 8].map((n) => backoffMs(retry, n) / 1000)).toEqual([30, 60, 120, 3600]);
    await store.transaction((tx) => tx.enqueueMessage(outboxMessage('m1')));
    const provider = new ScriptedProvider(async () => {
      throw new SmsSendError('gateway answered HTTP 500', true);
    });
    const w = worker(provider);
    expect(await w.runOnce()).toBe(1);
    expect(await list('pending')).toMatchObject([
      { attempts: 1, dueAt: new Date(T0 + 30_000).toISOString() },
    ]);
    at(29);
    expect(await w.runOnce()).toBe(0);
    at(30);
    expect(await w.runOnce()).toBe(1);
    expect((await list('pending'))[0]?.dueAt).toBe(new Date(T0 + 90_000).toISOString());
    at(90);
    await w.runOnce();
    expect(await list('pending')).toEqual([]);
    expect(await list('dead')).toMatchObject([
      { id: 'm1', attempts: 3, lastError: 'gateway answered HTTP 500' },
    ]);
    expect(provider.tries.map((t) => t.ref)).toEqual(['m1', 'm1', 'm1']);
  });

  it('gives up at once on a message the gateway refuses', async () => {
    await store.transaction((tx) => tx.enqueueMessage(outboxMessage('m1')));
    const provider = new ScriptedProvider(async () => {
      throw new SmsSendError('gateway answered HTTP 400', false);
    });
    await worker(provider).runOnce();
    expect(await list('dead')).toMatchObject([{ id: 'm1', attempts: 1 }]);
  });

  it('never sends a reminder for a cancelled, moved or past appointment', async () => {
    const config = await loadConfig(defaultConfigDir());
    const ctx = { config, store, clock, log: silent } as AppContext;
    const slot = '2026-11-30T10:00:00+01:00';
    await store.transaction(async (tx) => {
      await tx.insertBooking(booking('AAAAAAAA', slot, { status: 'cancelled' }));
      await tx.insertBooking(booking('BBBBBBBB', '2026-12-01T10:00:00+01:00'));
      await tx.insertBooking(booking('CCCCCCCC', slot));
      await tx.insertBooking(booking('DDDDDDDD', slot));
      for (const code of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC', 'DDDDDDDD'])
        await tx.enqueueMessage(
          outboxMessage(`r-${code}`, {
            kind: 'reminder',
            bookingCode: code,
            slotStart: slot,
            dueAt: at(0).toISOString(),
          }),
        );
    });
    const provider = new ScriptedProvider();
    const w = worker(provider, { reasonNotToSend: (m) => reasonNotToSend(ctx, m) });
    at(30 * 60); // 09:30 Rome: after D’s new 09:00 slot, before the 10:00 ones
    await store.transaction(async (tx) => {
      const d = (await tx.bookingByCode('DDDDDDDD'))!;
      await tx.updateBooking({ ...d, start: '2026-11-30T09:00:00+01:00', end: '2026-11-30T09:20:00+01:00' });
    });
    await w.runOnce();
    expect(provider.tries.map((t) => t.ref)).toEqual(['r-CCCCCCCC']);
    const dropped = await list('cancelled');
    expect(Object.fromEntries(dropped.map((m) => [m.bookingCode, m.lastError]))).toEqual({
      AAAAAAAA: 'not sent: the booking is cancelled',
      BBBBBBBB: 'not sent: the appointment was moved',
      DDDDDDDD: 'not sent: the appointment has already started',
    });
  });

  it('lets a successor take over what a crashed worker had claimed, with the same idempotency key', async () => {
    await store.transaction((tx) => tx.enqueueMessage(outboxMessage('m1')));
    // The first worker claims, and its process dies before answering.
    await store.claimDueMessages({ now: clock(), limit: 10, leaseMs: 60_000, worker: 'crashed' });
    const provider = new ScriptedProvider();
    const successor = worker(provider);
    at(59);
    expect(await successor.runOnce()).toBe(0);
    at(61);
    expect(await successor.runOnce()).toBe(1);
    expect(provider.tries).toMatchObject([{ ref: 'm1' }]);
    expect(await list('sent')).toMatchObject([{ id: 'm1', attempts: 2, providerMessageId: 'p-1' }]);
  });

  it('polls on its own, and on stop waits for the messages it is sending', async () => {
    let release: () => void = () => undefined;
    const provider = new ScriptedProvider(() => new Promise<void>((resolve) => (release = resolve)));
    const w = worker(provider);
    w.start();
    await store.transaction((tx) => tx.enqueueMessage(outboxMessage('m1')));
    while (provider.tries.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await list('sent')).toMatchObject([{ id: 'm1' }]);
  });
});

// The worker wakes when the next message falls due, not on a poll: with fake timers (and the clock they move),
// a reminder goes out at its due time, a new earlier one re-arms the wake-up, and none goes out twice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { LowdbStore } from '../store/lowdb/lowdb-store.ts';
import { outboxMessage } from '../store/store.contract.ts';
import type { Store } from '../store/store.ts';
import { announcingOutbox } from './outbox-channel.ts';
import { OutboxWorker } from './outbox-worker.ts';
import type { OutgoingSms, SmsProvider } from './sms-provider.ts';

const T0 = Date.parse('2026-11-30T08:00:00Z');

class RecordingProvider implements SmsProvider {
  readonly sent: { ref: string; at: number }[] = [];
  async send(sms: OutgoingSms) {
    this.sent.push({ ref: sms.ref, at: Date.now() });
    return { id: `p-${this.sent.length}`, status: 'accepted' as const };
  }
}

let dataDir: string;
let raw: LowdbStore;
let store: Store;
let provider: RecordingProvider;
let worker: OutboxWorker;
let claims: number;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
  dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-wake-'));
  raw = await LowdbStore.open({ dataDir, now: () => new Date() });
  store = announcingOutbox(raw);
  claims = 0;
  const claimDueMessages: Store['claimDueMessages'] = (options) => {
    claims++;
    return store.claimDueMessages(options);
  };
  provider = new RecordingProvider();
  worker = new OutboxWorker({
    store: new Proxy(store, {
      get: (target, name) => (name === 'claimDueMessages' ? claimDueMessages : Reflect.get(target, name)),
    }),
    provider,
    clock: () => new Date(),
    log: pino({ level: 'silent' }),
    retry: { maxAttempts: 3, firstDelaySeconds: 30, maxDelaySeconds: 3600 },
    // The longest sleep: a poll this long would make every test below fail.
    pollMs: 60_000,
    batchSize: 10,
    leaseMs: 60_000,
  });
});

afterEach(async () => {
  await worker.stop();
  vi.useRealTimers();
  await raw.close();
  await rm(dataDir, { recursive: true, force: true });
});

const enqueue = (id: string, dueInMs: number) =>
  store.transaction((tx) =>
    tx.enqueueMessage(
      outboxMessage(id, {
        kind: 'reminder',
        slotStart: new Date(T0 + 86_400_000).toISOString(),
        dueAt: new Date(T0 + dueInMs).toISOString(),
      }),
    ),
  );

const realTimeout = globalThis.setTimeout;

/** Lets the worker finish its look at the outbox (real file I/O) and go back to sleep, at the same fake time. */
async function asleep(): Promise<Date> {
  await vi.advanceTimersByTimeAsync(0);
  for (let i = 0; i < 1000; i++) {
    if (worker.wakesAt) return worker.wakesAt;
    await new Promise((resolve) => realTimeout(resolve, 5));
  }
  throw new Error('the worker did not go back to sleep');
}

it('sleeps until the earliest pending message falls due and sends it then, without polling', async () => {
  await enqueue('r1', 30_000);
  worker.start();
  expect(await asleep()).toEqual(new Date(T0 + 30_000));
  await vi.advanceTimersByTimeAsync(29_999);
  expect(provider.sent).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  await asleep();
  expect(provider.sent).toEqual([{ ref: 'r1', at: T0 + 30_000 }]);
  // One look at start, one at the due time: nothing in between.
  expect(claims).toBe(2);
});

it('re-arms on a message enqueued for sooner than it planned to wake, and sends each message once', async () => {
  await enqueue('later', 40_000);
  worker.start();
  expect(await asleep()).toEqual(new Date(T0 + 40_000));
  await vi.advanceTimersByTimeAsync(5_000);
  await enqueue('sooner', 10_000);
  expect(await asleep()).toEqual(new Date(T0 + 10_000));
  await vi.advanceTimersByTimeAsync(5_000);
  expect(await asleep()).toEqual(new Date(T0 + 40_000));
  expect(provider.sent).toEqual([{ ref: 'sooner', at: T0 + 10_000 }]);
  await vi.advanceTimersByTimeAsync(30_000);
  await asleep();
  await vi.advanceTimersByTimeAsync(120_000);
  await asleep();
  expect(provider.sent).toEqual([
    { ref: 'sooner', at: T0 + 10_000 },
    { ref: 'later', at: T0 + 40_000 },
  ]);
  const sent = await store.read((r) => r.outboxMessages({ status: 'sent', limit: 10 }));
  expect(sent.map((m) => [m.id, m.attempts]).sort()).toEqual([
    ['later', 1],
    ['sooner', 1],
  ]);
});

it('wakes at once for a message due now, and sleeps its longest when nothing is pending', async () => {
  worker.start();
  expect(await asleep()).toEqual(new Date(T0 + 60_000));
  await enqueue('now', 0);
  await vi.advanceTimersByTimeAsync(0);
  await asleep();
  expect(provider.sent).toEqual([{ ref: 'now', at: T0 }]);
  expect(claims).toBe(2);
});

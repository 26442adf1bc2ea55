// The timed store: every operation timed with its outcome, records counted only once their transaction
// committed, the SMS worker's results counted, everything else passed through untouched.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../store/lowdb/lowdb-store.ts';
import { booking, outboxMessage, ticket } from '../store/store.contract.ts';
import type { Store } from '../store/store.ts';
import { instrumentStore } from './instrument-store.ts';
import { createMetrics, type Metrics } from './metrics.ts';

const now = new Date('2026-11-30T08:00:00Z');
let raw: LowdbStore;
let store: Store;
let metrics: Metrics;

beforeEach(async () => {
  raw = await LowdbStore.open({
    dataDir: await mkdtemp(path.join(tmpdir(), 'sportello-metrics-')),
    now: () => now,
  });
  metrics = createMetrics();
  store = instrumentStore(raw, metrics);
});
afterEach(() => raw.close());

/** A counter's value, or a histogram's count, summed over the samples whose labels include `labels`. */
async function count(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? [])
    .filter((v) => {
      const sample = (v as { metricName?: string }).metricName;
      return sample === undefined || sample === `${name}_count`;
    })
    .filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

const duration = 'sportello_store_operation_duration_seconds';

describe('the timed store', () => {
  it('counts bookings and tickets once committed, never those of a transaction that threw', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.insertBooking(booking('AAAAAAAA', '2026-12-01T08:30:00+01:00'));
        throw new Error('slot taken');
      }),
    ).rejects.toThrow('slot taken');
    expect(await count('sportello_bookings_created_total', { sede: 'rovigo' })).toBe(0);
    expect(await count(duration, { operation: 'transaction', outcome: 'rolled-back' })).toBe(1);

    await store.transaction(async (tx) => {
      await tx.insertBooking(booking('BBBBBBBB', '2026-12-01T08:30:00+01:00', { mode: 'callback' }));
      await tx.insertTicket(ticket('t1'));
    });
    expect(await count('sportello_bookings_created_total', { sede: 'rovigo', mode: 'callback' })).toBe(1);
    expect(await count('sportello_tickets_issued_total', { sede: 'rovigo' })).toBe(1);
    expect(await count(duration, { operation: 'transaction', outcome: 'ok' })).toBe(1);
    // The committed data is there, read through the timed store.
    expect((await store.read((r) => r.bookingByCode('BBBBBBBB')))?.mode).toBe('callback');
    expect(await count(duration, { operation: 'read', outcome: 'ok' })).toBe(1);
  });

  it('counts what the SMS worker did with each message it held', async () => {
    await store.transaction(async (tx) => {
      for (const id of ['m1', 'm2', 'm3'])
        await tx.enqueueMessage(outboxMessage(id, { dueAt: now.toISOString() }));
    });
    const claimed = await store.claimDueMessages({ now, limit: 10, leaseMs: 60_000, worker: 'w' });
    expect(claimed).toHaveLength(3);
    expect(await store.completeMessage('m1', { now })).toBe(true);
    expect(
      await store.failMessage('m2', 'w', { now, error: 'timeout', retryAt: new Date(now.getTime() + 1000) }),
    ).toBe(true);
    expect(await store.failMessage('m3', 'w', { now, error: 'refused', final: 'dead' })).toBe(true);
    // Not held by this worker: nothing happened, nothing counted.
    expect(await store.failMessage('m2', 'other', { now, error: 'x', final: 'dead' })).toBe(false);
    expect(await count('sportello_outbox_outcomes_total', { outcome: 'sent' })).toBe(1);
    expect(await count('sportello_outbox_outcomes_total', { outcome: 'retry' })).toBe(1);
    expect(await count('sportello_outbox_outcomes_total', { outcome: 'dead' })).toBe(1);
    expect(await count(duration, { operation: 'claimDueMessages', outcome: 'ok' })).toBe(1);
  });

  it('passes everything else through: listening, ping, the outbox summary', async () => {
    const heard: string[] = [];
    const stop = store.listen('floor:rovigo', (payload) => heard.push(payload));
    await store.transaction(async (tx) => tx.notify('floor:rovigo', 'changed'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    expect(heard).toEqual(['changed']);
    await expect(store.ping()).resolves.toBeUndefined();
    expect(await store.read((r) => r.pendingSummary(now))).toEqual({ due: 0, scheduled: 0 });
  });
});

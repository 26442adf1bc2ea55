// Bench rows for the SMS outbox on lowdb: messages per second from the outbox through the HTTP
// gateway adapter to a gateway on loopback, and how late reminders go out with 10k of them pending.
// Worker settings are the shipped config/notifications.json's (batch size, longest sleep); the store announces
// each message put in the outbox, as the server's does, and the worker wakes at the next due time.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SmsGatewaySettings, type NotificationSettings } from '@sportello/protocol';
import pino from 'pino';
import { HttpSmsGateway } from '../../server/src/notification/http-sms-gateway.ts';
import { announcingOutbox } from '../../server/src/notification/outbox-channel.ts';
import { OutboxWorker } from '../../server/src/notification/outbox-worker.ts';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.ts';
import type { NewOutboxMessage, Store } from '../../server/src/store/store.ts';
import { FakeSmsGateway } from '../../server/src/testing/fake-sms-gateway.ts';
import { valueTable, type BenchRow } from './bench-support.ts';

const THROUGHPUT_MESSAGES = 3000;
const PENDING_REMINDERS = 10_000;
/** Of the pending reminders, these fall due during the measurement; the rest wait for later days. */
const DUE_NOW = 200;
const DUE_WINDOW_MS = 5000;
const DAY_MS = 86_400_000;
/** Issue 16: reminders out within this of their due time (p99) with 10k pending. */
const LAG_GOAL_P99_MS = 100;

function message(dueAt: number, slotStart: number, kind: 'confirmation' | 'reminder'): NewOutboxMessage {
  return {
    id: randomUUID(),
    kind,
    bookingCode: 'BENCH000',
    to: `+39347${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    language: 'it',
    // As long as a real web-meeting confirmation.
    text: 'x'.repeat(280),
    slotStart: new Date(slotStart).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
    createdAt: new Date().toISOString(),
  };
}

async function enqueueAll(store: Store, messages: NewOutboxMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 500)
    await store.transaction(async (tx) => {
      for (const m of messages.slice(i, i + 500)) await tx.enqueueMessage(m);
    });
}

async function until(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const stop = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > stop) throw new Error('outbox bench: timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function withOutbox<T>(
  settings: NotificationSettings,
  body: (store: Store, gateway: FakeSmsGateway, worker: OutboxWorker) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-outbox-bench-'));
  const gateway = await FakeSmsGateway.start();
  const store = announcingOutbox(await LowdbStore.open({ dataDir }));
  const provider = new HttpSmsGateway(
    SmsGatewaySettings.parse({
      url: `${gateway.url}/sms`,
      idempotencyHeader: 'Idempotency-Key',
      bodyTemplate: { sender: '{{sender}}', recipient: ['{{to}}'], message: '{{text}}' },
      success: { jsonPath: 'result', equals: 'OK' },
      messageIdPath: 'order_id',
    }),
    settings.senderName,
  );
  const worker = new OutboxWorker({
    store,
    provider,
    clock: () => new Date(),
    log: pino({ level: 'silent' }),
    retry: settings.retry,
    pollMs: settings.worker.pollMilliseconds,
    batchSize: settings.worker.batchSize,
    leaseMs: settings.worker.leaseSeconds * 1000,
  });
  try {
    return await body(store, gateway, worker);
  } finally {
    await worker.stop();
    await store.close();
    await gateway.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function notificationBench(settings: NotificationSettings): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { batchSize, pollMilliseconds } = settings.worker;

  // Confirmations of bookings spread over the next 60 days, all due now.
  await withOutbox(settings, async (store, gateway, worker) => {
    const now = Date.now();
    await enqueueAll(
      store,
      Array.from({ length: THROUGHPUT_MESSAGES }, () =>
        message(now, now + Math.floor(Math.random() * 60) * DAY_MS + DAY_MS, 'confirmation'),
      ),
    );
    const started = performance.now();
    worker.start();
    await until(
      async () =>
        gateway.accepted().length >= THROUGHPUT_MESSAGES &&
        (await store.read((r) => r.outboxMessages({ status: 'pending', limit: 1 }))).length === 0,
      120_000,
    );
    const seconds = (performance.now() - started) / 1000;
    rows.push({
      name: `outbox → HTTP gateway on loopback: ${THROUGHPUT_MESSAGES} messages sent (batch ${batchSize})`,
      value: THROUGHPUT_MESSAGES / seconds,
      unit: 'messages/s',
    });
  });

  // 10k reminders pending over the next 60 days; a few fall due over the next seconds.
  await withOutbox(settings, async (store, gateway, worker) => {
    const now = Date.now();
    const later = Array.from({ length: PENDING_REMINDERS - DUE_NOW }, (_, i) => {
      const slot = now + DAY_MS + (i % 60) * DAY_MS + (i % 480) * 60_000;
      return message(slot - 30 * 60_000, slot, 'reminder');
    });
    await enqueueAll(store, later);
    // Due from a little after the set-up (the probe below), which must not eat into the window.
    const start = Date.now() + 3000;
    const soon = Array.from({ length: DUE_NOW }, (_, i) => {
      const due = start + Math.floor((i * DUE_WINDOW_MS) / DUE_NOW);
      return message(due, due + 30 * 60_000, 'reminder');
    });
    await enqueueAll(store, soon);
    const dueAt = new Map(soon.map((m) => [m.id, Date.parse(m.dueAt)]));

    const claims = 20;
    const claimStarted = performance.now();
    for (let i = 0; i < claims; i++)
      await store.claimDueMessages({
        now: new Date(now),
        limit: batchSize,
        leaseMs: 60_000,
        worker: 'probe',
      });
    rows.push({
      name: `claim with ${PENDING_REMINDERS.toLocaleString('en-US')} reminders pending, none due`,
      value: (performance.now() - claimStarted) / claims,
      unit: 'ms',
    });

    if (Date.now() >= start) throw new Error('outbox bench: the set-up took longer than its 3 s lead');
    worker.start();
    await until(async () => gateway.accepted().length >= DUE_NOW, DUE_WINDOW_MS + 60_000);
    const lags = gateway
      .accepted()
      .map((r) => r.receivedAt - dueAt.get(r.key ?? '')!)
      .sort((a, b) => a - b);
    const label = `reminder lag (sent − due) at ${PENDING_REMINDERS.toLocaleString('en-US')} pending, woken at the due time (longest sleep ${pollMilliseconds} ms)`;
    rows.push({ name: `${label}: p50`, value: percentile(lags, 50), unit: 'ms' });
    rows.push({
      name: `${label}: p99 (goal < ${LAG_GOAL_P99_MS} ms)`,
      value: percentile(lags, 99),
      unit: 'ms',
    });
    const sentEarly = lags.filter((lag) => lag < 0).length;
    if (sentEarly > 0) throw new Error(`${sentEarly} reminders went out before they were due`);
  });
  return rows;
}

export function notificationTable(rows: BenchRow[]): string {
  return valueTable('notifications', rows);
}

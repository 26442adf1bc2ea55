// The SMS worker of instance A sends a message enqueued on B while A's LISTEN connection was lost: once A
// listens again it reads the outbox (onResync) instead of sleeping until its next poll (an hour here).
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { outboxMessage } from '../store/store.contract.ts';
import { openLosableStore } from '../store/postgres/listener-loss.ts';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from '../store/postgres/test-database.ts';
import { OUTBOX_CHANNEL } from './outbox-channel.ts';
import { OutboxWorker } from './outbox-worker.ts';
import type { OutgoingSms, SmsProvider } from './sms-provider.ts';

describe('SMS worker after a resync (PostgreSQL)', () => {
  afterAll(() => dropTestSchemas(), 60_000);

  it('sends at once a message whose announcement it missed', async () => {
    const schema = await testSchema('resync');
    const a = await openLosableStore(schema);
    const b = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 2 });
    const sent: string[] = [];
    const provider: SmsProvider = {
      send: async (sms: OutgoingSms) => {
        sent.push(sms.ref);
        return { id: `p-${sent.length}`, status: 'accepted' as const };
      },
    };
    const worker = new OutboxWorker({
      store: a.store,
      provider,
      clock: () => new Date(),
      log: pino({ level: 'silent' }),
      retry: { maxAttempts: 3, firstDelaySeconds: 30, maxDelaySeconds: 3600 },
      pollMs: 3_600_000,
      batchSize: 10,
      leaseMs: 60_000,
    });
    try {
      worker.start();
      // Nothing pending: it sleeps until the next announcement, or the hour's poll.
      await vi.waitFor(() => expect(worker.wakesAt).toBeDefined());
      const id = randomUUID();
      const due = new Date().toISOString();
      await a.missChange(b, async (tx) => {
        await tx.enqueueMessage(
          outboxMessage(id, { dueAt: due, slotStart: new Date(Date.now() + 86_400_000).toISOString() }),
        );
        tx.notify(OUTBOX_CHANNEL, due);
      });
      await vi.waitFor(() => expect(sent).toEqual([id]), { timeout: 5_000 });
    } finally {
      await worker.stop();
      await Promise.all([a.store.close(), b.close()]);
    }
  });
});

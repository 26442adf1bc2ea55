// The admin's SMS outbox over real HTTP: the pending queue's depth and oldest wait, dead letters with the
// number masked to its last three digits, retried (pending again, due now, tries from zero) or cancelled,
// each audited; a letter already handled answers 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const NOW = '2026-11-30T09:00:00+01:00';
let server: TestServer;
let admin: string;

/** A message given up on after three tries, as the worker leaves it. */
async function deadLetter(id: string, bookingCode: string) {
  const store = server.ctx.store;
  const created = new Date(Date.parse(NOW) - 3_600_000);
  await store.transaction((tx) =>
    tx.enqueueMessage({
      id,
      kind: 'confirmation',
      bookingCode,
      to: '+393471234567',
      language: 'it',
      text: `Prenotazione ${bookingCode} confermata`,
      slotStart: '2026-12-02T09:00:00+01:00',
      dueAt: created.toISOString(),
      createdAt: created.toISOString(),
    }),
  );
  const [claimed] = await store.claimDueMessages({ now: created, limit: 1, leaseMs: 60_000, worker: 'w' });
  expect(claimed?.id).toBe(id);
  await store.failMessage(id, 'w', { now: created, error: 'gateway answered HTTP 400', final: 'dead' });
}

beforeAll(async () => {
  server = await startTestServer(NOW);
  admin = await server.login('admin');
  await deadLetter('dead-1', 'AAAA1111');
  await deadLetter('dead-2', 'BBBB2222');
  // One waiting for ten minutes, one reminder for later.
  await server.ctx.store.transaction(async (tx) => {
    for (const [id, due] of [
      ['late', Date.parse(NOW) - 600_000],
      ['later', Date.parse(NOW) + 86_400_000],
    ] as const)
      await tx.enqueueMessage({
        id,
        kind: 'reminder',
        bookingCode: 'CCCC3333',
        to: '+393331112222',
        language: 'it',
        text: 'Promemoria',
        slotStart: '2026-12-02T09:00:00+01:00',
        dueAt: new Date(due).toISOString(),
        createdAt: new Date(Date.parse(NOW) - 7_200_000).toISOString(),
      });
  });
});
afterAll(async () => {
  await server.stop();
});

const summary = async () => (await server.call('GET', '/api/v1/messages/summary', { token: admin })).body;

describe('SMS dead letters', () => {
  it('shows the queue and the dead letters, numbers masked to their last three digits', async () => {
    expect(await summary()).toEqual({ due: 1, scheduled: 1, oldestDueSeconds: 600, dead: 2 });
    const dead = await server.call('GET', '/api/v1/messages?status=dead', { token: admin });
    expect(dead.body.messages).toHaveLength(2);
    expect(dead.body.messages[0]).toMatchObject({
      kind: 'confirmation',
      to: '+*********567',
      attempts: 1,
      lastError: 'gateway answered HTTP 400',
    });
    expect(JSON.stringify(dead.body)).not.toContain('Prenotazione');
    const clerk = await server.login('sportello.rovigo');
    expect((await server.call('GET', '/api/v1/messages/summary', { token: clerk })).status).toBe(403);
    expect((await server.call('POST', '/api/v1/messages/dead-1/retry', { token: clerk })).status).toBe(403);
  });

  it('retries one (pending again, due now, tries from zero) and cancels the other, each once and audited', async () => {
    const retried = await server.call('POST', '/api/v1/messages/dead-1/retry', { token: admin });
    expect(retried.body).toEqual({ id: 'dead-1', status: 'pending' });
    const pending = await server.call('GET', '/api/v1/messages?status=pending', { token: admin });
    expect(pending.body.messages.find((m: { id: string }) => m.id === 'dead-1')).toMatchObject({
      id: 'dead-1',
      attempts: 0,
      dueAt: new Date(NOW).toISOString(),
    });
    const again = await server.call('POST', '/api/v1/messages/dead-1/retry', { token: admin });
    expect([again.status, again.body.error.code]).toEqual([404, 'not_found']);

    expect((await server.call('POST', '/api/v1/messages/dead-2/cancel', { token: admin })).body).toEqual({
      id: 'dead-2',
      status: 'cancelled',
    });
    expect((await server.call('POST', '/api/v1/messages/dead-2/retry', { token: admin })).status).toBe(404);
    expect(await summary()).toEqual({ due: 2, scheduled: 1, oldestDueSeconds: 600, dead: 0 });

    const audit = await server.call('GET', '/api/v1/audit?date=2026-11-30', { token: admin });
    expect(audit.body.events).toEqual([
      expect.objectContaining({
        actor: 'admin',
        action: 'sms.dead-letter.retried',
        subject: 'dead-1',
        details: { kind: 'confirmation', booking: 'AAAA1111' },
      }),
      expect.objectContaining({ action: 'sms.dead-letter.cancelled', subject: 'dead-2' }),
    ]);
  });
});

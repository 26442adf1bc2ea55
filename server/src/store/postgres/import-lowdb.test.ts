// db:import-lowdb: a lowdb data folder written through the lowdb store, moved into a fresh PostgreSQL schema
// twice: the second run doubles nothing, and the moved store goes on where lowdb stopped.
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LowdbStore } from '../lowdb/lowdb-store.ts';
import { booking, callRecord, outboxMessage, ticket } from '../store.contract.ts';
import { teamsMeeting } from '../teams-meetings.contract.ts';
import { importLowdb } from './import-lowdb.ts';
import { PostgresStore } from './postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from './test-database.ts';

const now = () => new Date('2026-11-28T10:00:00Z');
afterAll(() => dropTestSchemas(), 60_000);

it('moves every kind of record, twice without doubling, and numbering goes on where lowdb stopped', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-import-'));
  const lowdb = await LowdbStore.open({ dataDir, now });
  await lowdb.transaction(async (tx) => {
    await tx.insertBooking(booking('AAAAAAAA', '2026-12-01T08:30:00+01:00'));
    await tx.insertBooking(booking('BBBBBBBB', '2026-12-02T09:00:00+01:00', { status: 'cancelled' }));
    await tx.nextTicketNumber('rovigo', '2026-12-01', 'A');
    await tx.nextTicketNumber('rovigo', '2026-12-01', 'A');
    await tx.insertTicket(ticket('t1', { number: 'A001' }));
    await tx.insertTicket(ticket('t2', { number: 'A002', status: 'done' }));
    await tx.putCallRecord(callRecord('c1'));
    await tx.appendAudit({ at: '2026-12-01T09:00:00.000Z', actor: 'admin', action: 'test', subject: 'x' });
    await tx.putStaffAccount({
      username: 'sportello.rovigo',
      name: 'Davide Cestari',
      roles: ['counter'],
      sede: 'rovigo',
      passwordHash: 'h',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    await tx.enqueueMessage(outboxMessage('m1'));
    await tx.enqueueMessage(outboxMessage('m2', { bookingCode: 'BBBBBBBB' }));
    await tx.putTeamsMeeting(teamsMeeting('AAAAAAAA', { meetingId: 'MSo1', joinUrl: 'https://t/j' }));
  });
  await lowdb.completeMessage('m2', { now: now(), providerMessageId: 'p2' });
  await lowdb.close();

  const schema = await testSchema('import');
  const store = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, now });
  try {
    const first = await importLowdb(dataDir, store);
    expect(first).toMatchObject({
      bookings: 2,
      tickets: 2,
      'video calls': 1,
      'audit events': 1,
      SMS: 2,
      'Teams meetings': 1,
    });
    const second = await importLowdb(dataDir, store);
    expect(second['audit events']).toBeUndefined();

    const read = <T>(fn: Parameters<typeof store.read<T>>[0]) => store.read(fn);
    expect((await read((r) => r.bookingByCode('AAAAAAAA')))?.citizen.firstName).toBe('Mario');
    expect((await read((r) => r.bookingsOfDay('rovigo', '2026-12-02'))).map((b) => b.status)).toEqual([
      'cancelled',
    ]);
    expect((await read((r) => r.ticketsOfDay('rovigo', '2026-12-01'))).map((t) => t.id)).toEqual([
      't1',
      't2',
    ]);
    // As lowdb gave it: its journal key stays behind.
    expect(await read((r) => r.auditOfDay('2026-12-01'))).toEqual([
      { at: '2026-12-01T09:00:00.000Z', actor: 'admin', action: 'test', subject: 'x' },
    ]);
    expect((await read((r) => r.callRecord('c1')))?.official).toBe('ro-laura-bianchi');
    expect((await read((r) => r.staffAccount('sportello.rovigo')))?.roles).toEqual(['counter']);
    expect(await read((r) => r.teamsMeeting('AAAAAAAA'))).toMatchObject({
      meetingId: 'MSo1',
      dueAt: expect.any(String),
    });
    // Still due: a PostgreSQL worker claims it.
    expect(
      await store.claimTeamsMeetings({
        now: new Date('2026-12-01T00:00:00Z'),
        limit: 5,
        leaseMs: 1000,
        worker: 'w',
      }),
    ).toHaveLength(1);
    expect((await read((r) => r.outboxMessages({ status: 'pending', limit: 10 }))).map((m) => m.id)).toEqual([
      'm1',
    ]);
    const sent = await read((r) => r.outboxMessages({ status: 'sent', bookingCode: 'BBBBBBBB', limit: 10 }));
    expect(sent.map((m) => m.providerMessageId)).toEqual(['p2']);
    // The next ticket of the day is A003, not a second A001.
    expect(await store.transaction((tx) => tx.nextTicketNumber('rovigo', '2026-12-01', 'A'))).toBe(3);
  } finally {
    await store.close();
  }
});

it('refuses a folder whose journal still holds acknowledged records, and replays it when told the server stopped', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-import-live-'));
  const crashed = await mkdtemp(path.join(tmpdir(), 'sportello-import-crashed-'));
  const lowdb = await LowdbStore.open({ dataDir, now, journal: { checkpointMs: 600_000 } });
  await lowdb.transaction((tx) => tx.insertBooking(booking('CCCCCCCC', '2026-12-03T08:30:00+01:00')));
  // The folder as a power cut would leave it: the booking acknowledged, only in the journal.
  await cp(dataDir, crashed, { recursive: true });
  await lowdb.close();

  const schema = await testSchema('import_journal');
  const store = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, now });
  try {
    await expect(importLowdb(crashed, store)).rejects.toThrow(/journal-\d+\.ndjson: .*--replay-journal/);
    expect(await store.read((r) => r.bookingByCode('CCCCCCCC'))).toBeUndefined();
    const counts = await importLowdb(crashed, store, undefined, { replayJournal: true });
    expect(counts.bookings).toBe(1);
    expect((await store.read((r) => r.bookingByCode('CCCCCCCC')))?.status).toBe('booked');
  } finally {
    await store.close();
  }
});

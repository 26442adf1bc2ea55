// The store contract of Teams meeting records (teams-meetings.ts) and of a held SMS released when its
// meeting exists (OutboxWriter.releaseMessage). Run by storeContract on both stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessage, type StoreFactory } from './store.contract.ts';
import type { Store } from './store.ts';
import type { TeamsMeeting } from './teams-meetings.ts';

const T0 = Date.parse('2026-11-30T08:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

export function teamsMeeting(code: string, overrides: Partial<TeamsMeeting> = {}): TeamsMeeting {
  return {
    bookingCode: code,
    sede: 'rovigo',
    organizer: 'sportello.rovigo@inps.example',
    start: '2026-12-01T08:30:00.000Z',
    end: '2026-12-01T08:50:00.000Z',
    subject: `Appuntamento INPS ${code}`,
    cancelled: false,
    version: 1,
    syncedVersion: 0,
    dueAt: at(0).toISOString(),
    attempts: 0,
    createdAt: at(0).toISOString(),
    updatedAt: at(0).toISOString(),
    ...overrides,
  };
}

export function teamsMeetingsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: Teams meetings`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps a record per booking, replaced by the next put, and after a reopen', async () => {
      await store.transaction((tx) => tx.putTeamsMeeting(teamsMeeting('AAAA1111')));
      const done = teamsMeeting('AAAA1111', { syncedVersion: 1, meetingId: 'm1', joinUrl: 'https://x/j' });
      delete done.dueAt;
      await store.transaction((tx) => tx.putTeamsMeeting(done));
      store = await factory.reopen(store);
      expect(await store.read((r) => r.teamsMeeting('AAAA1111'))).toEqual(done);
      expect(await store.read((r) => r.teamsMeeting('BBBB2222'))).toBeUndefined();
    });

    it('a put is undone with its transaction', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.putTeamsMeeting(teamsMeeting('AAAA1111'));
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await store.read((r) => r.teamsMeeting('AAAA1111'))).toBeUndefined();
    });

    it('claims due records under a lease, soonest first, never twice while the lease holds', async () => {
      await store.transaction(async (tx) => {
        await tx.putTeamsMeeting(teamsMeeting('LATER000', { dueAt: at(60).toISOString() }));
        await tx.putTeamsMeeting(teamsMeeting('SECOND00', { dueAt: at(-5).toISOString() }));
        await tx.putTeamsMeeting(teamsMeeting('FIRST000', { dueAt: at(-10).toISOString() }));
        const synced = teamsMeeting('SYNCED00');
        delete synced.dueAt;
        await tx.putTeamsMeeting(synced);
      });
      const [a, b] = await Promise.all([
        store.claimTeamsMeetings({ now: at(0), limit: 10, leaseMs: 30_000, worker: 'a' }),
        store.claimTeamsMeetings({ now: at(0), limit: 10, leaseMs: 30_000, worker: 'b' }),
      ]);
      const claimed = [...a, ...b];
      expect(claimed.map((m) => m.bookingCode).sort()).toEqual(['FIRST000', 'SECOND00']);
      const mine = a.length > 0 ? a : b;
      expect(mine.map((m) => m.bookingCode)).toEqual(['FIRST000', 'SECOND00']);
      expect(mine[0]).toMatchObject({ attempts: 1, lease: { until: at(30).toISOString() } });
      expect(
        await store.claimTeamsMeetings({ now: at(10), limit: 10, leaseMs: 30_000, worker: 'c' }),
      ).toEqual([]);
      // The lease ran out (its worker died): another takes the record over, counting a second try.
      const again = await store.claimTeamsMeetings({ now: at(61), limit: 1, leaseMs: 30_000, worker: 'c' });
      expect(again).toMatchObject([{ bookingCode: 'FIRST000', attempts: 2, lease: { worker: 'c' } }]);
    });

    it('releases a held message once: due now, unless leased, finished or already due', async () => {
      await store.transaction(async (tx) => {
        await tx.enqueueMessage(outboxMessage('held', { dueAt: at(900).toISOString() }));
        await tx.enqueueMessage(outboxMessage('due', { dueAt: at(-1).toISOString() }));
      });
      expect(await store.transaction((tx) => tx.releaseMessage('held', at(10)))).toBe(true);
      expect(await store.transaction((tx) => tx.releaseMessage('held', at(10)))).toBe(false);
      expect(await store.transaction((tx) => tx.releaseMessage('due', at(10)))).toBe(false);
      expect(await store.transaction((tx) => tx.releaseMessage('none', at(10)))).toBe(false);
      const claimed = await store.claimDueMessages({ now: at(10), limit: 10, leaseMs: 30_000, worker: 'w' });
      expect(claimed.map((m) => m.id).sort()).toEqual(['due', 'held']);
      expect(claimed.find((m) => m.id === 'held')!.dueAt).toBe(at(10).toISOString());
      await store.transaction((tx) =>
        tx.enqueueMessage(outboxMessage('leased', { dueAt: at(20).toISOString() })),
      );
      await store.claimDueMessages({ now: at(20), limit: 10, leaseMs: 30_000, worker: 'w' });
      // Under a live lease the message is going out already (as the fallback): never a second time.
      expect(await store.transaction((tx) => tx.releaseMessage('leased', at(10)))).toBe(false);
      await store.transaction((tx) =>
        tx.enqueueMessage(outboxMessage('later', { dueAt: at(900).toISOString() })),
      );
      expect(await store.transaction((tx) => tx.releaseMessage('later', at(10)))).toBe(true);
    });
  });
}

// The store contract of the fleet view: the newest self-test of every station, read once for the whole fleet.
// Run by storeContract for every store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFactory } from './store.contract.ts';
import type { SelfTestRun, Store } from './store.ts';

const run = (
  id: string,
  station: string,
  requestedAt: string,
  status: SelfTestRun['status'],
): SelfTestRun => ({
  id,
  station,
  requestedBy: 'tecnico',
  requestedAt,
  print: false,
  status,
});

export function fleetContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: the fleet`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('tells which stations hold a credential, never the hash, and forgets a revoked one', async () => {
      await store.transaction(async (tx) => {
        await tx.putStationCredential({
          station: 'adria',
          tokenHash: 'h1',
          issuedAt: '2026-11-28T09:00:00.000Z',
        });
        await tx.putStationCredential({
          station: 'ischia',
          tokenHash: 'h2',
          issuedAt: '2026-11-28T09:05:00.000Z',
        });
        await tx.putStationCredential({
          station: 'adria',
          tokenHash: 'h3',
          issuedAt: '2026-11-28T10:00:00.000Z',
        });
      });
      const byStation = async () =>
        (await store.read((r) => r.stationCredentials())).sort((a, b) => a.station.localeCompare(b.station));
      expect(await byStation()).toEqual([
        { station: 'adria', issuedAt: '2026-11-28T10:00:00.000Z' },
        { station: 'ischia', issuedAt: '2026-11-28T09:05:00.000Z' },
      ]);
      await store.transaction((tx) => tx.deleteStationCredential('adria'));
      store = await factory.reopen(store);
      expect(await byStation()).toEqual([{ station: 'ischia', issuedAt: '2026-11-28T09:05:00.000Z' }]);
    });

    it('gives the newest self-test of each station that has one, by station, after a restart too', async () => {
      expect(await store.read((r) => r.latestSelfTestRuns())).toEqual([]);
      await store.transaction(async (tx) => {
        await tx.putSelfTestRun(run('a1', 'adria', '2026-11-28T09:00:00.000Z', 'done'));
        await tx.putSelfTestRun(run('i1', 'ischia', '2026-11-28T08:00:00.000Z', 'failed'));
        await tx.putSelfTestRun(run('a3', 'adria', '2026-11-28T11:00:00.000Z', 'queued'));
        await tx.putSelfTestRun(run('a2', 'adria', '2026-11-28T10:00:00.000Z', 'done'));
      });
      store = await factory.reopen(store);
      const latest = await store.read((r) => r.latestSelfTestRuns());
      expect(latest.map((r) => [r.station, r.id, r.status])).toEqual([
        ['adria', 'a3', 'queued'],
        ['ischia', 'i1', 'failed'],
      ]);
      // A run that finishes replaces itself: still the newest.
      await store.transaction((tx) =>
        tx.putSelfTestRun({
          ...run('a3', 'adria', '2026-11-28T11:00:00.000Z', 'done'),
          finishedAt: '2026-11-28T11:01:00.000Z',
        }),
      );
      expect((await store.read((r) => r.latestSelfTestRuns()))[0]).toMatchObject({
        id: 'a3',
        status: 'done',
      });
    });
  });
}

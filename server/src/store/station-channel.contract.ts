// The store contract of the station channel: the settings pushed to a station with when they were pushed,
// and a self-test run through its states (started, result) — both kept across a restart.
// Run by storeContract for every store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFactory } from './store.contract.ts';
import type { SelfTestRun, Store, StoredStation } from './store.ts';

const station: StoredStation = {
  id: 'adria',
  name: 'Comune di Adria',
  kind: 'municipal',
  host: 'Comune di Adria',
  address: 'Corso Vittorio Emanuele II 49',
  sede: 'rovigo',
  createdAt: '2026-11-28T08:00:00.000Z',
  updatedAt: '2026-11-28T08:00:00.000Z',
};

export function stationChannelContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: the station channel`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps the settings pushed to a station and when, replaced whole by the next push', async () => {
      await store.transaction((tx) =>
        tx.putStation({
          ...station,
          settings: { idleSeconds: 30, languages: ['it', 'en'], outOfService: 'Chiuso fino alle 12.' },
          settingsUpdatedAt: '2026-11-28T09:00:00.000Z',
        }),
      );
      store = await factory.reopen(store);
      expect(await store.read((r) => r.station('adria'))).toMatchObject({
        settings: { idleSeconds: 30, languages: ['it', 'en'], outOfService: 'Chiuso fino alle 12.' },
        settingsUpdatedAt: '2026-11-28T09:00:00.000Z',
      });
      await store.transaction((tx) =>
        tx.putStation({ ...station, settings: {}, settingsUpdatedAt: '2026-11-28T10:00:00.000Z' }),
      );
      const cleared = await store.read((r) => r.station('adria'));
      expect(cleared?.settings).toEqual({});
      expect(cleared?.settingsUpdatedAt).toBe('2026-11-28T10:00:00.000Z');
    });

    it('moves a self-test run through its states and keeps its start and result', async () => {
      const queued: SelfTestRun = {
        id: 'r1',
        station: 'adria',
        requestedBy: 'tecnico',
        requestedAt: '2026-11-28T09:00:00.000Z',
        print: true,
        status: 'queued',
      };
      await store.transaction((tx) => tx.putSelfTestRun(queued));
      await store.transaction((tx) =>
        tx.putSelfTestRun({ ...queued, status: 'running', startedAt: '2026-11-28T09:01:00.000Z' }),
      );
      const result = { checks: [{ device: 'printer', outcome: 'ok', state: 'ok' }], agentVersion: '0.1.0' };
      await store.transaction((tx) =>
        tx.putSelfTestRun({
          ...queued,
          status: 'done',
          startedAt: '2026-11-28T09:01:00.000Z',
          finishedAt: '2026-11-28T09:01:05.000Z',
          result,
        }),
      );
      store = await factory.reopen(store);
      expect(await store.read((r) => r.selfTestRuns('adria'))).toEqual([
        {
          ...queued,
          status: 'done',
          startedAt: '2026-11-28T09:01:00.000Z',
          finishedAt: '2026-11-28T09:01:05.000Z',
          result,
        },
      ]);
      expect(await store.read((r) => r.selfTestRuns('ischia'))).toEqual([]);
    });
  });
}

// After the store's LISTEN connection is lost and back, consumers that keep state from notifications read
// the store again (onResync): a change made on another instance while the listener was away is caught up.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../context.ts';
import { STAFF_CHANNEL, StaffDirectory } from '../../staff/staff-directory.ts';
import { putStationRecord, stationById } from '../../station/station-registry.ts';
import type { StoredStaffAccount, StoredStation } from '../store.ts';
import { openLosableStore } from './listener-loss.ts';
import { PostgresStore } from './postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from './test-database.ts';

const at = '2026-11-30T08:00:00.000Z';
const station: StoredStation = {
  id: 'adria-municipio',
  name: 'Postazione INPS al Comune di Adria',
  kind: 'municipal',
  host: 'Comune di Adria',
  address: 'Corso Vittorio Emanuele II 49, 45011 Adria (RO)',
  sede: 'rovigo',
  createdAt: at,
  updatedAt: at,
};
const account: StoredStaffAccount = {
  username: 'sportellista',
  name: 'Maria Rossi',
  roles: ['counter'],
  sede: 'rovigo',
  passwordHash: 'scrypt$x',
  createdAt: at,
  updatedAt: at,
};

describe('resync after the LISTEN connection is lost (PostgreSQL)', () => {
  afterAll(() => dropTestSchemas(), 60_000);

  it('the station registry cache and the staff directory catch up with a change they were not told of', async () => {
    const schema = await testSchema('resync');
    const { store: a, missChange } = await openLosableStore(schema, 2);
    const b = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 2 });
    const ctx = { store: a } as unknown as AppContext;
    try {
      await b.transaction(async (tx) => {
        await putStationRecord(tx, station, 'created');
        await tx.putStaffAccount(account);
      });
      // Loaded on A: the registry's cache and the directory's copy.
      expect((await stationById(ctx, station.id))?.name).toBe(station.name);
      const directory = await StaffDirectory.open(a);
      expect(directory.account('sportellista')?.disabled).toBe(false);

      await missChange(b, async (tx) => {
        await putStationRecord(tx, { ...station, name: 'Postazione di Adria, spostata' }, 'updated');
        await tx.putStaffAccount({ ...account, disabledAt: at });
        tx.notify(STAFF_CHANNEL, JSON.stringify({ username: 'sportellista', change: 'disabled' }));
      });
      await vi.waitFor(async () => {
        expect((await stationById(ctx, station.id))?.name).toBe('Postazione di Adria, spostata');
        expect(directory.account('sportellista')?.disabled).toBe(true);
      });
      directory.close();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

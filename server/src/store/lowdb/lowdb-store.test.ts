import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { booking, storeContract } from '../store.contract.ts';
import type { Store } from '../store.ts';
import { LowdbStore } from './lowdb-store.ts';

const dirs = new WeakMap<Store, string>();
const now = () => new Date('2026-11-28T10:00:00Z');

storeContract('lowdb', {
  async create() {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const store = await LowdbStore.open({ dataDir, now });
    dirs.set(store, dataDir);
    return store;
  },
  async reopen(previous) {
    const dataDir = dirs.get(previous)!;
    await previous.close();
    const store = await LowdbStore.open({ dataDir, now });
    dirs.set(store, dataDir);
    return store;
  },
});

describe('lowdb store files', () => {
  it('keeps one small file per sede and day', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const store = await LowdbStore.open({ dataDir, now });
    await store.transaction((tx) => tx.insertBooking(booking('KKKKKKKK', '2026-12-01T08:30:00+01:00')));
    await store.transaction((tx) =>
      tx.insertBooking(booking('MMMMMMMM', '2026-12-02T08:30:00+01:00', { sede: 'napoli' })),
    );
    await store.close();
    expect(await readdir(path.join(dataDir, 'bookings', 'rovigo', '2026-12'))).toEqual(['2026-12-01.json']);
    const file = JSON.parse(
      await readFile(path.join(dataDir, 'bookings', 'napoli', '2026-12', '2026-12-02.json'), 'utf8'),
    );
    expect(file.bookings.map((b: { code: string }) => b.code)).toEqual(['MMMMMMMM']);
  });

  it('writes concurrent transactions together and resolves each only once on disk', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const store = await LowdbStore.open({ dataDir, now });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.transaction((tx) =>
          tx.insertBooking(booking(`N${String(i).padStart(7, '0')}`, '2026-12-03T08:30:00+01:00')),
        ),
      ),
    );
    const file = JSON.parse(
      await readFile(path.join(dataDir, 'bookings', 'rovigo', '2026-12', '2026-12-03.json'), 'utf8'),
    );
    expect(file.bookings).toHaveLength(100);
    await store.close();
  });
});

import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { booking, storeContract } from '../store.contract.ts';
import type { Store } from '../store.ts';
import { nodeDiskIo, type DiskIo } from './durable-file.ts';
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

  /** The node disk, with each operation noted (paths relative to the data folder) once it is done. */
  function recordingIo(dataDir: string, log: string[]): DiskIo {
    const rel = (p: string) => path.relative(dataDir, p) || '.';
    return {
      writeSynced: async (file, text) => {
        await nodeDiskIo.writeSynced(file, text);
        log.push(`synced ${rel(file)}`);
      },
      rename: async (from, to) => {
        await nodeDiskIo.rename(from, to);
        log.push(`renamed ${rel(from)} -> ${rel(to)}`);
      },
      syncDir: async (dir) => {
        await nodeDiskIo.syncDir(dir);
        log.push(`synced folder ${rel(dir)}`);
      },
      mkdirs: async (dir) => {
        const first = await nodeDiskIo.mkdirs(dir);
        if (first) log.push(`created ${rel(first)}`);
        return first;
      },
    };
  }

  it('resolves a transaction only once its file is synced, renamed into place and its folders synced', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const log: string[] = [];
    const store = await LowdbStore.open({ dataDir, now, io: recordingIo(dataDir, log) });
    log.length = 0;
    await store.transaction((tx) => tx.insertBooking(booking('PPPPPPPP', '2026-12-05T08:30:00+01:00')));
    log.push('resolved');
    const file = 'bookings/rovigo/2026-12/2026-12-05.json';
    const temporary = 'bookings/rovigo/2026-12/.2026-12-05.json.tmp';
    const at = (entry: string) => {
      expect(log).toContain(entry);
      return log.indexOf(entry);
    };
    expect(at(`synced ${temporary}`)).toBeLessThan(at(`renamed ${temporary} -> ${file}`));
    expect(at(`renamed ${temporary} -> ${file}`)).toBeLessThan(at('synced folder bookings/rovigo/2026-12'));
    // The folders made for the new day file are in their parents on the disk too.
    expect(at('created bookings')).toBeLessThan(at('synced folder bookings'));
    for (const dir of ['.', 'bookings', 'bookings/rovigo', 'bookings/rovigo/2026-12'])
      expect(at(`synced folder ${dir}`)).toBeLessThan(at('resolved'));
    expect(JSON.parse(await readFile(path.join(dataDir, file), 'utf8')).bookings[0].code).toBe('PPPPPPPP');
    await store.close();
  });

  it('lets transactions finishing together share one flush: one sync per folder for all', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const log: string[] = [];
    const store = await LowdbStore.open({ dataDir, now, io: recordingIo(dataDir, log) });
    const days = Array.from({ length: 20 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
    // The day files open already, so the transactions run while the first one's flush is on the disk.
    await store.read(async (r) => {
      for (const day of days) await r.bookingsOfDay('rovigo', day);
    });
    log.length = 0;
    await Promise.all(
      days.map((day, i) =>
        store.transaction((tx) =>
          tx.insertBooking(booking(`Q${String(i).padStart(7, '0')}`, `${day}T08:30:00+01:00`)),
        ),
      ),
    );
    expect(log.filter((e) => e.startsWith('synced bookings/'))).toHaveLength(20);
    // Twenty transactions finishing in the same turn of the event loop: one flush, one sync of their folder.
    expect(log.filter((e) => e === 'synced folder bookings/rovigo/2026-12')).toHaveLength(1);
    await store.close();
  });
});

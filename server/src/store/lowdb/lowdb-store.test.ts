import { mkdtemp, readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { booking, outboxMessage, storeContract } from '../store.contract.ts';
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

  it('writes concurrent transactions together', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const store = await LowdbStore.open({ dataDir, now });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.transaction((tx) =>
          tx.insertBooking(booking(`N${String(i).padStart(7, '0')}`, '2026-12-03T08:30:00+01:00')),
        ),
      ),
    );
    await store.checkpoint();
    const file = JSON.parse(
      await readFile(path.join(dataDir, 'bookings', 'rovigo', '2026-12', '2026-12-03.json'), 'utf8'),
    );
    expect(file.bookings).toHaveLength(100);
    await store.close();
  });

  /**
   * The node disk, each operation noted (paths relative to the data folder) once it is done. At a crash, nothing
   * more reaches the disk (every later operation hangs) and each journal file loses what was appended since its
   * last sync, but for `tornBytes` of it: what a power cut leaves.
   */
  function crashableIo(dataDir: string, log: string[]) {
    const rel = (p: string) => path.relative(dataDir, p) || '.';
    const appended = new Map<string, number>();
    const synced = new Map<string, number>();
    let crashed = false;
    let stop: { label: string; torn: number; reached: () => void } | undefined;
    let failing: string | undefined;
    const crash = async (tornBytes = 0) => {
      crashed = true;
      for (const [file, size] of synced)
        await truncate(file, Math.min(appended.get(file)!, size + tornBytes)).catch(() => undefined);
    };
    /** Runs `op` unless the disk has crashed, or crashes instead if `label` is where the test stops it. */
    const step = async <T>(label: string, op: () => Promise<T>): Promise<T> => {
      if (!crashed && stop && label.startsWith(stop.label)) {
        const { torn, reached } = stop;
        await crash(torn);
        reached();
      }
      if (crashed) return new Promise<T>(() => undefined);
      if (failing && label.startsWith(failing)) {
        failing = undefined;
        throw Object.assign(new Error(`EIO: ${label}`), { code: 'EIO' });
      }
      const result = await op();
      log.push(label);
      return result;
    };
    const io: DiskIo = {
      writeSynced: (file, text) => step(`synced ${rel(file)}`, () => nodeDiskIo.writeSynced(file, text)),
      rename: (from, to) => step(`renamed ${rel(from)} -> ${rel(to)}`, () => nodeDiskIo.rename(from, to)),
      syncDir: (dir) => step(`synced folder ${rel(dir)}`, () => nodeDiskIo.syncDir(dir)),
      mkdirs: async (dir) => {
        const first = await step('mkdirs', () => nodeDiskIo.mkdirs(dir));
        if (first) log.push(`created ${rel(first)}`);
        return first;
      },
      openAppend: (file) =>
        step(`opened ${rel(file)}`, async () => {
          const out = await nodeDiskIo.openAppend(file);
          appended.set(file, 0);
          synced.set(file, 0);
          return {
            append: (text: string) =>
              step(`appended ${rel(file)}`, async () => {
                await out.append(text);
                appended.set(file, appended.get(file)! + Buffer.byteLength(text));
              }),
            datasync: () => {
              const upTo = appended.get(file)!;
              return step(`synced ${rel(file)}`, async () => {
                await out.datasync();
                synced.set(file, upTo);
              });
            },
            close: () => step(`closed ${rel(file)}`, () => out.close()),
          };
        }),
      readText: (file) => step(`read ${rel(file)}`, () => nodeDiskIo.readText(file)),
      remove: (file) => step(`removed ${rel(file)}`, () => nodeDiskIo.remove(file)),
      list: (dir) => step(`listed ${rel(dir)}`, () => nodeDiskIo.list(dir)),
    };
    return {
      io,
      crash,
      /** Crashes when an operation whose label starts with `label` is about to run; resolves then. */
      crashAt: (label: string, tornBytes = 0) =>
        new Promise<void>((reached) => (stop = { label, torn: tornBytes, reached })),
      /** The next operation whose label starts with `label` fails, as a disk error would. */
      failNext: (label: string) => void (failing = label),
    };
  }

  const noCheckpoints = { checkpointMs: 3_600_000 };
  const bookingFile = (day: string) => `bookings/rovigo/${day.slice(0, 7)}/${day}.json`;
  const codesIn = async (dataDir: string, day: string) =>
    JSON.parse(await readFile(path.join(dataDir, bookingFile(day)), 'utf8')).bookings.map(
      (b: { code: string }) => b.code,
    );
  /** Whether `promise` settles within a few turns of the disk. */
  const settlesSoon = (promise: Promise<unknown>) =>
    Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200)),
    ]);

  it('acknowledges a transaction once its journal record is synced: no file rename, no folder sync', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const log: string[] = [];
    const { io } = crashableIo(dataDir, log);
    const store = await LowdbStore.open({ dataDir, now, io, journal: noCheckpoints });
    expect(log).toContain('synced folder .');
    log.length = 0;
    await store.transaction((tx) => tx.insertBooking(booking('PPPPPPPP', '2026-12-05T08:30:00+01:00')));
    log.push('resolved');
    // Reading the new day's file (there is none yet) and making its folders are no writes.
    expect(log.filter((e) => !/^(created|read) /.test(e) && e !== 'mkdirs')).toEqual([
      'appended journal-1.ndjson',
      'synced journal-1.ndjson',
      'resolved',
    ]);
    // Not in its file yet, but read back from the journal.
    await expect(readFile(path.join(dataDir, bookingFile('2026-12-05')))).rejects.toThrow(/ENOENT/);
    expect(await store.read((r) => r.bookingsOfDay('rovigo', '2026-12-05'))).toHaveLength(1);
    await store.close();
  });

  it('puts journaled files in place at a checkpoint: synced, renamed, folders synced, then the journal dropped', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const log: string[] = [];
    const { io } = crashableIo(dataDir, log);
    const store = await LowdbStore.open({ dataDir, now, io, journal: noCheckpoints });
    log.length = 0;
    await store.transaction((tx) => tx.insertBooking(booking('PPPPPPPP', '2026-12-05T08:30:00+01:00')));
    await store.checkpoint();
    const file = bookingFile('2026-12-05');
    const temporary = 'bookings/rovigo/2026-12/.2026-12-05.json.tmp';
    const at = (entry: string) => {
      expect(log).toContain(entry);
      return log.indexOf(entry);
    };
    expect(at('synced journal-1.ndjson')).toBeLessThan(at(`synced ${temporary}`));
    expect(at(`synced ${temporary}`)).toBeLessThan(at(`renamed ${temporary} -> ${file}`));
    expect(at(`renamed ${temporary} -> ${file}`)).toBeLessThan(at('synced folder bookings/rovigo/2026-12'));
    // The folders made for the new day file are in their parents on the disk too.
    for (const dir of ['.', 'bookings', 'bookings/rovigo'])
      expect(at(`synced folder ${dir}`)).toBeLessThan(at('removed journal-1.ndjson'));
    // The next journal exists, on the disk, before the old one goes.
    expect(at('opened journal-2.ndjson')).toBeLessThan(at('removed journal-1.ndjson'));
    expect(await codesIn(dataDir, '2026-12-05')).toEqual(['PPPPPPPP']);
    expect((await readdir(dataDir)).filter((n) => n.startsWith('journal'))).toEqual(['journal-2.ndjson']);
    await store.close();
    expect((await readdir(dataDir)).filter((n) => n.startsWith('journal'))).toEqual([]);
  });

  it('appends a transaction at once when the journal is idle, and those ending meanwhile in one record', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const log: string[] = [];
    const { io } = crashableIo(dataDir, log);
    const store = await LowdbStore.open({ dataDir, now, io, journal: noCheckpoints });
    const days = Array.from({ length: 20 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
    // The day files open already, so the transactions finish in the same turn of the event loop.
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
    // The first to end is appended alone; the nineteen that end while it is written share the next record, and
    // the sync after it covers both.
    const records = (await readFile(path.join(dataDir, 'journal-1.ndjson'), 'utf8')).trim().split('\n');
    const bookingDays = (line: string) =>
      (JSON.parse(line) as { files: [string][] }).files.filter(([file]) => file.startsWith('bookings'))
        .length;
    expect(records.map(bookingDays)).toEqual([1, 19]);
    expect(log.filter((step) => step.startsWith('synced')).length).toBeLessThanOrEqual(2);
    await store.close();
    for (const [i, day] of days.entries())
      expect(await codesIn(dataDir, day)).toEqual([`Q${String(i).padStart(7, '0')}`]);
  });

  it('does not acknowledge a record appended but not synced, and a crash then loses it whole', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const disk = crashableIo(dataDir, []);
    const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
    await store.transaction((tx) => tx.insertBooking(booking('AAAAAAAA', '2026-12-05T08:30:00+01:00')));
    const crashed = disk.crashAt('synced journal');
    const second = store.transaction((tx) =>
      tx.insertBooking(booking('BBBBBBBB', '2026-12-05T09:30:00+01:00')),
    );
    await crashed;
    expect(await settlesSoon(second)).toBe(false);
    const reopened = await LowdbStore.open({ dataDir, now });
    expect(await reopened.read((r) => r.bookingByCode('AAAAAAAA'))).toBeDefined();
    expect(await reopened.read((r) => r.bookingByCode('BBBBBBBB'))).toBeUndefined();
    await reopened.close();
  });

  it('replays acknowledged records a crash left in the journal, before any checkpoint', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const disk = crashableIo(dataDir, []);
    const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
    await store.transaction((tx) => tx.insertBooking(booking('AAAAAAAA', '2026-12-05T08:30:00+01:00')));
    await store.transaction((tx) => tx.insertBooking(booking('BBBBBBBB', '2026-12-05T09:30:00+01:00')));
    await store.transaction((tx) => tx.insertBooking(booking('CCCCCCCC', '2026-12-06T09:30:00+01:00')));
    await disk.crash();
    await expect(readFile(path.join(dataDir, bookingFile('2026-12-05')))).rejects.toThrow(/ENOENT/);
    const reopened = await LowdbStore.open({ dataDir, now });
    for (const code of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC'])
      expect(await reopened.read((r) => r.bookingByCode(code))).toBeDefined();
    // Replay ends in a checkpoint: the files hold them, the journal is new and empty.
    expect(await codesIn(dataDir, '2026-12-05')).toEqual(['AAAAAAAA', 'BBBBBBBB']);
    expect(await codesIn(dataDir, '2026-12-06')).toEqual(['CCCCCCCC']);
    expect((await readdir(dataDir)).filter((n) => n.startsWith('journal'))).toEqual(['journal-2.ndjson']);
    expect(await readFile(path.join(dataDir, 'journal-2.ndjson'), 'utf8')).toBe('');
    await reopened.close();
  });

  it('keeps every acknowledged record through a crash in the middle of a checkpoint', async () => {
    for (const stopAt of ['renamed', 'synced folder', 'removed journal-1']) {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
      const disk = crashableIo(dataDir, []);
      const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
      await store.transaction((tx) => tx.insertBooking(booking('AAAAAAAA', '2026-12-05T08:30:00+01:00')));
      await store.checkpoint();
      await store.transaction((tx) => tx.insertBooking(booking('BBBBBBBB', '2026-12-05T09:30:00+01:00')));
      await store.transaction((tx) => tx.insertBooking(booking('CCCCCCCC', '2026-12-06T09:30:00+01:00')));
      const crashed = disk.crashAt(stopAt === 'removed journal-1' ? 'removed journal-2' : stopAt);
      void store.checkpoint();
      await crashed;
      const reopened = await LowdbStore.open({ dataDir, now });
      for (const code of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC'])
        expect(
          await reopened.read((r) => r.bookingByCode(code)),
          `${code} after a crash at ${stopAt}`,
        ).toBeDefined();
      expect(await codesIn(dataDir, '2026-12-05')).toEqual(['AAAAAAAA', 'BBBBBBBB']);
      await reopened.close();
    }
  });

  it('ignores a journal record torn by a crash or damaged, and applies those before it', async () => {
    for (const damage of ['torn', 'checksum'] as const) {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
      const disk = crashableIo(dataDir, []);
      const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
      await store.transaction((tx) => tx.insertBooking(booking('AAAAAAAA', '2026-12-05T08:30:00+01:00')));
      const journal = path.join(dataDir, 'journal-1.ndjson');
      const before = (await readFile(journal, 'utf8')).length;
      if (damage === 'torn') {
        // Half of the second record reaches the disk.
        const crashed = disk.crashAt('synced journal', 300);
        void store.transaction((tx) => tx.insertBooking(booking('BBBBBBBB', '2026-12-05T09:30:00+01:00')));
        await crashed;
        const text = await readFile(journal, 'utf8');
        expect(text.length).toBe(before + 300);
        expect(text.endsWith('\n')).toBe(false);
      } else {
        await store.transaction((tx) => tx.insertBooking(booking('BBBBBBBB', '2026-12-05T09:30:00+01:00')));
        await disk.crash();
        const text = await readFile(journal, 'utf8');
        const at = text.indexOf('BBBBBBBB', before);
        await writeFile(journal, `${text.slice(0, at)}X${text.slice(at + 1)}`);
      }
      const reopened = await LowdbStore.open({ dataDir, now });
      expect(await reopened.read((r) => r.bookingByCode('AAAAAAAA')), damage).toBeDefined();
      expect(await reopened.read((r) => r.bookingByCode('BBBBBBBB')), damage).toBeUndefined();
      expect(await reopened.read((r) => r.bookingByCode('XBBBBBBB')), damage).toBeUndefined();
      await reopened.close();
    }
  });

  it('after a failed journal sync, puts every file in place and starts a new journal before the next record', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const log: string[] = [];
    const disk = crashableIo(dataDir, log);
    const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
    await store.transaction((tx) => tx.insertBooking(booking('AAAAAAAA', '2026-12-05T08:30:00+01:00')));
    disk.failNext('synced journal');
    await expect(
      store.transaction((tx) => tx.insertBooking(booking('BBBBBBBB', '2026-12-06T08:30:00+01:00'))),
    ).rejects.toThrow(/EIO/);
    log.length = 0;
    await store.transaction((tx) => tx.insertBooking(booking('CCCCCCCC', '2026-12-07T08:30:00+01:00')));
    // What journal-1 holds past the failed sync is unknown: its files are written out and it goes first.
    const at = (entry: string) => {
      expect(log).toContain(entry);
      return log.indexOf(entry);
    };
    const temporary = 'bookings/rovigo/2026-12/.2026-12-05.json.tmp';
    expect(at(`renamed ${temporary} -> ${bookingFile('2026-12-05')}`)).toBeLessThan(
      at('removed journal-1.ndjson'),
    );
    expect(at('removed journal-1.ndjson')).toBeLessThan(at('appended journal-2.ndjson'));
    await disk.crash();
    const reopened = await LowdbStore.open({ dataDir, now });
    expect(await reopened.read((r) => r.bookingByCode('AAAAAAAA'))).toBeDefined();
    expect(await reopened.read((r) => r.bookingByCode('CCCCCCCC'))).toBeDefined();
    await reopened.close();
  });

  it('does not apply records after a damaged one', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const disk = crashableIo(dataDir, []);
    const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
    for (const [code, hour] of [
      ['AAAAAAAA', '08'],
      ['BBBBBBBB', '09'],
      ['CCCCCCCC', '10'],
    ])
      await store.transaction((tx) => tx.insertBooking(booking(code!, `2026-12-05T${hour}:30:00+01:00`)));
    await disk.crash();
    const journal = path.join(dataDir, 'journal-1.ndjson');
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('BBBBBBBB', 'XBBBBBBB');
    await writeFile(journal, lines.join('\n'));
    const reopened = await LowdbStore.open({ dataDir, now });
    expect(await reopened.read((r) => r.bookingByCode('AAAAAAAA'))).toBeDefined();
    // Nothing after the damaged record is applied, though C's record alone would fit on what comes before.
    expect(await reopened.read((r) => r.bookingByCode('CCCCCCCC'))).toBeUndefined();
    expect(await reopened.read((r) => r.bookingByCode('BBBBBBBB'))).toBeUndefined();
    await reopened.close();
  });

  /** A store whose 2026-12-05 holds 300 bookings, checkpointed: what comes next goes to journal-2. */
  async function checkpointedDayOf300() {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const disk = crashableIo(dataDir, []);
    const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
    const minute = (i: number) =>
      `2026-12-05T${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+01:00`;
    await store.transaction(async (tx) => {
      for (let i = 0; i < 300; i++)
        await tx.insertBooking(booking(`A${String(i).padStart(7, '0')}`, minute(i)));
    });
    await store.checkpoint();
    return { dataDir, disk, store, minute, journal: path.join(dataDir, 'journal-2.ndjson') };
  }

  it('journals a booking as itself, not its whole day: the record stays small however full the day', async () => {
    const { dataDir, disk, store, minute, journal } = await checkpointedDayOf300();
    await store.transaction((tx) => tx.insertBooking(booking('BBBBBBBB', minute(300))));
    const record = await readFile(journal, 'utf8');
    expect(Buffer.byteLength(record)).toBeLessThan(2_000);
    expect(record).toContain('"ops"');
    // A crash now: replay puts B into the day file the checkpoint wrote, next to the 300 before it.
    await disk.crash();
    const reopened = await LowdbStore.open({ dataDir, now });
    const codes = await codesIn(dataDir, '2026-12-05');
    expect(codes).toHaveLength(301);
    expect(codes.at(-1)).toBe('BBBBBBBB');
    await reopened.close();
  });

  it('journals a cancel and a move as the booking taken out and put back, not its days: replayed after a crash', async () => {
    const { dataDir, disk, store, minute, journal } = await checkpointedDayOf300();
    const cancelled = { ...booking('A0000007', minute(7)), status: 'cancelled' as const };
    await store.transaction((tx) => tx.updateBooking(cancelled));
    const moved = booking('A0000008', '2026-12-06T09:00:00+01:00');
    await store.transaction((tx) => tx.updateBooking(moved));
    const records = (await readFile(journal, 'utf8')).trim().split('\n');
    expect(records).toHaveLength(2);
    for (const record of records) expect(Buffer.byteLength(record)).toBeLessThan(2_000);
    await disk.crash();
    const reopened = await LowdbStore.open({ dataDir, now });
    const day = await reopened.read((r) => r.bookingsOfDay('rovigo', '2026-12-05'));
    expect(day).toHaveLength(299);
    expect(day.find((b) => b.code === 'A0000007')?.status).toBe('cancelled');
    expect(day.some((b) => b.code === 'A0000008')).toBe(false);
    expect((await reopened.read((r) => r.bookingsOfDay('rovigo', '2026-12-06'))).map((b) => b.code)).toEqual([
      'A0000008',
    ]);
    expect((await reopened.read((r) => r.bookingByCode('A0000008')))?.start).toBe(moved.start);
    await reopened.close();
  });

  it('journals an audit event as itself, not its whole day, and replays it next to those before', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
    const disk = crashableIo(dataDir, []);
    const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
    const event = (i: number) => ({
      at: `2026-12-05T09:${String(i % 60).padStart(2, '0')}:00.000Z`,
      actor: 'sportello.rovigo',
      action: 'desk.booking.read',
      subject: `A${String(i).padStart(7, '0')}`,
    });
    await store.transaction(async (tx) => {
      for (let i = 0; i < 300; i++) await tx.appendAudit(event(i));
    });
    await store.checkpoint();
    await store.transaction((tx) => tx.appendAudit(event(300)));
    const record = await readFile(path.join(dataDir, 'journal-2.ndjson'), 'utf8');
    expect(Buffer.byteLength(record)).toBeLessThan(1_000);
    await disk.crash();
    const reopened = await LowdbStore.open({ dataDir, now });
    const events = await reopened.read((r) => r.auditOfDay('2026-12-05'));
    expect(events).toHaveLength(301);
    expect(events.at(-1)).toEqual(event(300));
    await reopened.close();
  });

  it('keeps an SMS sent once through a crash in the middle of a checkpoint: archived, not pending again', async () => {
    for (const stopAt of ['renamed', 'synced folder', 'removed journal-1']) {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-lowdb-'));
      const disk = crashableIo(dataDir, []);
      const store = await LowdbStore.open({ dataDir, now, io: disk.io, journal: noCheckpoints });
      await store.transaction(async (tx) => {
        await tx.enqueueMessage(outboxMessage('m1', { dueAt: now().toISOString() }));
        await tx.enqueueMessage(outboxMessage('m2', { dueAt: now().toISOString() }));
      });
      const claimed = await store.claimDueMessages({ now: now(), limit: 5, leaseMs: 60_000, worker: 'w' });
      expect(claimed.map((m) => m.id).sort()).toEqual(['m1', 'm2']);
      expect(await store.completeMessage('m1', { now: now(), providerMessageId: 'p1' })).toBe(true);
      const crashed = disk.crashAt(stopAt);
      void store.checkpoint();
      await crashed;
      const reopened = await LowdbStore.open({ dataDir, now });
      const list = (status: 'pending' | 'sent') =>
        reopened.read((r) => r.outboxMessages({ status, limit: 10 }));
      expect(
        (await list('sent')).map((m) => [m.id, m.providerMessageId]),
        stopAt,
      ).toEqual([['m1', 'p1']]);
      const pending = await list('pending');
      expect(
        pending.map((m) => [m.id, m.attempts, m.lease?.worker]),
        stopAt,
      ).toEqual([['m2', 1, 'w']]);
      await reopened.close();
    }
  });
});

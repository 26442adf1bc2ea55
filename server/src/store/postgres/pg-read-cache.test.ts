// What an instance keeps of booked times and calendar changes (pg-read-cache.ts): two stores on one schema, as
// two instances on one database, each reading through its cache while the other writes.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { booking } from '../store.contract.ts';
import type { CalendarChange, StaffSession } from '../store.ts';
import { PgReadCache } from './pg-read-cache.ts';
import { PostgresStore } from './postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from './test-database.ts';

const DAY = '2026-12-01';
const OTHER_DAY = '2026-12-02';
const stores: PostgresStore[] = [];
let a: PostgresStore;
let b: PostgresStore;

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await dropTestSchemas();
}, 60_000);

beforeEach(async () => {
  const schema = await testSchema('readcache');
  const open = () => PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 3 });
  [a, b] = await Promise.all([open(), open()]);
  stores.push(a, b);
});

const booked = (store: PostgresStore, day: string) =>
  store.read(async (r) => (await r.bookedTimesOfDay('rovigo', day)).map((t) => t.code));

/** Reads until `read` answers what is expected: another instance hears of a change within milliseconds. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (JSON.stringify(value) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(await read()).toEqual(expected);
}

const closure = (overrides: Partial<CalendarChange> = {}): CalendarChange => ({
  id: 'c1',
  sede: 'rovigo',
  kind: 'closure',
  from: DAY,
  to: DAY,
  reason: 'lavori',
  rebooking: 'offer',
  createdBy: 'direttore',
  createdAt: '2026-11-28T09:00:00.000Z',
  pending: [],
  handled: [],
  ...overrides,
});

describe('postgres read cache', () => {
  it('an instance reads its own booking at once after the commit, though it had read the day before', async () => {
    expect(await booked(a, DAY)).toEqual([]);
    await a.transaction((tx) => tx.insertBooking(booking('AAAAAAAA', '2026-12-01T08:30:00+01:00')));
    expect(await booked(a, DAY)).toEqual(['AAAAAAAA']);
  });

  it('another instance drops what it kept when a booking is made, cancelled or moved elsewhere', async () => {
    expect(await booked(b, DAY)).toEqual([]);
    const made = booking('BBBBBBBB', '2026-12-01T08:30:00+01:00');
    await a.transaction((tx) => tx.insertBooking(made));
    await eventually(() => booked(b, DAY), ['BBBBBBBB']);

    // Moved to the next day: both days change.
    expect(await booked(b, OTHER_DAY)).toEqual([]);
    const moved = { ...made, start: '2026-12-02T08:30:00+01:00', end: '2026-12-02T08:50:00+01:00' };
    await a.transaction((tx) => tx.updateBooking(moved));
    await eventually(() => booked(b, DAY), []);
    await eventually(() => booked(b, OTHER_DAY), ['BBBBBBBB']);

    await a.transaction((tx) => tx.updateBooking({ ...moved, status: 'cancelled' }));
    await eventually(() => booked(b, OTHER_DAY), []);
  });

  it('another instance drops the calendar changes it kept when one is added', async () => {
    const changes = (store: PostgresStore) =>
      store.read(async (r) => (await r.calendarChanges('rovigo')).map((c) => c.id));
    const all = (store: PostgresStore) =>
      store.read(async (r) => (await r.calendarChanges()).map((c) => c.id));
    expect(await changes(b)).toEqual([]);
    expect(await all(b)).toEqual([]);
    await a.transaction((tx) => tx.putCalendarChange(closure()));
    await eventually(() => changes(b), ['c1']);
    await eventually(() => all(b), ['c1']);
  });

  it('another instance stops knowing a staff session once it is ended, one by one or all of a person at once', async () => {
    const session = (tokenHash: string): StaffSession => ({
      tokenHash,
      username: 'sportello.rovigo',
      roles: ['counter'],
      sede: 'rovigo',
      createdAt: '2026-12-01T07:00:00.000Z',
      // Far ahead: inserting a session drops those expired by the clock.
      expiresAt: '2099-12-01T19:00:00.000Z',
    });
    const user = (store: PostgresStore, tokenHash: string) =>
      store.read(async (r) => (await r.sessionByTokenHash(tokenHash))?.username ?? null);
    // Asked before it exists (a miss is not kept), then kept on b.
    expect(await user(b, 'h1')).toBeNull();
    await a.transaction(async (tx) => {
      await tx.insertSession(session('h1'));
      await tx.insertSession(session('h2'));
      await tx.insertSession(session('h3'));
    });
    expect(await user(b, 'h1')).toBe('sportello.rovigo');
    expect(await user(b, 'h2')).toBe('sportello.rovigo');
    expect(await user(b, 'h3')).toBe('sportello.rovigo');

    await a.transaction((tx) => tx.deleteSession('h1'));
    await eventually(() => user(b, 'h1'), null);
    expect(await user(b, 'h2')).toBe('sportello.rovigo');
    expect(await a.transaction((tx) => tx.deleteSessionsOf('sportello.rovigo'))).toBe(2);
    await eventually(() => user(b, 'h2'), null);
    await eventually(() => user(b, 'h3'), null);
    // Its own instance, at once.
    await a.transaction((tx) => tx.insertSession(session('h4')));
    expect(await user(a, 'h4')).toBe('sportello.rovigo');
    await a.transaction((tx) => tx.deleteSession('h4'));
    expect(await user(a, 'h4')).toBeNull();
  });

  it('a transaction reads the table, not what its instance kept', async () => {
    expect(await booked(b, DAY)).toEqual([]);
    await a.transaction((tx) => tx.insertBooking(booking('CCCCCCCC', '2026-12-01T08:30:00+01:00')));
    // Whether or not b has heard of it yet, its transaction sees the booking under the day's lock.
    const inTx = await b.transaction(async (tx) =>
      (await tx.bookedTimesOfDay('rovigo', DAY)).map((t) => t.code),
    );
    expect(inTx).toEqual(['CCCCCCCC']);
  });
});

describe('PgReadCache', () => {
  it('does not keep what a load read when the entry was invalidated while it ran', async () => {
    const cache = new PgReadCache();
    let release!: (value: string) => void;
    const first = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate('k');
    release('old');
    expect(await first).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
    expect(await cache.get('k', async () => 'newer')).toBe('new');
  });

  it('does not keep a value its caller says not to keep, nor a placeholder for it', async () => {
    const cache = new PgReadCache();
    const found = (value: string | undefined) => value !== undefined;
    expect(await cache.get('k', async () => undefined, found)).toBeUndefined();
    expect(await cache.get('k', async () => 'there', found)).toBe('there');
    expect(await cache.get('k', async () => 'again', found)).toBe('there');
    for (let i = 0; i < 30_000; i++) await cache.get(`miss${i}`, async () => undefined, found);
    expect(await cache.get('k', async () => 'pushed out', found)).toBe('there');
  });

  it('keeps nothing while notifications are not received, and drops everything when they are back', async () => {
    const cache = new PgReadCache();
    await cache.get('k', async () => 1);
    cache.setListening(false);
    expect(await cache.get('k', async () => 2)).toBe(2);
    expect(await cache.get('k', async () => 3)).toBe(3);
    cache.setListening(true);
    expect(await cache.get('k', async () => 4)).toBe(4);
    expect(await cache.get('k', async () => 5)).toBe(4);
  });
});

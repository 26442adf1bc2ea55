// A booking's transaction takes the day's (or the citizen's) lock and reads in one round trip, its BEGIN too
// (postgres-store.ts lockedQuery): the read must still see what the lock's previous holder committed, so the
// capacity stays exact with two instances (two stores on one schema) booking at once.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { booking } from '../store.contract.ts';
import { PostgresStore } from './postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from './test-database.ts';

const stores: PostgresStore[] = [];
let pair: PostgresStore[];

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await dropTestSchemas();
}, 60_000);

beforeEach(async () => {
  const schema = await testSchema('lockedreads');
  const open = () => PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 5 });
  pair = await Promise.all([open(), open()]);
  stores.push(...pair);
});

describe('postgres lock and read in one round trip', () => {
  it("a day's booked times: 30 transactions on two instances for 10 places make 10 bookings", async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        pair[i % 2]!.transaction(async (tx) => {
          const taken = await tx.bookedTimesOfDay('rovigo', '2026-12-07');
          if (taken.length < 10)
            await tx.insertBooking(
              booking(`T${String(i).padStart(7, '0')}`, '2026-12-07T09:00:00+01:00', {
                citizen: { ...booking('x', '2026-12-07T09:00:00+01:00').citizen, codiceFiscale: `CF${i}` },
              }),
            );
        }),
      ),
    );
    expect(await pair[0]!.read((r) => r.bookedTimesOfDay('rovigo', '2026-12-07'))).toHaveLength(10);
  });

  it("a citizen's bookings: 20 transactions on two instances for one citizen's one place make 1 booking", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pair[i % 2]!.transaction(async (tx) => {
          const own = await tx.bookingsOfCitizen('RSSMRA80A01H501U', '2026-12-01');
          if (own.length === 0)
            await tx.insertBooking(
              booking(`C${String(i).padStart(7, '0')}`, `2026-12-${10 + (i % 10)}T09:00:00+01:00`),
            );
        }),
      ),
    );
    expect(await pair[1]!.read((r) => r.bookingsOfCitizen('RSSMRA80A01H501U', '2026-12-01'))).toHaveLength(1);
  });
});

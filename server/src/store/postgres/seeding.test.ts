// Two server instances starting together on one empty PostgreSQL database: the staff accounts and the station
// registry are seeded once (the seeding transaction's read of the whole list waits for the other's), and
// both servers start.
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import type { AppContext } from '../../context.ts';
import { seedStaffAccounts } from '../../staff/staff-accounts.service.ts';
import { seedStationRegistry, STATIONS_CHANNEL } from '../../station/station-registry.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { PostgresStore } from './postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from './test-database.ts';

const now = new Date('2026-11-30T06:00:00Z');

describe('two instances starting together (PostgreSQL)', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropTestSchemas();
  }, 60_000);

  it('seed the staff accounts and the station registry once', async () => {
    const config = await loadConfig();
    const schema = await testSchema('seeding');
    const stores = await Promise.all(
      [0, 1].map(() => PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 2 })),
    );
    const created: string[] = [];
    stores[0]!.listen(STATIONS_CHANNEL, (payload) => created.push(payload));
    try {
      const contexts = stores.map(
        (store) =>
          ({ config, store, clock: () => now, log: pino({ level: 'silent' }) }) as unknown as AppContext,
      );
      const accounts = await Promise.all(contexts.map((ctx) => seedStaffAccounts(ctx)));
      expect(accounts.sort((a, b) => a - b)).toEqual([0, config.staff.length]);
      const stations = await Promise.all(contexts.map((ctx) => seedStationRegistry(ctx)));
      expect(stations.sort((a, b) => a - b)).toEqual([0, config.stations.length]);
      // One "created" per station, not two: the second instance found the registry filled.
      await stores[0]!.transaction(async (tx) => tx.notify(STATIONS_CHANNEL, 'marker'));
      await expect.poll(() => created.at(-1)).toBe('marker');
      expect(created).toHaveLength(config.stations.length + 1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('both servers start on an empty database at once, and each answers', async () => {
    const schema = await testSchema('seeding');
    const started = await Promise.all(
      [0, 1].map(async () =>
        startTestServer('2026-11-30T07:00:00+01:00', {
          store: await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 4 }),
        }),
      ),
    );
    servers.push(...started);
    for (const server of started) {
      expect((await server.call('GET', '/readyz')).status).toBe(200);
      await server.login('admin');
    }
    const logs = started.map((s) => s.logs()).join('');
    expect(logs.match(/staff accounts seeded/g)).toHaveLength(1);
    expect(logs.match(/station registry seeded/g)).toHaveLength(1);
  });
});

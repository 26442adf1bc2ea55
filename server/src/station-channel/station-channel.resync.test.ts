// A station's agent on instance A is sent settings pushed on instance B while A's LISTEN connection was lost:
// once A listens again it reads the store (onResync) and sends what the missed notice would have.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { STATION_CHANNEL_PATH, type ServerToStation } from '@sportello/protocol';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from '../store/postgres/test-database.ts';
import { putStationRecord } from '../station/station-registry.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { notifyStation } from './station-commands.ts';

describe('station channel after a resync (PostgreSQL)', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropTestSchemas();
  }, 60_000);

  it('sends the agent the settings pushed on another instance while its notice was lost', async () => {
    const schema = await testSchema('resync');
    const name = `resync_${randomBytes(4).toString('hex')}`;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('application_name', name);
    const states: string[] = [];
    const storeA = await PostgresStore.open({
      url: url.toString(),
      schema,
      poolSize: 4,
      onListenerState: (state) => states.push(state),
    });
    const a = await startTestServer('2026-11-30T09:00:00+01:00', { store: storeA });
    servers.push(a);
    const storeB = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
    servers.push(await startTestServer('2026-11-30T09:00:00+01:00', { store: storeB }));

    const token = await a.stationToken('ischia-municipio');
    const received: ServerToStation[] = [];
    const ws = new WebSocket(a.url.replace(/^http/, 'ws') + STATION_CHANNEL_PATH, {
      headers: { authorization: `Bearer ${token}` },
    });
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as ServerToStation));
    await vi.waitFor(() => expect(received.map((m) => m.type)).toContain('settings'));

    // B pushes new settings in a transaction that commits only once A's listener is gone (its reconnection
    // waits at least 125 ms), so A is not told.
    let lostNow: () => void = () => undefined;
    const lost = new Promise<void>((resolve) => (lostNow = resolve));
    const settings = { idleSeconds: 30, languages: ['it', 'en', 'fr'] as const };
    const pushed = storeB
      .transaction(async (tx) => {
        const station = (await tx.station('ischia-municipio'))!;
        await putStationRecord(
          tx,
          { ...station, settings: { ...settings, languages: [...settings.languages] } },
          'updated',
        );
        notifyStation(tx, 'ischia-municipio', { kind: 'settings' });
        await lost;
      })
      .then(() => states.push('committed'));
    const admin = new pg.Client(TEST_DATABASE_URL);
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
        [name],
      );
      expect(rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(states[0]).toBe('lost'));
    lostNow();
    await pushed;
    await vi.waitFor(() => expect(states).toEqual(['lost', 'committed', 'listening']), { timeout: 10_000 });
    await vi.waitFor(() =>
      expect(received.filter((m) => m.type === 'settings').at(-1)).toEqual({
        v: 1,
        type: 'settings',
        settings,
      }),
    );
    ws.close();
  });
});

// A station's agent on instance A is sent settings pushed on instance B while A's LISTEN connection was lost:
// once A listens again it reads the store (onResync) and sends what the missed notice would have.
import { STATION_CHANNEL_PATH, type ServerToStation, type StationSettings } from '@sportello/protocol';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { openLosableStore } from '../store/postgres/listener-loss.ts';
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
    const losable = await openLosableStore(schema);
    const a = await startTestServer('2026-11-30T09:00:00+01:00', { store: losable.store });
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

    // B pushes new settings while A's listener is away: A is not told.
    const settings: StationSettings = { idleSeconds: 30, languages: ['it', 'en', 'fr'] };
    await losable.missChange(storeB, async (tx) => {
      const station = (await tx.station('ischia-municipio'))!;
      await putStationRecord(tx, { ...station, settings }, 'updated');
      notifyStation(tx, 'ischia-municipio', { kind: 'settings' });
    });
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

// A board's stream on instance A ends when the board was removed on B while A's LISTEN connection was lost:
// once A listens again, its floor hub reads the boards again (onResync) and ends the stream of the gone one.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openLosableStore } from '../store/postgres/listener-loss.ts';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from '../store/postgres/test-database.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { announceFloorChange } from './floor-channel.ts';

describe('floor hub after a resync (PostgreSQL)', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropTestSchemas();
  }, 60_000);

  it('ends the stream of a board removed on another instance while the notice was lost', async () => {
    const schema = await testSchema('resync');
    const a = await openLosableStore(schema);
    const onA = await startTestServer('2026-11-30T09:00:00+01:00', { store: a.store });
    servers.push(onA);
    const b = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
    servers.push(await startTestServer('2026-11-30T09:00:00+01:00', { store: b }));

    const created = await onA.call('POST', '/api/v1/boards', {
      token: await onA.login('tecnico'),
      body: { sede: 'rovigo', name: 'Sala d’attesa' },
    });
    const key = new URL(created.body.url).searchParams.get('key')!;
    const response = await fetch(`${onA.url}/api/v1/board/events?key=${key}`);
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    let ended = false;
    void (async () => {
      while (!(await reader.read()).done);
      ended = true;
    })().catch(() => (ended = true));

    await a.missChange(b, async (tx) => {
      await tx.deleteBoard(created.body.board.id);
      announceFloorChange(tx, 'rovigo', { boardRemoved: created.body.board.id });
    });
    await vi.waitFor(() => expect(ended).toBe(true), { timeout: 5_000 });
  });
});

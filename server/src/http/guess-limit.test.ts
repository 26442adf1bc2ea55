// The guess limit holds across server instances: two servers on one PostgreSQL schema count the same tries.
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from '../store/postgres/test-database.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';

describe('guessing codes on two server instances (PostgreSQL)', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropTestSchemas();
  }, 60_000);

  it('refuses the 31st failed try of an address, the 30 before spread over both instances', async () => {
    const schema = await testSchema('guesses');
    for (let i = 0; i < 2; i++) {
      const store = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
      servers.push(await startTestServer(MONDAY_EARLY, { store }));
    }
    const [a, b] = servers as [TestServer, TestServer];
    const guess = (server: TestServer, i: number) =>
      server.call('POST', '/api/v1/meetings/admit', {
        body: { code: `ZZZZZZ${'0123456789ABCDEFGHJKMNPQRSTVWXYZ'[i]}0`, admissionCode: '123456' },
      });
    // A successful sign-in gives its try back: it does not count.
    await a.login('tecnico');
    for (let i = 0; i < 30; i++) expect((await guess(i % 2 === 0 ? a : b, i)).status).toBe(404);
    for (const server of [a, b]) {
      const slowed = await guess(server, 30);
      expect(slowed.status).toBe(429);
      expect(slowed.body.error.code).toBe('too_many_requests');
    }
  });
});

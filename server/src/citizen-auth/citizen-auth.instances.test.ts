// Card challenges through two server instances on one PostgreSQL schema (one secret, as SPORTELLO_SECRET
// gives every instance): a challenge asked of A is recognised by B, and once B has taken it A refuses it.
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from '../store/postgres/test-database.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

describe('card challenges on two server instances (PostgreSQL)', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropTestSchemas();
  }, 60_000);

  it('a challenge issued by A is taken on B, once', async () => {
    const schema = await testSchema('challenges');
    for (let i = 0; i < 2; i++) {
      const store = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
      // The same data folder: the same server secret, as SPORTELLO_SECRET gives a cluster.
      const dataDir = servers[0]?.dataDir;
      servers.push(
        await startTestServer('2026-11-30T07:00:00+01:00', { store, ...(dataDir && { dataDir }) }),
      );
    }
    const [a, b] = servers as [TestServer, TestServer];
    const token = await a.stationToken('adria-municipio');
    const issued = await a.call('POST', '/api/v1/citizen-auth/challenge', { token });
    expect(issued.status).toBe(200);
    const answer = {
      challenge: issued.body.challenge,
      certificate: Buffer.from('not a certificate').toString('base64'),
      signature: Buffer.from('not a signature').toString('base64'),
    };
    // B knows the challenge (its refusal is about the certificate) and takes it.
    const onB = await b.call('POST', '/api/v1/citizen-auth/verify', { token, body: answer });
    expect(onB.status).toBe(401);
    expect(onB.body.error.code).not.toMatch(/^challenge_/);
    const again = await a.call('POST', '/api/v1/citizen-auth/verify', { token, body: answer });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('challenge_used');
    // Another station cannot use it at all.
    const other = await a.stationToken('ischia-municipio');
    const fresh = await b.call('POST', '/api/v1/citizen-auth/challenge', { token });
    const stolen = await a.call('POST', '/api/v1/citizen-auth/verify', {
      token: other,
      body: { ...answer, challenge: fresh.body.challenge },
    });
    expect(stolen.body.error.code).toBe('challenge_unknown');
  });
});

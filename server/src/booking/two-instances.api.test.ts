// The races that must not be lost with several server instances: two servers on one PostgreSQL schema, the
// requests spread over both, as a load balancer without sticky sessions would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from '../store/postgres/test-database.ts';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_OPEN = '2026-11-30T09:00:00+01:00';
const SERVICE = 'naspi-consulenza';
const servers: TestServer[] = [];

beforeAll(async () => {
  const schema = await testSchema('races');
  for (let i = 0; i < 2; i++) {
    const store = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 10 });
    servers.push(await startTestServer(MONDAY_OPEN, { store }));
  }
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await dropTestSchemas();
}, 60_000);

describe('two server instances on one PostgreSQL', () => {
  it('give the last place of a slot to exactly one of 200 concurrent requests spread over both', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const station = await a.stationToken('adria-municipio');
    const slotsOn = async (server: TestServer) => {
      const result = await server.call(
        'GET',
        `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=inPerson&from=2026-12-03&to=2026-12-03`,
      );
      expect(result.status).toBe(200);
      return result.body.days[0].slots as { start: string; free: number }[];
    };
    const book = (server: TestServer, start: string, index: number) =>
      server.call('POST', '/api/v1/bookings', {
        token: station,
        body: {
          sede: 'rovigo',
          service: SERVICE,
          mode: 'inPerson',
          start,
          citizen: citizen(index),
          authMethod: 'typed',
          privacyNoticeVersion: '2026-01',
        },
      });
    const [slot] = await slotsOn(a);
    for (let i = 1; i < slot!.free; i++)
      expect((await book(i % 2 ? a : b, slot!.start, 300 + i)).status).toBe(201);

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => book(i % 2 ? a : b, slot!.start, 400 + i)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const lost = results.filter((r) => r.status === 409);
    expect(lost).toHaveLength(199);
    for (const r of lost) expect(r.body.error.code).toBe('slot_taken');
    for (const server of [a, b])
      expect((await slotsOn(server)).find((s) => s.start === slot!.start)).toBeUndefined();
  }, 120_000);

  it('number 100 concurrent tickets spread over both without a repeat or a gap', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const reception = await a.stationToken('rovigo-accoglienza');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).call('POST', '/api/v1/tickets', {
          token: reception,
          body: { sede: 'rovigo', service: 'assistenza-stranieri' },
        }),
      ),
    );
    const numbers = results.map((r) => r.body.ticket.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => `S${String(i + 1).padStart(3, '0')}`));
  }, 120_000);
});

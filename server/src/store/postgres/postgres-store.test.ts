// The store contract against the real PostgreSQL (test-database.ts: a schema of its own per store).
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../store.contract.ts';
import type { Store } from '../store.ts';
import { PostgresStore } from './postgres-store.ts';
import { migrate, SchemaBehindError } from './schema.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from './test-database.ts';

const now = () => new Date('2026-11-28T10:00:00Z');
const schemas = new WeakMap<Store, string>();

afterAll(() => dropTestSchemas(), 60_000);

storeContract('postgres', {
  async create() {
    const schema = await testSchema('contract');
    const store = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, now, poolSize: 4 });
    schemas.set(store, schema);
    return store;
  },
  async reopen(previous) {
    const schema = schemas.get(previous)!;
    await previous.close();
    const store = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, now, poolSize: 4 });
    schemas.set(store, schema);
    return store;
  },
});

describe('postgres store schema', () => {
  it('refuses a database whose schema is behind, naming the command to run', async () => {
    const schema = await testSchema('behind', false);
    const client = new pg.Client(TEST_DATABASE_URL);
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const opening = PostgresStore.open({ url: TEST_DATABASE_URL, schema });
    await expect(opening).rejects.toBeInstanceOf(SchemaBehindError);
    await expect(opening).rejects.toThrow(/npm run db:migrate/);
  });

  it('migrating twice applies nothing the second time', async () => {
    const schema = await testSchema('contract');
    expect(await migrate({ url: TEST_DATABASE_URL, schema })).toEqual([]);
  });
});

// The store contract against the real PostgreSQL (SPORTELLO_TEST_DATABASE_URL, else the local one on
// 127.0.0.1:5432, database test): each store gets a schema of its own, migrated as `npm run db:migrate` does.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../store.contract.ts';
import type { Store } from '../store.ts';
import { PostgresStore } from './postgres-store.ts';
import { migrate, SchemaBehindError } from './schema.ts';

export const TEST_DATABASE_URL =
  process.env.SPORTELLO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const now = () => new Date('2026-11-28T10:00:00Z');
const schemas = new WeakMap<Store, string>();
const made: string[] = [];

async function freshSchema(): Promise<string> {
  const schema = `contract_${randomBytes(6).toString('hex')}`;
  made.push(schema);
  await migrate({ url: TEST_DATABASE_URL, schema });
  return schema;
}

afterAll(async () => {
  const client = new pg.Client(TEST_DATABASE_URL);
  await client.connect();
  for (const schema of made) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

storeContract('postgres', {
  async create() {
    const schema = await freshSchema();
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
    const schema = `contract_${randomBytes(6).toString('hex')}`;
    made.push(schema);
    const client = new pg.Client(TEST_DATABASE_URL);
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const opening = PostgresStore.open({ url: TEST_DATABASE_URL, schema });
    await expect(opening).rejects.toBeInstanceOf(SchemaBehindError);
    await expect(opening).rejects.toThrow(/npm run db:migrate/);
  });

  it('migrating twice applies nothing the second time', async () => {
    const schema = await freshSchema();
    expect(await migrate({ url: TEST_DATABASE_URL, schema })).toEqual([]);
  });
});

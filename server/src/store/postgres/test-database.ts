// Tests' PostgreSQL: SPORTELLO_TEST_DATABASE_URL, else the local one on 127.0.0.1:5432 (database test). Each
// store under test gets a schema of its own, migrated as `npm run db:migrate` does, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './schema.ts';

export const TEST_DATABASE_URL =
  process.env.SPORTELLO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const made: string[] = [];

/** A new schema's name, dropped by dropTestSchemas(); migrated unless `migrated` is false. */
export async function testSchema(prefix: string, migrated = true): Promise<string> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  made.push(schema);
  if (migrated) await migrateWhenFree(schema);
  return schema;
}

/**
 * node-pg-migrate holds one advisory lock for the whole database, whatever the schema: test files running
 * side by side (and other test runs on the same database) wait their turn instead of failing.
 */
async function migrateWhenFree(schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate({ url: TEST_DATABASE_URL, schema });
      return;
    } catch (error) {
      if (attempt >= 50 || !/Another migration is already running/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

export async function dropTestSchemas(): Promise<void> {
  if (made.length === 0) return;
  const client = new pg.Client(TEST_DATABASE_URL);
  await client.connect();
  try {
    // One at a time: dropping them all at once takes a lock per table, more than the server's lock table holds.
    for (const schema of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

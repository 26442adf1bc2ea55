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
  if (migrated) await migrate({ url: TEST_DATABASE_URL, schema });
  return schema;
}

export async function dropTestSchemas(): Promise<void> {
  if (made.length === 0) return;
  const client = new pg.Client(TEST_DATABASE_URL);
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${made.splice(0).join(', ')} CASCADE`);
  } finally {
    await client.end();
  }
}

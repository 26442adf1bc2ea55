// The PostgreSQL schema's migrations (node-pg-migrate, SQL files in ./migrations): applied by
// `npm run db:migrate`, and checked when a server opens the store, which refuses a schema that is behind.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATIONS_TABLE = 'pgmigrations';

export interface SchemaTarget {
  url: string;
  /** A schema other than public: tests give each store its own. */
  schema?: string;
}

/** Applies every migration not yet applied; answers their names. */
export async function migrate(
  target: SchemaTarget,
  log: (message: string) => void = () => {},
): Promise<string[]> {
  const applied = await runner({
    databaseUrl: target.url,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: MIGRATIONS_TABLE,
    ...(target.schema ? { schema: target.schema, createSchema: true } : {}),
    checkOrder: true,
    log,
  });
  return applied.map((m) => m.name);
}

/** The migrations this code expects that the database has not applied yet. */
export async function pendingMigrations(target: SchemaTarget): Promise<string[]> {
  const pending = await runner({
    databaseUrl: target.url,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: MIGRATIONS_TABLE,
    ...(target.schema ? { schema: target.schema } : {}),
    dryRun: true,
    noLock: true,
    log: () => {},
  });
  return pending.map((m) => m.name);
}

export class SchemaBehindError extends Error {
  constructor(pending: string[]) {
    super(
      `the PostgreSQL schema is behind this version of Sportello (${pending.length} migration(s) not applied: ` +
        `${pending.join(', ')}); run \`npm run db:migrate\` first`,
    );
    this.name = 'SchemaBehindError';
  }
}

// `npm run db:import-lowdb -- <data dir> [--url=postgres://…] [--replay-journal]`: copies a lowdb deployment's data folder into
// the PostgreSQL store (the one server.json names, else DATABASE_URL), whose schema must be migrated first.
// Safe to run twice: records are inserted or replaced, never doubled. A folder still holding a lowdb journal is
// refused (its server runs, or crashed) unless --replay-journal says the server is stopped.
import { stat } from 'node:fs/promises';
import { defaultConfigDir, loadConfig } from '../server/src/config/load-config.ts';
import { toolDatabaseUrl } from '../server/src/store/open-store.ts';
import { importLowdb } from '../server/src/store/postgres/import-lowdb.ts';
import { PostgresStore } from '../server/src/store/postgres/postgres-store.ts';

const args = process.argv.slice(2);
const dataDir = args.find((a) => !a.startsWith('--'));
if (!dataDir) {
  console.error('db:import-lowdb: name the lowdb data folder: npm run db:import-lowdb -- data');
  process.exit(2);
}
try {
  if (!(await stat(dataDir).catch(() => undefined))?.isDirectory())
    throw new Error(`${dataDir} is not a folder`);
  const config = await loadConfig(defaultConfigDir());
  const url = toolDatabaseUrl(config.server.store, args);
  if (!url)
    throw new Error(
      'no database named: set DATABASE_URL, give --url=postgres://…, or set store.kind "postgres" in server.json',
    );
  const store = await PostgresStore.open({ url });
  try {
    const counts = await importLowdb(dataDir, store, (file) => process.stdout.write(`  ${file}\n`), {
      replayJournal: args.includes('--replay-journal'),
    });
    console.log(
      `db:import-lowdb: done — ${
        Object.entries(counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ') || 'nothing to move'
      }`,
    );
  } finally {
    await store.close();
  }
} catch (error) {
  console.error(`db:import-lowdb: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// `npm run db:migrate [-- --url=postgres://…]`: brings the PostgreSQL schema up to this version's. The database
// is the one config/server.json's store names, else DATABASE_URL. Safe to run again: it applies only what is new.
import { defaultConfigDir, loadConfig } from '../server/src/config/load-config.ts';
import { toolDatabaseUrl } from '../server/src/store/open-store.ts';
import { migrate } from '../server/src/store/postgres/schema.ts';

try {
  const config = await loadConfig(defaultConfigDir());
  const url = toolDatabaseUrl(config.server.store, process.argv.slice(2));
  if (!url) {
    console.error(
      'db:migrate: no database named: set DATABASE_URL, give --url=postgres://…, or set store.kind "postgres" in server.json',
    );
    process.exit(2);
  }
  const applied = await migrate({ url });
  console.log(
    applied.length ? `db:migrate: applied ${applied.join(', ')}` : 'db:migrate: the schema is up to date',
  );
} catch (error) {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// The store config/server.json names: lowdb files (the default, nothing to install) or PostgreSQL.
import { ENV_REFERENCE, type StoreSettings } from '@sportello/protocol';
import type { Logger } from 'pino';
import { LowdbStore } from './lowdb/lowdb-store.ts';
import { PostgresStore } from './postgres/postgres-store.ts';
import type { Store } from './store.ts';

export async function openStore(
  settings: StoreSettings,
  options: { dataDir: string; now: () => Date; log: Logger },
): Promise<Store> {
  if (settings.kind === 'lowdb') return LowdbStore.open({ dataDir: options.dataDir, now: options.now });
  const url = databaseUrl(settings.url);
  const { log } = options;
  return PostgresStore.open({
    url,
    poolSize: settings.poolSize,
    now: options.now,
    onListenerState: (state, error) =>
      state === 'lost'
        ? log.warn({ err: error }, 'PostgreSQL notifications lost; reconnecting')
        : log.info('PostgreSQL notifications listening again'),
  });
}

/** The URL itself, or the environment variable `${env:NAME}` names. */
export function databaseUrl(configured: string): string {
  const name = ENV_REFERENCE.exec(configured)?.[1];
  if (!name) return configured;
  const value = process.env[name];
  if (!value) throw new Error(`server.json store.url: the environment variable ${name} is not set`);
  return value;
}

/**
 * The database the command-line tools work on: --url, else the store server.json names, else DATABASE_URL.
 * Undefined when none is set.
 */
export function toolDatabaseUrl(settings: StoreSettings, argv: string[]): string | undefined {
  const flag = argv.find((a) => a.startsWith('--url='));
  if (flag) return flag.slice('--url='.length);
  if (settings.kind === 'postgres') return databaseUrl(settings.url);
  return process.env.DATABASE_URL || undefined;
}

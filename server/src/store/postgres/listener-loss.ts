// Tests of what follows a lost LISTEN connection: a PostgresStore whose listener can be cut
// (pg_terminate_backend on its backend, found by an application_name of its own), and a change made on
// another store that commits only once the cut is seen, so that the store under test is never told of it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StoreTx } from '../store.ts';
import { PostgresStore } from './postgres-store.ts';
import { TEST_DATABASE_URL } from './test-database.ts';

export interface LosableStore {
  store: PostgresStore;
  /** 'lost', 'listening' as the listener said them, and 'committed' where the missed change committed. */
  states: string[];
  /**
   * Cuts the listener, runs `change` on `other` in a transaction committed once the loss is seen (the
   * reconnection waits at least 125 ms), and resolves when the listener is back.
   */
  missChange(other: PostgresStore, change: (tx: StoreTx) => Promise<void>): Promise<void>;
}

export async function openLosableStore(schema: string, poolSize = 4): Promise<LosableStore> {
  const name = `losable_${randomBytes(4).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('application_name', name);
  const states: string[] = [];
  const waiters: (() => void)[] = [];
  const store = await PostgresStore.open({
    url: url.toString(),
    schema,
    poolSize,
    onListenerState: (state) => {
      states.push(state);
      for (const wake of waiters.splice(0)) wake();
    },
  });
  const next = (state: string) =>
    new Promise<void>((resolve) => {
      const check = () => (states.at(-1) === state ? resolve() : waiters.push(check));
      check();
    });

  async function missChange(other: PostgresStore, change: (tx: StoreTx) => Promise<void>): Promise<void> {
    const lost = next('lost');
    const committed = other
      .transaction(async (tx) => {
        await change(tx);
        await lost;
      })
      .then(() => void states.push('committed'));
    const admin = new pg.Client(TEST_DATABASE_URL);
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
        [name],
      );
      if (rows.length !== 1) throw new Error(`expected one listener, found ${rows.length}`);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    await committed;
    await next('listening');
    // Had the listener come back before the commit, the change would have been told: not what is tested.
    if (states.slice(-3).join() !== 'lost,committed,listening')
      throw new Error(`the change was not missed: ${states.join(', ')}`);
  }

  return { store, states, missChange };
}

// Server instances and officials' presence in PostgreSQL (migration 1764900000000_instances): short rows
// every instance renews, read by every instance's video hub.
import type pg from 'pg';
import type { ServerInstance, StoreReader, StoreTx, VideoPresence } from '../store.ts';

type Queryable = Pick<pg.ClientBase, 'query'>;

export function instancesReader(db: Queryable): Pick<StoreReader, 'serverInstances' | 'videoPresence'> {
  return {
    serverInstances: async () =>
      (await db.query<{ doc: ServerInstance }>(`SELECT doc FROM server_instances ORDER BY id`)).rows.map(
        (r) => r.doc,
      ),
    videoPresence: async () =>
      (await db.query<{ doc: VideoPresence }>(`SELECT doc FROM video_presence ORDER BY official`)).rows.map(
        (r) => r.doc,
      ),
  };
}

export function instancesWriter(
  db: Queryable,
): Pick<StoreTx, 'putServerInstance' | 'deleteServerInstance' | 'putVideoPresence' | 'deleteVideoPresence'> {
  return {
    putServerInstance: async (instance) => {
      await db.query(
        `INSERT INTO server_instances (id, alive_until, doc) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET alive_until = EXCLUDED.alive_until, doc = EXCLUDED.doc`,
        [instance.id, instance.aliveUntil, instance],
      );
    },
    deleteServerInstance: async (id) =>
      ((await db.query(`DELETE FROM server_instances WHERE id = $1`, [id])).rowCount ?? 0) > 0,
    putVideoPresence: async (presence) => {
      await db.query(
        `INSERT INTO video_presence (official, instance, doc) VALUES ($1, $2, $3)
         ON CONFLICT (official) DO UPDATE SET instance = EXCLUDED.instance, doc = EXCLUDED.doc`,
        [presence.official, presence.instance, presence],
      );
    },
    deleteVideoPresence: async (official, instance) =>
      ((
        await db.query(`DELETE FROM video_presence WHERE official = $1 AND instance = $2`, [
          official,
          instance,
        ])
      ).rowCount ?? 0) > 0,
  };
}

// One-time keys and hit counters in PostgreSQL (migration 1764950000000_limits): each a single statement,
// so concurrent requests on every instance are all counted and a key is used once. Expired rows are
// deleted at most once a minute by each instance.
import type pg from 'pg';
import type { HitCount, SharedLimits } from '../limits.ts';

const SWEEP_MS = 60_000;

export function pgLimits(pool: Pick<pg.Pool, 'query'>): SharedLimits {
  // Each table is swept with the clock of its own callers (a challenge's and a rate limit's may differ).
  const swept = { keys: -Infinity, counters: -Infinity };
  const sweep = async (table: keyof typeof swept, now: Date) => {
    if (now.getTime() - swept[table] < SWEEP_MS) return;
    swept[table] = now.getTime();
    if (table === 'keys') await pool.query(`DELETE FROM one_time_keys WHERE until < $1`, [now]);
    else await pool.query(`DELETE FROM hit_counters WHERE reset_at <= $1`, [now]);
  };
  return {
    async useOnce(key, until, now) {
      await sweep('keys', now);
      // A concurrent insert of the same key waits for the first and then finds it marked.
      const { rowCount } = await pool.query(
        `INSERT INTO one_time_keys (key, until) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until WHERE one_time_keys.until < $3`,
        [key, until, now],
      );
      return (rowCount ?? 0) > 0;
    },
    async countHit(key, windowMs, now): Promise<HitCount> {
      await sweep('counters', now);
      const { rows } = await pool.query<{ hits: number; reset_at: Date }>(
        `INSERT INTO hit_counters (key, hits, reset_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN hit_counters.reset_at <= $3 THEN 1 ELSE hit_counters.hits + 1 END,
           reset_at = CASE WHEN hit_counters.reset_at <= $3 THEN EXCLUDED.reset_at ELSE hit_counters.reset_at END
         RETURNING hits, reset_at`,
        [key, new Date(now.getTime() + windowMs), now],
      );
      return { hits: rows[0]!.hits, resetAt: rows[0]!.reset_at };
    },
    async uncountHit(key, now) {
      await pool.query(
        `UPDATE hit_counters SET hits = hits - 1 WHERE key = $1 AND reset_at > $2 AND hits > 0`,
        [key, now],
      );
    },
    async resetHits(key) {
      await pool.query(`DELETE FROM hit_counters WHERE key = $1`, [key]);
    },
  };
}

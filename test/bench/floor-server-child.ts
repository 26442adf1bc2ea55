// The server under the office-floor bench, in its own process so its RSS and CPU are its own. Its clock is a
// Monday morning at opening time that moves with real time, so tickets are issued (opening hours) and the
// floor's times (called, served, waits) advance as on a real day.
import { hashToken, newToken, STAFF_TOKEN_PREFIX } from '../../server/src/auth/tokens.ts';
import { floorHub } from '../../server/src/floor/floor.routes.ts';
import { createLogger } from '../../server/src/log/logger.ts';
import { startServer } from '../../server/src/server.ts';

/** A Monday with no closure at the demo sedi, 09:00 in Rome. */
export const FLOOR_MONDAY = '2026-11-30T09:00:00+01:00';

export type ToFloorChild = { type: 'usage' } | { type: 'stop' };
export type FromFloorChild =
  | { type: 'ready'; url: string; clerks: string[] }
  | {
      type: 'usage';
      rss: number;
      /** process.cpuUsage(): user and system microseconds since the child started. */
      cpu: { user: number; system: number };
      /** Live streams the floor hub holds, by kind. */
      streams: { board: number; counter: number; follow: number };
    }
  | { type: 'stopped' };

const [dataDir, configDir, sede, clerkCount] = process.argv.slice(2);
if (!dataDir || !configDir || !sede || !clerkCount || !process.send)
  throw new Error('usage: fork(floor-server-child.ts, [dataDir, configDir, sede, clerks])');
const send = (message: FromFloorChild) => process.send!(message);

const offset = Date.parse(FLOOR_MONDAY) - Date.now();
const clock = () => new Date(Date.now() + offset);
const server = await startServer({
  configDir,
  dataDir,
  port: 0,
  clock,
  jobs: false,
  log: createLogger({ level: 'silent' }),
});

// Counter clerks' sessions straight in the store, as the API tests make them: one clerk holds one counter.
const clerks = Array.from({ length: Number(clerkCount) }, () => newToken(STAFF_TOKEN_PREFIX));
await server.ctx.store.transaction(async (tx) => {
  for (const [i, token] of clerks.entries())
    await tx.insertSession({
      tokenHash: hashToken(token),
      username: `bench-clerk-${i + 1}`,
      roles: ['counter'],
      sede,
      createdAt: clock().toISOString(),
      expiresAt: new Date(clock().getTime() + 3_600_000).toISOString(),
    });
});

process.on('message', (message: ToFloorChild) => {
  if (message.type === 'usage')
    send({
      type: 'usage',
      rss: process.memoryUsage().rss,
      cpu: process.cpuUsage(),
      streams: floorHub(server.ctx).counts(),
    });
  if (message.type === 'stop') {
    void server.stop().then(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  }
});
send({ type: 'ready', url: server.url, clerks });

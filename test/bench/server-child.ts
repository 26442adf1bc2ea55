// The server under test in its own process, so autocannon does not share its event loop and RSS is the server's alone.
import { hashToken, newToken, STAFF_TOKEN_PREFIX } from '../../server/src/auth/tokens.ts';
import { createLogger } from '../../server/src/log/logger.ts';
import { startServer } from '../../server/src/server.ts';

export type ToChild = { type: 'rss' } | { type: 'stop' };
export type FromChild =
  | { type: 'ready'; url: string; token: string; openMs: number }
  | { type: 'rss'; rss: number }
  | { type: 'stopped' };

const [dataDir, configDir] = process.argv.slice(2);
if (!dataDir || !configDir || !process.send)
  throw new Error('usage: fork(server-child.ts, [dataDir, configDir])');
const send = (message: FromChild) => process.send!(message);

const started = performance.now();
const server = await startServer({
  configDir,
  dataDir,
  port: 0,
  jobs: false,
  log: createLogger({ level: 'silent' }),
});
const openMs = performance.now() - started;

// A counter clerk's session straight in the store: the bench tests booking, not sign-in. Staff, because a
// station would need a verified card signature for each strongly authenticated citizen.
const token = newToken(STAFF_TOKEN_PREFIX);
await server.ctx.store.transaction((tx) =>
  tx.insertSession({
    tokenHash: hashToken(token),
    username: 'sportello.rovigo',
    roles: ['counter'],
    sede: 'rovigo',
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  }),
);

process.on('message', (message: ToChild) => {
  if (message.type === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss });
  if (message.type === 'stop') {
    void server.stop().then(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  }
});
send({ type: 'ready', url: server.url, token, openMs });

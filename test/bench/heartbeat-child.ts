// The server taking heartbeats, in its own process so that its CPU time and RSS are its own: the whole
// server (startServer; background jobs on, as deployed, unless HEARTBEAT_BENCH_JOBS=off, see heartbeat-bench.ts), or the floor — a bare node:http server
// that reads the same JSON body and answers 204, to tell what the server adds to the HTTP work itself.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../server/src/log/logger.ts';
import { startServer } from '../../server/src/server.ts';

export type HeartbeatChildMode = 'server' | 'floor';
export type ToHeartbeatChild = { type: 'usage' } | { type: 'stop' };
export type FromHeartbeatChild =
  { type: 'ready'; url: string } | { type: 'usage'; cpuMicros: number; rss: number } | { type: 'stopped' };

const [mode, dataDir, configDir] = process.argv.slice(2);
if ((mode !== 'server' && mode !== 'floor') || !dataDir || !configDir || !process.send)
  throw new Error('usage: fork(heartbeat-child.ts, [server|floor, dataDir, configDir])');
const send = (message: FromHeartbeatChild) => process.send!(message);

let url: string;
let stop: () => Promise<void>;
if (mode === 'server') {
  const server = await startServer({
    configDir,
    dataDir,
    port: 0,
    jobs: process.env.HEARTBEAT_BENCH_JOBS !== 'off',
    log: createLogger({ level: 'silent' }),
  });
  url = server.url;
  stop = () => server.stop();
} else {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

process.on('message', (message: ToHeartbeatChild) => {
  if (message.type === 'usage') {
    const { user, system } = process.cpuUsage();
    send({ type: 'usage', cpuMicros: user + system, rss: process.memoryUsage().rss });
    return;
  }
  void stop().then(() => {
    send({ type: 'stopped' });
    process.disconnect();
  });
});
send({ type: 'ready', url });

// Slow clients cannot hold the server's sockets: connections are capped per remote address from the moment
// they open, and headers not finished in time are answered 408 and closed; /healthz answers meanwhile.
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../config/load-config.ts';
import { createLogger } from '../log/logger.ts';
import { startServer, type RunningServer } from '../server.ts';

const SOCKETS = 300;
const CAP = 200;
const HEADERS_TIMEOUT_MS = 3_000;

interface SlowClient {
  socket: net.Socket;
  received: string;
  closed: boolean;
}

const clients: SlowClient[] = [];
let running: RunningServer | undefined;
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.destroy();
  await running?.stop();
});

async function start(): Promise<RunningServer> {
  running = await startServer({
    configDir: defaultConfigDir(),
    dataDir: await mkdtemp(path.join(tmpdir(), 'sportello-slow-')),
    port: 0,
    jobs: false,
    log: createLogger({ level: 'silent' }),
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    maxConnectionsPerAddress: CAP,
  });
  return running;
}

/** Connects from 127.0.0.1 and sends the start of a /ws request (or nothing), never its end. */
function openSlowClient(
  port: number,
  start = `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`,
): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.1' });
    const client: SlowClient = { socket, received: '', closed: false };
    clients.push(client);
    socket.on('data', (chunk) => (client.received += String(chunk)));
    socket.once('close', () => (client.closed = true));
    socket.once('error', (error) => (socket.connecting ? reject(error) : undefined));
    socket.once('connect', () => {
      if (start) socket.write(start);
      resolve(client);
    });
  });
}

/** /healthz from another loopback address, which the first address's connections do not count against. */
function healthz(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/healthz', localAddress: '127.0.0.2' },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    request.once('error', reject);
  });
}

/** Waits for a condition, checking every 20 ms, and gives up after `ms` (a safety bound, not a timing check). */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited >= ms) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('slow clients', () => {
  it('are capped per address at once, and closed after the header time-out; /healthz answers meanwhile', async () => {
    const server = await start();
    const cap = CAP;
    const port = Number(new URL(server.url).port);

    for (let i = 0; i < SOCKETS; i++) await openSlowClient(port);
    await until(() => clients.filter((c) => c.closed).length >= SOCKETS - cap, 10_000, 'the cap');
    expect(await healthz(port)).toBe(200);
    const refused = clients.filter((c) => c.closed);
    expect(refused.length).toBe(SOCKETS - cap);
    expect(refused.every((c) => c.received === '')).toBe(true);

    await until(() => clients.every((c) => c.closed), HEADERS_TIMEOUT_MS + 10_000, 'the header time-out');
    const timedOut = clients.filter((c) => !refused.includes(c));
    expect(timedOut.every((c) => c.received.startsWith('HTTP/1.1 408'))).toBe(true);
  });

  it('that send nothing at all are closed after the header time-out too', async () => {
    const port = Number(new URL((await start()).url).port);
    for (let i = 0; i < 3; i++) await openSlowClient(port, '');
    await until(() => clients.every((c) => c.closed), HEADERS_TIMEOUT_MS + 10_000, 'the header time-out');
    expect(await healthz(port)).toBe(200);
  });
});

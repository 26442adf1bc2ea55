// Bench rows for /ws: server memory per 1,000 idle, authenticated station WebSocket connections. The server
// runs in its own process (server-child.ts) so its RSS is its own; this process opens the sockets.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { median, nextMessage, stationToken, valueTable, type BenchRow } from './bench-support.ts';
import type { FromChild, ToChild } from './server-child.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG_DIR = path.resolve(HERE, '../../config');
const SOCKETS = 1000;
const STATION = 'adria-municipio';
/** Left alone this long before each RSS reading. */
const SETTLE_MS = 1500;
/** Stations connect from addresses of their own: 100 per loopback address stays under the per-address cap. */
const SOCKETS_PER_ADDRESS = 100;

function openSocket(url: string, token: string, index: number): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, {
    headers: { authorization: `Bearer ${token}` },
    localAddress: `127.0.1.${1 + Math.floor(index / SOCKETS_PER_ADDRESS)}`,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** A client that sends the start of a /ws request and never its end, as a slowloris attack does. */
function openSlowClient(url: string, index: number): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  const localAddress = `127.0.2.${1 + Math.floor(index / SOCKETS_PER_ADDRESS)}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port), localAddress }, () => {
      socket.write(`GET /ws HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/** Milliseconds of /healthz answers, one request after the other. */
async function healthzMs(url: string, times: number): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`);
    await response.text();
    if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
    durations.push(performance.now() - started);
  }
  return durations;
}

export async function videoBench(): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-video-bench-'));
  const child = fork(path.join(HERE, 'server-child.ts'), [dataDir, CONFIG_DIR], { stdio: 'inherit' });
  const send = (message: ToChild) => child.send(message);
  const rssMB = async () => {
    const reply = nextMessage<FromChild, 'rss'>(child, 'rss', 'server');
    send({ type: 'rss' });
    return (await reply).rss / 2 ** 20;
  };
  const sockets: WebSocket[] = [];
  const slowClients: net.Socket[] = [];
  try {
    const { url } = await nextMessage<FromChild, 'ready'>(child, 'ready', 'server');
    const token = await stationToken(url, STATION);
    // One socket first, so the WebSocket code is loaded and warm before the baseline.
    sockets.push(await openSocket(url, token, 0));
    await settle();
    const before = await rssMB();
    for (let i = 1; i < SOCKETS; i += 50)
      sockets.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, SOCKETS - i) }, (_, j) => openSocket(url, token, i + j)),
        )),
      );
    await settle();
    const after = await rssMB();
    // Within the header time-out (5 s) the slow clients are all still held.
    for (let i = 0; i < SOCKETS; i++) slowClients.push(await openSlowClient(url, i));
    const healthz = median(await healthzMs(url, 20));
    return [
      { name: 'server RSS with 1 idle WebSocket', value: before, unit: 'MB' },
      {
        name: `server RSS with ${SOCKETS.toLocaleString('en-US')} idle WebSockets`,
        value: after,
        unit: 'MB',
      },
      {
        name: 'server memory per 1,000 idle WebSocket connections',
        value: ((after - before) * 1000) / (SOCKETS - 1),
        unit: 'MB',
      },
      {
        name: `GET /healthz while ${SOCKETS.toLocaleString('en-US')} slow clients hold unfinished /ws headers (median)`,
        value: healthz,
        unit: 'ms',
      },
    ];
  } finally {
    for (const ws of sockets) ws.terminate();
    for (const socket of slowClients) socket.destroy();
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'stop' });
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function videoTable(rows: BenchRow[]): string {
  return valueTable('video', rows, { format: (v) => v.toFixed(1) });
}

// `npx tsx test/bench/video-bench.ts` runs these rows alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  console.log(videoTable(await videoBench()));

// Bench rows for heartbeats at fleet scale: 10,000 enrolled stations, each beating with its own credential,
// against the whole server (lowdb) in a child process — the most heartbeats a second it
// absorbs, and its CPU and RSS at the fleet's real rate (10,000 stations every 30 s) — beside the floor, a
// bare node:http server reading the same bodies.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { HeartbeatBody } from '@sportello/protocol';
import { hashToken, newToken, STATION_TOKEN_PREFIX } from '../../server/src/auth/tokens.ts';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.ts';
import { median, nextMessage, valueTable, type BenchRow } from './bench-support.ts';
import type { FromHeartbeatChild, HeartbeatChildMode, ToHeartbeatChild } from './heartbeat-child.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG_DIR = path.resolve(HERE, '../../config');
export const STATIONS = 10_000;
/** The agent's default heartbeat interval (station-agent/src/config/agent-config.ts). */
const INTERVAL_SECONDS = 30;
const CONNECTIONS = 50;
const SECONDS = 8;
const SEDI = ['rovigo', 'napoli'];

const body: HeartbeatBody = {
  agentVersion: '0.1.0',
  uptimeSeconds: 86_400,
  devices: { reader: 'ok', printer: 'ok', scanner: 'ok', camera: { page: 'ok', device: true } },
  page: { loaded: true, errors: 0 },
};

/** 10,000 stations in the registry, each with a credential, written straight to the store (as seeded). */
async function seedFleet(dataDir: string): Promise<string[]> {
  const store = await LowdbStore.open({ dataDir });
  const tokens: string[] = [];
  const now = new Date().toISOString();
  await store.transaction(async (tx) => {
    for (let i = 0; i < STATIONS; i++) {
      const id = `bench-${String(i).padStart(5, '0')}`;
      const token = newToken(STATION_TOKEN_PREFIX);
      tokens.push(token);
      await tx.putStation({
        id,
        name: `Postazione ${i}`,
        kind: 'municipal',
        host: `Comune ${i}`,
        address: `Piazza del Municipio ${i}`,
        sede: SEDI[i % SEDI.length]!,
        comune: `Comune ${i}`,
        devices: ['reader', 'printer', 'camera'],
        createdAt: now,
        updatedAt: now,
      });
      await tx.putStationCredential({ station: id, tokenHash: hashToken(token), issuedAt: now });
    }
  });
  await store.close();
  return tokens;
}

interface Child {
  url: string;
  usage(): Promise<{ cpuMicros: number; rss: number }>;
  stop(): Promise<void>;
}

async function startChild(mode: HeartbeatChildMode, dataDir: string): Promise<Child> {
  const child: ChildProcess = fork(path.join(HERE, 'heartbeat-child.ts'), [mode, dataDir, CONFIG_DIR], {
    stdio: 'inherit',
  });
  const send = (message: ToHeartbeatChild) => child.send(message);
  const { url } = await nextMessage<FromHeartbeatChild, 'ready'>(child, 'ready', 'heartbeat server');
  return {
    url,
    async usage() {
      const reply = nextMessage<FromHeartbeatChild, 'usage'>(child, 'usage', 'heartbeat server');
      send({ type: 'usage' });
      const { cpuMicros, rss } = await reply;
      return { cpuMicros, rss };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'stop' });
      await nextMessage<FromHeartbeatChild, 'stopped'>(child, 'stopped', 'heartbeat server');
      await exited;
    },
  };
}

interface Run {
  rate: number;
  p50: number;
  p99: number;
  /** The child's CPU over the run, in % of one core. */
  cpu: number;
  rssMB: number;
  refused: number;
}

/** Heartbeats from the stations in turn, each with its own credential; `overallRate` paces them. */
async function beat(
  child: Child,
  tokens: string[],
  options: { seconds?: number; amount?: number; overallRate?: number },
): Promise<Run> {
  let next = 0;
  const payload = JSON.stringify(body);
  const before = await child.usage();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url: `${child.url}/api/v1/stations/heartbeat`,
        connections: CONNECTIONS,
        ...(options.seconds !== undefined && { duration: options.seconds }),
        ...(options.amount !== undefined && { amount: options.amount }),
        ...(options.overallRate !== undefined && { overallRate: options.overallRate }),
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${tokens[next++ % tokens.length]}`,
              },
              body: payload,
            }),
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    ),
  );
  const wallMs = performance.now() - started;
  const after = await child.usage();
  if (result.errors > 0) throw new Error(`heartbeats: ${result.errors} errors`);
  return {
    rate: result['2xx'] / (wallMs / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpu: ((after.cpuMicros - before.cpuMicros) / 1000 / wallMs) * 100,
    rssMB: after.rss / 2 ** 20,
    refused: result.non2xx,
  };
}

export interface HeartbeatBenchResult {
  max: Run;
  nominal: Run;
  floor: Run;
  fleetFileMB: number;
  /** The console's fleet list (first 300 of 10,000, every count), median of a few. */
  fleetListMs: number;
}

/** The technician's fleet list as the console asks for it, timed: the median of five. */
async function fleetList(url: string): Promise<number> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tecnico', password: 'demo-tecnico' }),
  });
  const { token } = (await login.json()) as { token: string };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1/stations?limit=300`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { stations: unknown[]; counts: { total: number } };
    if (body.stations.length !== 300 || body.counts.total < STATIONS)
      throw new Error('fleet list: wrong answer');
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function heartbeatBench(): Promise<HeartbeatBenchResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-heartbeat-bench-'));
  try {
    const tokens = await seedFleet(dataDir);
    const server = await startChild('server', dataDir);
    let max: Run;
    let nominal: Run;
    let fleetListMs: number;
    try {
      // Every station beats once first: the fleet file then holds 10,000 statuses, as on any working day.
      await beat(server, tokens, { amount: STATIONS });
      max = await beat(server, tokens, { seconds: SECONDS });
      nominal = await beat(server, tokens, { seconds: SECONDS, overallRate: STATIONS / INTERVAL_SECONDS });
      fleetListMs = await fleetList(server.url);
    } finally {
      await server.stop();
    }
    const fleetFileMB = (await stat(path.join(dataDir, 'station-statuses.json'))).size / 1e6;
    const floorChild = await startChild('floor', dataDir);
    let floor: Run;
    try {
      await beat(floorChild, tokens, { amount: 2_000 });
      floor = await beat(floorChild, tokens, { seconds: SECONDS });
    } finally {
      await floorChild.stop();
    }
    return { max, nominal, floor, fleetFileMB, fleetListMs };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function heartbeatTable(r: HeartbeatBenchResult): string {
  const need = STATIONS / INTERVAL_SECONDS;
  const rows: BenchRow[] = [
    {
      name: `heartbeats absorbed, ${STATIONS.toLocaleString('en-US')} stations, flat out`,
      value: r.max.rate,
      unit: 'per s',
    },
    { name: '  latency p50 / p99', value: r.max.p50, unit: `ms / ${r.max.p99.toFixed(0)} ms` },
    { name: '  server CPU', value: r.max.cpu, unit: '% of a core' },
    { name: '  server RSS', value: r.max.rssMB, unit: 'MB' },
    { name: '  floor: bare node:http reading the same bodies', value: r.floor.rate, unit: 'per s' },
    { name: '  floor CPU', value: r.floor.cpu, unit: '% of a core' },
    {
      name: `at the fleet's rate (${need.toFixed(0)}/s: every station every ${INTERVAL_SECONDS} s)`,
      value: r.nominal.rate,
      unit: 'per s',
    },
    { name: '  latency p50 / p99', value: r.nominal.p50, unit: `ms / ${r.nominal.p99.toFixed(0)} ms` },
    { name: '  server CPU', value: r.nominal.cpu, unit: '% of a core' },
    { name: '  server RSS', value: r.nominal.rssMB, unit: 'MB' },
    { name: "heartbeats file (every station's last, written behind)", value: r.fleetFileMB, unit: 'MB' },
    {
      name: 'fleet list for the console (300 of 10,000, with every count)',
      value: r.fleetListMs,
      unit: 'ms',
    },
  ];
  const refused = r.max.refused + r.nominal.refused;
  return valueTable('heartbeats', rows, {
    notes: [
      `headroom: ${(r.max.rate / need).toFixed(1)}× the fleet's rate; ${refused} heartbeats refused (must be 0)`,
      `${CONNECTIONS} connections (autocannon, in the bench's process), ${SECONDS} s per run, each heartbeat with its own station's credential, every device well`,
      `background jobs on, as deployed (HEARTBEAT_BENCH_JOBS=off stops them): the alert engine looks at each station on its first heartbeat after the start, reading only that station`,
    ],
  });
}

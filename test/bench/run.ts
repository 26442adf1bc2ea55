// `npm run bench`: lowdb store with 1k/10k/100k existing bookings — availability and booking over HTTP, against lowdb's own floor;
// the PostgreSQL store beside its floors (postgres-bench.ts).
// `npm run bench -- --only=booking,kpi` runs only the tables named (see TABLES); `--sizes=1000` only those sizes.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig, type AppConfig } from '../../server/src/config/load-config.ts';
import { agentBench, agentTable } from './agent-bench.ts';
import { floorBench, floorTable } from './floor-bench.ts';
import { heartbeatBench, heartbeatTable } from './heartbeat-bench.ts';
import { kioskBench, kioskTable } from './kiosk-bench.ts';
import { kpiBench, kpiTable } from './kpi-bench.ts';
import { lowdbFloor } from './lowdb-floor.ts';
import { metricsBench, metricsTable } from './metrics-bench.ts';
import { notificationBench, notificationTable } from './notifications-bench.ts';
import { postgresBench, postgresTable } from './postgres-bench.ts';
import { videoBench, videoTable } from './video-bench.ts';
import { videoCallBench, videoCallTable } from './video-call-bench.ts';
import { waitEstimateBench, waitEstimateTable } from './wait-estimate-bench.ts';
import { nextMessage } from './bench-support.ts';
import {
  bracketing,
  cpuMeter,
  failures,
  meanOf,
  rateOf,
  romeDay,
  run,
  startHttpFloor,
  statusCounts,
  type CpuTime,
} from './http-load.ts';
import { generateBookings, writeDayFiles } from './seed.ts';
import { benchBookings, bookingBody, planBookings } from './booking-load.ts';
import type { FromChild, ToChild } from './server-child.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG_DIR = path.resolve(HERE, '../../config');
const TABLES = [
  'booking',
  'notifications',
  'agent',
  'video',
  'video-calls',
  'kiosk',
  'wait-estimate',
  'floor',
  'metrics',
  'heartbeats',
  'kpi',
  'postgres',
] as const;

/** The value of `--name=a,b` on the command line, split at commas; undefined when absent. */
function listOption(name: string): string[] | undefined {
  const arg = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  return arg
    ?.slice(name.length + 3)
    .split(',')
    .filter(Boolean);
}

const only = listOption('only');
for (const name of only ?? [])
  if (!(TABLES as readonly string[]).includes(name))
    throw new Error(`--only: no table "${name}"; the tables are ${TABLES.join(', ')}`);
const wanted = (table: (typeof TABLES)[number]) => !only || only.includes(table);
const SIZES = listOption('sizes')?.map(Number) ?? [1_000, 10_000, 100_000];
if (SIZES.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--sizes: whole numbers of bookings');
const CONNECTIONS = 10;
const SECONDS = 5;
const FLOOR_SECONDS = 3;
/** Citizens of the booking phase start here, far from the seeded ones. */
const CITIZEN_BASE = 50_000_000;
/** Issue 16's goals: a share of the bare Express floor measured in the same run, and a p99 ceiling in ms. */
const GOALS = {
  availability: { share: 0.4, p99: 20 },
  booking: { share: 0.3, p99: 50 },
} as const;

interface Row {
  n: number;
  operation: string;
  p50?: number;
  p99?: number;
  rate: number;
  ok?: number;
  failed?: string;
  rssMB?: number;
  /** The server's CPU per request in µs, its main thread and all its threads (Linux only). */
  cpu?: CpuTime;
  /** The bare Express floor's req/s for the same kind of request, measured in the same run. */
  floorRate?: number;
  goal?: { share: number; p99: number };
}

// ---- the server in a child process ----

interface Child {
  url: string;
  pid: number | undefined;
  token: string;
  openMs: number;
  rssMB(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(dataDir: string): Promise<Child> {
  // fork keeps tsx's loader flags (execArgv), so the child runs TypeScript too. BENCH_CPU_PROF=<folder> writes
  // the server's CPU profile there (node refuses --cpu-prof in NODE_OPTIONS).
  const profile = process.env.BENCH_CPU_PROF;
  const child = fork(path.join(HERE, 'server-child.ts'), [dataDir, CONFIG_DIR], {
    stdio: 'inherit',
    execArgv: [...process.execArgv, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
  });
  const send = (message: ToChild) => child.send(message);
  const ready = await nextMessage<FromChild, 'ready'>(child, 'ready', 'server');
  return {
    url: ready.url,
    pid: child.pid,
    token: ready.token,
    openMs: ready.openMs,
    async rssMB() {
      const reply = nextMessage<FromChild, 'rss'>(child, 'rss', 'server');
      send({ type: 'rss' });
      return (await reply).rss / 2 ** 20;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'stop' });
      await nextMessage<FromChild, 'stopped'>(child, 'stopped', 'server');
      await exited;
    },
  };
}

// ---- load ----

async function benchAvailability(child: Child, config: AppConfig): Promise<Omit<Row, 'n'>> {
  const service = config.services.find((s) => s.level === 'secondo' && s.channels.inPerson)!;
  const query = new URLSearchParams({
    sede: 'rovigo',
    service: service.id,
    mode: 'inPerson',
    from: romeDay(1),
    to: romeDay(7),
  });
  const options = { url: `${child.url}/api/v1/availability?${query}`, connections: CONNECTIONS };
  await run({ ...options, duration: 2 }); // warm-up (JIT, first file loads), not counted
  const cpu = cpuMeter(() => [child.pid]);
  cpu.start();
  const r = await run({ ...options, duration: SECONDS });
  return {
    operation: `GET availability (rovigo, ${service.id}, 7 days)`,
    cpu: cpu.per(r['2xx'] + r.non2xx),
    p50: r.latency.p50,
    p99: r.latency.p99,
    rate: rateOf(r),
    ok: r['2xx'],
    failed: failures(r, statusCounts(r)),
  };
}

/** The floor of a row: the bare app answering the same number of connections for as long, after a warm-up. */
async function benchFloor(
  floor: { url: string; pid: number | undefined },
  request: autocannon.Request,
  what: string,
): Promise<Omit<Row, 'n'>> {
  const options = { url: floor.url, connections: CONNECTIONS, requests: [request] };
  await run({ ...options, duration: 2 });
  const cpu = cpuMeter(() => [floor.pid]);
  cpu.start();
  const r = await run({ ...options, duration: SECONDS });
  return {
    operation: `floor: bare Express 5 ${what}`,
    cpu: cpu.per(r['2xx'] + r.non2xx),
    p50: r.latency.p50,
    p99: r.latency.p99,
    rate: rateOf(r),
    ok: r['2xx'],
    failed: failures(r, statusCounts(r)),
  };
}

/** Two floor runs bracketing a row, as one (http-load.ts), their CPU per request averaged too. */
function bracketedFloor(before: Omit<Row, 'n'>, after: Omit<Row, 'n'>): Omit<Row, 'n'> {
  const both = before.cpu && after.cpu;
  return {
    ...bracketing(before, after),
    ...(both && {
      cpu: {
        main: meanOf(before.cpu!.main, after.cpu!.main)!,
        process: meanOf(before.cpu!.process, after.cpu!.process)!,
      },
    }),
  };
}

// ---- output ----

function table(rows: Row[]): string {
  const head = [
    'existing',
    'operation',
    'p50 ms',
    'p99 ms',
    'req/s',
    'of floor',
    '2xx',
    'non-2xx',
    'server RSS MB',
    'CPU µs/req',
  ];
  const fmt = (v: number | undefined, digits = 0) => (v === undefined ? '' : v.toFixed(digits));
  const body = rows.map((r) => [
    r.n.toLocaleString('en-US'),
    r.operation,
    fmt(r.p50, 1),
    fmt(r.p99, 1),
    fmt(r.rate, r.rate < 10 ? 1 : 0),
    r.floorRate ? `${((100 * r.rate) / r.floorRate).toFixed(0)} %` : '',
    r.ok === undefined ? '' : String(r.ok),
    r.failed ?? '',
    fmt(r.rssMB),
    r.cpu ? `${r.cpu.main.toFixed(0)} / ${r.cpu.process.toFixed(0)}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6, 8, 9]);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

/** One line per row that has a goal: the share of its floor and its p99 against issue 16's. */
function goalLines(rows: Row[]): string[] {
  return rows
    .filter((r) => r.goal && r.floorRate && r.p99 !== undefined)
    .map((r) => {
      const share = r.rate / r.floorRate!;
      const met = share >= r.goal!.share && r.p99! < r.goal!.p99;
      return (
        `goal ${met ? 'met' : 'NOT met'}: ${r.n.toLocaleString('en-US')} ${r.operation.split(' (')[0]} — ` +
        `${(100 * share).toFixed(0)} % of floor (goal ≥ ${100 * r.goal!.share} %), ` +
        `p99 ${r.p99} ms (goal < ${r.goal!.p99} ms)`
      );
    });
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(
    `load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per row (after warm-up), server in a child process\n`,
  );
  const config = await loadConfig(CONFIG_DIR);
  if (wanted('booking')) await bookingTable(config);
  if (wanted('notifications')) {
    console.error('notifications…');
    console.log(`\n${notificationTable(await notificationBench(config.notifications))}`);
  }
  if (wanted('agent')) {
    console.error('station agent…');
    console.log(`\n${agentTable(await agentBench())}`);
  }
  if (wanted('video')) {
    console.error('video…');
    console.log(`\n${videoTable(await videoBench())}`);
  }
  if (wanted('video-calls')) {
    console.error('video calls…');
    console.log(`\n${videoCallTable(await videoCallBench())}`);
  }
  if (wanted('kiosk')) {
    console.error('kiosk…');
    console.log(`\n${kioskTable(await kioskBench())}`);
  }
  if (wanted('wait-estimate')) {
    console.error('wait estimate…');
    console.log(`\n${waitEstimateTable(await waitEstimateBench())}`);
  }
  if (wanted('floor')) {
    console.error('office floor…');
    console.log(`\n${floorTable(await floorBench())}`);
  }
  if (wanted('metrics')) {
    console.error('metrics…');
    console.log(`\n${metricsTable(await metricsBench())}`);
  }
  if (wanted('heartbeats')) {
    console.error('heartbeats…');
    console.log(`\n${heartbeatTable(await heartbeatBench())}`);
  }
  if (wanted('kpi')) {
    console.error('KPI query…');
    console.log(`\n${kpiTable(await kpiBench())}`);
  }
  if (wanted('postgres')) {
    // At 100k bookings of history unless --sizes names others.
    console.error('PostgreSQL…');
    console.log(`\n${postgresTable(await postgresBench(config, listOption('sizes') ? SIZES : [100_000]))}`);
  }
}

/** Availability and booking at each size, beside the bare Express floor and lowdb's own. */
async function bookingTable(config: AppConfig): Promise<void> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const httpFloor = await startHttpFloor();
  try {
    for (const n of SIZES) await bookingRows(config, n, httpFloor, rows, notes);
  } finally {
    await httpFloor.stop();
  }
  console.log(table(rows));
  console.log(
    '\nbare Express 5 floor rows: a GET answering {"ok":true}, and a POST of the same booking body parsed by ' +
      'express.json() answering 201, in a child process of their own, measured just before and just after the ' +
      'row they are the floor of (the mean of the two); "of floor" = req/s ÷ that floor',
  );
  console.log(
    "CPU µs/req: the server's (or the floor's) CPU time over the measured run ÷ its requests, of its main " +
      'thread / of all its threads (GC helpers, disk threads), from /proc: steadier than req/s when the ' +
      "machine's speed wanders",
  );
  console.log(
    'bookings are durable before their 201: a write is appended to the write-ahead journal as soon as it is ' +
      'free, those finishing meanwhile share the next record (a booking and its SMS as their own items, not ' +
      'their day files), and one fdatasync ' +
      'covers every record appended before it; a checkpoint every 30 s (or at 64 MB of journal) puts the files in place (temporary ' +
      'file synced, renamed, folder synced) and drops the journal',
  );
  console.log(
    'lowdb floor rows: req/s = writes/s of one Low+JSONFile holding all N bookings; p50 column = mean ms per write',
  );
  for (const line of goalLines(rows)) console.log(line);
  for (const note of notes) console.log(`seed ${note}`);
}

/** The rows of one size of booking history. */
async function bookingRows(
  config: AppConfig,
  n: number,
  floor: { url: string; pid: number | undefined },
  rows: Row[],
  notes: string[],
) {
  const now = new Date();
  const bookings = generateBookings(config, n, now);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-bench-'));
  try {
    const seedStarted = performance.now();
    const seeded = await writeDayFiles(dataDir, config, bookings, now);
    const seedMs = performance.now() - seedStarted;
    const child = await startChild(dataDir);
    try {
      console.error(`[${n}] seeded, server up; GET floor, availability…`);
      const getRequest: autocannon.Request = { method: 'GET', path: '/floor' };
      const getBefore = await benchFloor(floor, getRequest, 'GET');
      const availability = await benchAvailability(child, config);
      const getFloor = bracketedFloor(getBefore, await benchFloor(floor, getRequest, 'GET'));
      rows.push({ n, ...getFloor });
      rows.push({
        n,
        ...availability,
        rssMB: await child.rssMB(),
        floorRate: getFloor.rate,
        goal: GOALS.availability,
      });
      const plan = await planBookings(child.url, config, 7);
      console.error(`[${n}] POST floor, booking ${plan.length} free slot units…`);
      const sample = JSON.stringify(bookingBody(config, plan[0]!, CITIZEN_BASE));
      const postRequest: autocannon.Request = {
        method: 'POST',
        path: '/floor',
        headers: { 'content-type': 'application/json' },
        body: sample,
      };
      const postBefore = await benchFloor(floor, postRequest, 'POST JSON → 201');
      const cpu = cpuMeter(() => [child.pid]);
      const booking = await benchBookings([child.url], child.token, config, plan, CITIZEN_BASE, {
        connections: CONNECTIONS,
        seconds: SECONDS,
        afterWarmUp: async () => cpu.start(),
      });
      const postFloor = bracketedFloor(postBefore, await benchFloor(floor, postRequest, 'POST JSON → 201'));
      rows.push({ n, ...postFloor });
      rows.push({
        n,
        operation: `POST booking (${booking.result.duration.toFixed(1)} s)`,
        p50: booking.result.latency.p50,
        p99: booking.result.latency.p99,
        rate: rateOf(booking.result),
        ok: booking.result['2xx'],
        failed: booking.failed,
        cpu: cpu.per(booking.result['2xx'] + booking.result.non2xx),
        rssMB: await child.rssMB(),
        floorRate: postFloor.rate,
        goal: GOALS.booking,
      });
      notes.push(
        `${n.toLocaleString('en-US')}: ${seeded.files} day files (${(seeded.bytes / 1e6).toFixed(1)} MB, ` +
          `${seeded.future} in the future) written in ${(seedMs / 1000).toFixed(1)} s; server opened in ` +
          `${child.openMs.toFixed(0)} ms; ${plan.length} free slot units, ${booking.warmedUp} of them booked and ` +
          `cancelled before the run, ${booking.used} used by it`,
      );
    } finally {
      await child.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  console.error(`[${n}] lowdb floor…`);
  const lowdb = await lowdbFloor(bookings, FLOOR_SECONDS);
  rows.push({
    n,
    operation: `lowdb floor: write() of 1 file, ${lowdb.fileMB.toFixed(1)} MB`,
    p50: 1000 / lowdb.writesPerSecond,
    rate: lowdb.writesPerSecond,
    ok: lowdb.writes,
  });
}

await main();

// `npm run bench`: lowdb store with 1k/10k/100k existing bookings — availability and booking over HTTP, against lowdb's own floor;
// the PostgreSQL store beside its floors (postgres-bench.ts).
// `npm run bench -- --only=booking,kpi` runs only the tables named (see TABLES); `--sizes=1000` only those sizes.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { AvailabilityResponse, Booking, CreateBookingBody } from '@sportello/protocol';
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
  failures,
  rateOf,
  romeDay,
  run,
  servicePerSector,
  startHttpFloor,
  statusCounts,
} from './http-load.ts';
import { codiceFiscale, generateBookings, random, shuffle, writeDayFiles } from './seed.ts';
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
/**
 * Bookings made, then cancelled, before the measured run, which so meets the booking path optimised as on a server
 * up for a while (the floor warms up for 2 s of its own requests): after 200 bookings V8 was still optimising it,
 * a function at a time, and the server's CPU per booking fell by a third over the next 2,000. The cancels give
 * every unit back.
 */
const BOOKING_WARMUP = 2_000;
/** Slots closer than this are left out: they could fall inside the 30-minute lead time mid-run. */
const SAFETY_MINUTES = 20;
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
  /** The bare Express floor's req/s for the same kind of request, measured in the same run. */
  floorRate?: number;
  goal?: { share: number; p99: number };
}

// ---- the server in a child process ----

interface Child {
  url: string;
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
  const r = await run({ ...options, duration: SECONDS });
  return {
    operation: `GET availability (rovigo, ${service.id}, 7 days)`,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rate: rateOf(r),
    ok: r['2xx'],
    failed: failures(r, statusCounts(r)),
  };
}

interface Unit {
  sede: string;
  service: string;
  start: string;
}

/** The body of the i-th citizen's booking: a new citizen each time, so none is refused as already booked. */
function bookingBody(config: AppConfig, unit: Unit, i: number): CreateBookingBody {
  return {
    sede: unit.sede,
    service: unit.service,
    mode: 'inPerson',
    start: unit.start,
    citizen: {
      codiceFiscale: codiceFiscale(CITIZEN_BASE + i),
      firstName: 'Carla',
      lastName: 'Bench',
      phone: `+39347${String(1_000_000 + i).slice(-7)}`,
      language: 'it',
    },
    authMethod: 'cie-pin',
    privacyNoticeVersion: config.server.privacyNoticeVersion,
  };
}

/** The floor of a row: the bare app answering the same number of connections for as long, after a warm-up. */
async function benchFloor(url: string, request: autocannon.Request, what: string): Promise<Omit<Row, 'n'>> {
  const options = { url, connections: CONNECTIONS, requests: [request] };
  await run({ ...options, duration: 2 });
  const r = await run({ ...options, duration: SECONDS });
  return {
    operation: `floor: bare Express 5 ${what}`,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rate: rateOf(r),
    ok: r['2xx'],
    failed: failures(r, statusCounts(r)),
  };
}

/** Every free (slot × capacity) unit of the next 60 days, shuffled so concurrent requests hit different days. */
async function planBookings(child: Child, config: AppConfig): Promise<Unit[]> {
  const units: Unit[] = [];
  const earliest = Date.now() + (config.server.bookingLeadMinutes + SAFETY_MINUTES) * 60_000;
  for (const sede of config.sedi) {
    for (const service of servicePerSector(config)) {
      const query = new URLSearchParams({
        sede: sede.id,
        service: service.id,
        mode: 'inPerson',
        from: romeDay(0),
        to: romeDay(config.server.bookingHorizonDays),
      });
      const response = await fetch(`${child.url}/api/v1/availability?${query}`);
      if (!response.ok) throw new Error(`availability ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as AvailabilityResponse;
      for (const day of body.days)
        for (const slot of day.slots)
          if (Date.parse(slot.start) > earliest)
            for (let k = 0; k < slot.free; k++)
              units.push({ sede: sede.id, service: service.id, start: slot.start });
    }
  }
  return shuffle(random(7), units);
}

async function benchBookings(
  child: Child,
  config: AppConfig,
  plan: Unit[],
): Promise<{ row: Omit<Row, 'n'>; used: number; warmedUp: number }> {
  let next = 0;
  let citizen = 0;
  let codes = new Map<string, number>();
  /** The warm-up's bookings, as the citizen's cancel request proves them: code and codice fiscale. */
  let made: string[] | undefined = [];
  const request: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/bookings',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${child.token}` },
    // Each request takes the next unit and a new citizen, so none is refused as full or already booked.
    setupRequest: (req) => {
      const unit = plan[next++ % plan.length]!;
      return { ...req, body: JSON.stringify(bookingBody(config, unit, citizen++)) };
    },
    onResponse: (status, body) => {
      if (status < 300) {
        const { booking } = JSON.parse(body) as { booking: Booking };
        made?.push(JSON.stringify({ code: booking.code, codiceFiscale: booking.citizen.codiceFiscale }));
        return;
      }
      let code = `HTTP ${status}`;
      try {
        code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? code;
      } catch {
        // not JSON: keep the status
      }
      codes.set(code, (codes.get(code) ?? 0) + 1);
    },
  };
  const options = { url: child.url, connections: CONNECTIONS, requests: [request] };
  // setupRequest runs once more per connection than requests are sent: keep a margin so units never repeat.
  const warm = await run({ ...options, amount: Math.min(BOOKING_WARMUP, plan.length - 3 * CONNECTIONS) });
  if (warm.non2xx || warm.errors) throw new Error(`booking warm-up: ${failures(warm, codes)} failed`);
  const warmedUp = made!.length;
  await cancelAll(child, made!);
  made = undefined;
  codes = new Map();
  next = 0;
  const left = plan.length - 3 * CONNECTIONS;
  if (left < CONNECTIONS * 10) throw new Error(`only ${left} free slots left to book`);
  // autocannon notices the last request only at its next sample, so sample often: a run that books every free
  // unit before SECONDS would otherwise be timed up to the next whole second.
  const r = await run({ ...options, duration: SECONDS, maxOverallRequests: left, sampleInt: 50 });
  return {
    row: {
      operation: `POST booking (${r.duration.toFixed(1)} s)`,
      p50: r.latency.p50,
      p99: r.latency.p99,
      rate: rateOf(r),
      ok: r['2xx'],
      failed: failures(r, codes),
    },
    used: next,
    warmedUp,
  };
}

/** Cancels each booking by the citizen's own request, so its unit is free again. */
async function cancelAll(child: Child, made: string[]): Promise<void> {
  let i = 0;
  const r = await run({
    url: child.url,
    connections: CONNECTIONS,
    amount: made.length,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const body = made[i++ % made.length]!;
          const { code } = JSON.parse(body) as { code: string };
          return { ...req, path: `/api/v1/bookings/${code}/cancel`, body };
        },
      },
    ],
  });
  if (r.non2xx || r.errors) throw new Error(`cancelling the warm-up's bookings: ${failures(r)} failed`);
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
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6, 8]);
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
    for (const n of SIZES) await bookingRows(config, n, httpFloor.url, rows, notes);
  } finally {
    await httpFloor.stop();
  }
  console.log(table(rows));
  console.log(
    '\nbare Express 5 floor rows: a GET answering {"ok":true}, and a POST of the same booking body parsed by ' +
      'express.json() answering 201, in a child process of their own, measured just before the row they ' +
      'are the floor of; "of floor" = req/s ÷ that floor',
  );
  console.log(
    'bookings are durable before their 201: writes finishing together share one record appended to the ' +
      'write-ahead journal (a booking and its SMS as their own items, not their day files) and one fdatasync ' +
      'covers every record appended before it; a checkpoint every 5 s puts the files in place (temporary ' +
      'file synced, renamed, folder synced) and drops the journal',
  );
  console.log(
    'lowdb floor rows: req/s = writes/s of one Low+JSONFile holding all N bookings; p50 column = mean ms per write',
  );
  for (const line of goalLines(rows)) console.log(line);
  for (const note of notes) console.log(`seed ${note}`);
}

/** The rows of one size of booking history. */
async function bookingRows(config: AppConfig, n: number, floorUrl: string, rows: Row[], notes: string[]) {
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
      const getFloor = await benchFloor(floorUrl, { method: 'GET', path: '/floor' }, 'GET');
      rows.push({ n, ...getFloor });
      const availability = await benchAvailability(child, config);
      rows.push({
        n,
        ...availability,
        rssMB: await child.rssMB(),
        floorRate: getFloor.rate,
        goal: GOALS.availability,
      });
      const plan = await planBookings(child, config);
      console.error(`[${n}] POST floor, booking ${plan.length} free slot units…`);
      const sample = JSON.stringify(bookingBody(config, plan[0]!, 0));
      const postFloor = await benchFloor(
        floorUrl,
        { method: 'POST', path: '/floor', headers: { 'content-type': 'application/json' }, body: sample },
        'POST JSON → 201',
      );
      rows.push({ n, ...postFloor });
      const booking = await benchBookings(child, config, plan);
      rows.push({
        n,
        ...booking.row,
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
  const floor = await lowdbFloor(bookings, FLOOR_SECONDS);
  rows.push({
    n,
    operation: `lowdb floor: write() of 1 file, ${floor.fileMB.toFixed(1)} MB`,
    p50: 1000 / floor.writesPerSecond,
    rate: floor.writesPerSecond,
    ok: floor.writes,
  });
}

await main();

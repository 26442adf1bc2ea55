// `npm run bench -- --only=postgres`: the PostgreSQL store beside its floors, in one run, on a database of its
// own (sportello_bench, dropped after). Floors: pgbench's insert rate of one booking row per transaction on
// the same database, and the bare Express 5 app. Measured: availability and booking with 1 and 2 server
// instances (child processes, the load split between them) at 100k bookings of history, the SMS outbox with a
// worker on each of two instances (duplicates counted), and the LISTEN/NOTIFY relay from instance A to B.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import pg from 'pg';
import { newToken, STAFF_TOKEN_PREFIX } from '../../server/src/auth/tokens.ts';
import type { AppConfig } from '../../server/src/config/load-config.ts';
import { migrate } from '../../server/src/store/postgres/schema.ts';
import { TEST_DATABASE_URL } from '../../server/src/store/postgres/test-database.ts';
import type { NewOutboxMessage, StoredBooking } from '../../server/src/store/store.ts';
import { FakeSmsGateway } from '../../server/src/testing/fake-sms-gateway.ts';
import { nextMessage, percentile } from './bench-support.ts';
import {
  bracketing,
  cpuMeter,
  failures,
  meanOf,
  postgresPids,
  rateOf,
  romeDay,
  run,
  servicePerSector,
  startHttpFloor,
  targets,
} from './http-load.ts';
import type { FromPgChild, ToPgChild } from './pg-server-child.ts';
import { benchBookings, bookingBody, planBookings } from './booking-load.ts';
import { generateBookings, ZONE } from './seed.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG_DIR = path.resolve(HERE, '../../config');
const DATABASE = 'sportello_bench';
const CONNECTIONS = 10;
const SECONDS = 5;
const WARMUP_SECONDS = 2;
/** Citizens of the booking runs start here, far from the seeded ones; each run takes a block of its own. */
const CITIZEN_BASE = 60_000_000;
const OUTBOX_MESSAGES = 3000;
const RELAY_NOTIFICATIONS = 300;
const SEED_BATCH = 5000;
/** Issue 16's goals, as the lowdb rows have them. */
const GOALS = { availability: { share: 0.4, p99: 20 }, booking: { share: 0.3, p99: 50 } } as const;

export interface PgRow {
  operation: string;
  p50?: number;
  p99?: number;
  rate?: number;
  unit?: string;
  ok?: number;
  failed?: string;
  /** CPU µs per request over the measured run: the Node processes' (all threads) and PostgreSQL's (Linux). */
  cpu?: { node?: number; postgres?: number };
  /** The floors this row is a share of, by name. */
  floors?: { name: string; rate: number }[];
  goal?: { share: number; p99: number };
}

const execFileAsync = promisify(execFile);

// ---- the database ----

function databaseUrl(database: string): string {
  const url = new URL(process.env.SPORTELLO_BENCH_DATABASE_URL ?? TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onAdmin(sql: string): Promise<void> {
  const client = new pg.Client(databaseUrl('postgres'));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const localDay = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toISODate()!;

/** The bookings as the store files them, by multi-row INSERTs of SEED_BATCH rows (unnest of arrays). */
async function seed(url: string, bookings: StoredBooking[]): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    for (let i = 0; i < bookings.length; i += SEED_BATCH) {
      const batch = bookings.slice(i, i + SEED_BATCH);
      await client.query(
        `INSERT INTO bookings (code, sede, day, start, codice_fiscale, doc)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[])`,
        [
          batch.map((b) => b.code),
          batch.map((b) => b.sede),
          batch.map((b) => localDay(b.start)),
          batch.map((b) => b.start),
          batch.map((b) => b.citizen.codiceFiscale),
          batch.map((b) => JSON.stringify(b)),
        ],
      );
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

// ---- processes ----

interface Instance {
  url: string;
  openMs: number;
  child: ChildProcess;
  send(message: ToPgChild): void;
  stop(): Promise<void>;
}

async function startInstance(url: string, token: string, dataDir: string): Promise<Instance> {
  const profile = process.env.BENCH_CPU_PROF;
  const child = fork(path.join(HERE, 'pg-server-child.ts'), [CONFIG_DIR, url, dataDir, token], {
    stdio: 'inherit',
    env: { ...process.env, SPORTELLO_SECRET: 'bench-secret-the-same-on-every-instance-0123456789' },
    execArgv: [...process.execArgv, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
  });
  const ready = await nextMessage<FromPgChild, 'ready'>(child, 'ready', 'PostgreSQL server');
  const send = (message: ToPgChild) => child.send(message);
  return {
    url: ready.url,
    openMs: ready.openMs,
    child,
    send,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'stop' });
      await exited;
    },
  };
}

// ---- the floors ----

/** pgbench: CONNECTIONS clients each inserting one booking row (its jsonb doc) per transaction, durably. */
async function pgbenchFloor(url: string, sample: StoredBooking, notify = false): Promise<PgRow> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sportello-pgbench-'));
  try {
    const client = new pg.Client(url);
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS pgbench_bookings (LIKE bookings INCLUDING ALL)');
    await client.end();
    // pgbench replaces :name with a variable it knows and leaves the rest (the doc's times) as they are.
    const doc = JSON.stringify(sample).replaceAll("'", "''");
    const script = path.join(dir, 'insert-booking.sql');
    // With notify: the same insert and a NOTIFY in one transaction, as a booking announces its SMS.
    await writeFile(
      script,
      (notify ? 'BEGIN;\n' : '') +
        `INSERT INTO pgbench_bookings (code, sede, day, start, codice_fiscale, doc) VALUES ` +
        `(gen_random_uuid()::text, '${sample.sede}', '${localDay(sample.start)}', now(), ` +
        `'${sample.citizen.codiceFiscale}', '${doc}'::jsonb);\n` +
        (notify ? `SELECT pg_notify('pgbench', 'x' || random());\nCOMMIT;\n` : ''),
    );
    const { hostname, port, username } = new URL(url);
    const args = (seconds: number, log: boolean) => [
      '-n',
      '-f',
      script,
      '-c',
      String(CONNECTIONS),
      '-j',
      '2',
      '-T',
      String(seconds),
      '-h',
      hostname,
      '-p',
      port || '5432',
      '-U',
      username || 'postgres',
      ...(log ? ['-l', `--log-prefix=${path.join(dir, 'log')}`] : []),
      DATABASE,
    ];
    await execFileAsync('pgbench', args(WARMUP_SECONDS, false));
    const { stdout } = await execFileAsync('pgbench', args(SECONDS, true));
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const failedTx = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    const latencies: number[] = [];
    for (const file of await readdir(dir))
      if (file.startsWith('log'))
        for (const line of (await readFile(path.join(dir, file), 'utf8')).split('\n')) {
          const micros = Number(line.split(' ')[2]);
          if (line && Number.isFinite(micros)) latencies.push(micros / 1000);
        }
    return {
      operation:
        `floor: pgbench INSERT of one booking row (jsonb doc)${notify ? ' and a NOTIFY' : ''} per transaction, ` +
        `${CONNECTIONS} clients`,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      rate: tps,
      unit: 'tx/s',
      ok: latencies.length,
      failed: String(failedTx),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The CPU the Node processes `pids` and PostgreSQL use while `work` runs, per request it answers. */
async function measuringCpu(
  pids: (number | undefined)[],
  work: (start: () => void) => Promise<number>,
): Promise<PgRow['cpu']> {
  const node = cpuMeter(() => pids);
  const postgres = cpuMeter(postgresPids);
  const requests = await work(() => {
    node.start();
    postgres.start();
  });
  return { node: node.per(requests)?.process, postgres: postgres.per(requests)?.process };
}

/** Two floor runs bracketing the server's rows, as one (http-load.ts), their CPU per request averaged too. */
function bracketedFloor(before: PgRow, after: PgRow): PgRow {
  return {
    ...bracketing(before, after),
    cpu: {
      node: meanOf(before.cpu?.node, after.cpu?.node),
      postgres: meanOf(before.cpu?.postgres, after.cpu?.postgres),
    },
  };
}

async function expressFloor(
  url: string,
  pid: number | undefined,
  request: autocannon.Request,
  what: string,
): Promise<PgRow> {
  const options = { url, connections: CONNECTIONS, requests: [request] };
  await run({ ...options, duration: WARMUP_SECONDS });
  let r!: autocannon.Result;
  const cpu = await measuringCpu([pid], async (start) => {
    start();
    r = await run({ ...options, duration: SECONDS });
    return r['2xx'] + r.non2xx;
  });
  return {
    operation: `floor: bare Express 5 ${what}`,
    cpu,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rate: rateOf(r),
    unit: 'req/s',
    ok: r['2xx'],
    failed: failures(r),
  };
}

// ---- the server's rows ----

async function availabilityRow(
  urls: string[],
  pids: (number | undefined)[],
  config: AppConfig,
): Promise<PgRow> {
  const service = config.services.find((s) => s.level === 'secondo' && s.channels.inPerson)!;
  const query = new URLSearchParams({
    sede: 'rovigo',
    service: service.id,
    mode: 'inPerson',
    from: romeDay(1),
    to: romeDay(7),
  });
  const options = {
    url: targets(urls.map((u) => `${u}/api/v1/availability?${query}`)),
    connections: CONNECTIONS,
  };
  await run({ ...options, duration: WARMUP_SECONDS });
  let r!: autocannon.Result;
  const cpu = await measuringCpu(pids, async (start) => {
    start();
    r = await run({ ...options, duration: SECONDS });
    return r['2xx'] + r.non2xx;
  });
  return {
    operation: `GET availability, ${instances(urls)} (rovigo, ${service.id}, 7 days)`,
    cpu,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rate: rateOf(r),
    unit: 'req/s',
    ok: r['2xx'],
    failed: failures(r),
  };
}

/** Other work on the machine shares its cores with the server, PostgreSQL and the load generator. */
const loadAverage = () =>
  `${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} (1, 5, 15 min) on ${os.cpus().length} cores`;

const instances = (urls: string[]) => (urls.length === 1 ? '1 instance' : `${urls.length} instances`);

async function bookingRow(
  urls: string[],
  pids: (number | undefined)[],
  token: string,
  config: AppConfig,
  citizenBase: number,
  databaseUrl: string,
): Promise<PgRow> {
  const plan = await planBookings(urls[0]!, config, 11);
  let run!: Awaited<ReturnType<typeof benchBookings>>;
  const cpu = await measuringCpu(pids, async (start) => {
    run = await benchBookings(urls, token, config, plan, citizenBase, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      // The warm-up's bookings and cancels leave thousands of dead rows: autovacuum would clean them up during
      // the measured run, as it would not on a server in its steady state.
      afterWarmUp: async () => {
        await vacuum(databaseUrl);
        start();
      },
    });
    return run.result['2xx'] + run.result.non2xx;
  });
  const { result: r, failed } = run;
  return {
    operation: `POST booking, ${instances(urls)} (${plan.length} free slot units)`,
    cpu,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rate: rateOf(r),
    unit: 'req/s',
    ok: r['2xx'],
    failed,
  };
}

async function vacuum(url: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}

// ---- outbox and relay ----

function outboxMessage(now: number, i: number): NewOutboxMessage {
  const slot = now + (1 + (i % 60)) * 86_400_000;
  return {
    id: `bench-${i}-${now}`,
    kind: 'confirmation',
    bookingCode: 'BENCH000',
    to: `+39347${String(1_000_000 + i).slice(-7)}`,
    language: 'it',
    text: 'x'.repeat(280),
    slotStart: new Date(slot).toISOString(),
    dueAt: new Date(now).toISOString(),
    createdAt: new Date(now).toISOString(),
  };
}

/**
 * OUTBOX_MESSAGES due now, in the table as a server's transactions leave them (no announcement), and no
 * others: the confirmations of the booking rows are dropped first.
 */
async function enqueueDue(url: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query('DELETE FROM outbox');
    const now = Date.now();
    const messages = Array.from({ length: OUTBOX_MESSAGES }, (_, i) => ({
      ...outboxMessage(now, i),
      status: 'pending' as const,
      attempts: 0,
    }));
    await client.query(
      `INSERT INTO outbox (id, status, booking_code, slot_day, due_at, doc)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
      [
        messages.map((m) => m.id),
        messages.map(() => 'pending'),
        messages.map((m) => m.bookingCode),
        messages.map((m) => localDay(m.slotStart)),
        messages.map((m) => m.dueAt),
        messages.map((m) => JSON.stringify(m)),
      ],
    );
  } finally {
    await client.end();
  }
}

/** The bench's messages the gateway took (a booking request still under way at the end of its row may add one). */
const own = (gateway: FakeSmsGateway) =>
  gateway
    .accepted()
    .map((r) => r.key)
    .filter((key) => key?.startsWith('bench-'));

async function outboxRow(url: string, pair: Instance[]): Promise<PgRow> {
  const gateway = await FakeSmsGateway.start();
  try {
    await enqueueDue(url);
    const started = performance.now();
    for (const instance of pair) instance.send({ type: 'outbox-start', gatewayUrl: gateway.url });
    const deadline = Date.now() + 120_000;
    while (own(gateway).length < OUTBOX_MESSAGES) {
      if (Date.now() > deadline) throw new Error('outbox bench: timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(
      pair.map((instance) => {
        const stopped = nextMessage<FromPgChild, 'outbox-stopped'>(
          instance.child,
          'outbox-stopped',
          'server',
        );
        instance.send({ type: 'outbox-stop' });
        return stopped;
      }),
    );
    const keys = own(gateway);
    const duplicates = keys.length - new Set(keys).size;
    return {
      operation: `outbox: ${OUTBOX_MESSAGES} SMS due, a worker on each of 2 instances → HTTP gateway; duplicates: ${duplicates}`,
      rate: OUTBOX_MESSAGES / seconds,
      unit: 'messages/s',
      ok: keys.length,
      failed: String(duplicates),
    };
  } finally {
    await gateway.close();
  }
}

async function relayRow(from: Instance, to: Instance): Promise<PgRow> {
  const sent = nextMessage<FromPgChild, 'relay-sent'>(from.child, 'relay-sent', 'server');
  from.send({ type: 'relay-send', count: RELAY_NOTIFICATIONS, gapMs: 5 });
  await sent;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const reply = nextMessage<FromPgChild, 'relay-lags'>(to.child, 'relay-lags', 'server');
  to.send({ type: 'relay-lags' });
  const { lags } = await reply;
  return {
    operation: `LISTEN/NOTIFY relay A → B: transaction on A (notify, commit) to B's store listener, ${RELAY_NOTIFICATIONS} events`,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    ok: lags.length,
    failed: String(RELAY_NOTIFICATIONS - lags.length),
  };
}

// ---- the table ----

export async function postgresBench(
  config: AppConfig,
  sizes: number[],
): Promise<{ rows: PgRow[]; notes: string[] }> {
  const rows: PgRow[] = [];
  const notes: string[] = [`load average before: ${loadAverage()}`];
  const url = databaseUrl(DATABASE);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-pg-bench-'));
  const httpFloor = await startHttpFloor();
  const token = newToken(STAFF_TOKEN_PREFIX);
  try {
    for (const n of sizes) {
      await onAdmin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await onAdmin(`CREATE DATABASE ${DATABASE}`);
      await migrate({ url });
      const bookings = generateBookings(config, n, new Date());
      const seedStarted = performance.now();
      await seed(url, bookings);
      const seedMs = performance.now() - seedStarted;
      const tag = (row: PgRow): PgRow => ({
        ...row,
        operation: `${n.toLocaleString('en-US')}: ${row.operation}`,
      });

      console.error(`[postgres ${n}] seeded; floors…`);
      const insertFloor = await pgbenchFloor(url, bookings.at(-1)!);
      // PostgreSQL commits transactions that NOTIFY one at a time (a lock held through the WAL flush).
      const notifyFloor = await pgbenchFloor(url, bookings.at(-1)!, true);
      const getFloorNow = () =>
        expressFloor(httpFloor.url + '/floor', httpFloor.pid, { method: 'GET', path: '/floor' }, 'GET');
      const getBefore = await getFloorNow();
      const sample = JSON.stringify(
        bookingBody(
          config,
          { sede: 'rovigo', service: servicePerSector(config)[0]!.id, start: romeDay(3) },
          0,
        ),
      );
      const postFloorNow = () =>
        expressFloor(
          httpFloor.url + '/floor',
          httpFloor.pid,
          { method: 'POST', path: '/floor', headers: { 'content-type': 'application/json' }, body: sample },
          'POST JSON → 201',
        );
      const postBefore = await postFloorNow();
      rows.push(tag(insertFloor), tag(notifyFloor));
      // The server's rows wait for the Express floors measured again after them (bracketing).
      const measured: { kind: 'get' | 'post'; row: PgRow }[] = [];

      const a = await startInstance(url, token, dataDir);
      const opened = [a];
      try {
        console.error(`[postgres ${n}] 1 instance…`);
        measured.push({ kind: 'get', row: await availabilityRow([a.url], [a.child.pid], config) });
        measured.push({
          kind: 'post',
          row: await bookingRow([a.url], [a.child.pid], token, config, CITIZEN_BASE, url),
        });
        const b = await startInstance(url, token, dataDir);
        opened.push(b);
        console.error(`[postgres ${n}] 2 instances…`);
        const both = [a.child.pid, b.child.pid];
        measured.push({ kind: 'get', row: await availabilityRow([a.url, b.url], both, config) });
        measured.push({
          kind: 'post',
          row: await bookingRow([a.url, b.url], both, token, config, CITIZEN_BASE + 1_000_000, url),
        });
        console.error(`[postgres ${n}] Express floors again, outbox, relay…`);
        const getFloor = bracketedFloor(getBefore, await getFloorNow());
        const postFloor = bracketedFloor(postBefore, await postFloorNow());
        rows.push(tag(getFloor), tag(postFloor));
        for (const { kind, row } of measured)
          rows.push(
            kind === 'get'
              ? { ...tag(row), floors: [{ name: 'GET', rate: getFloor.rate! }], goal: GOALS.availability }
              : {
                  ...tag(row),
                  floors: [
                    { name: 'POST', rate: postFloor.rate! },
                    { name: 'pgbench', rate: insertFloor.rate! },
                    { name: 'pgbench+NOTIFY', rate: notifyFloor.rate! },
                  ],
                  goal: GOALS.booking,
                },
          );
        rows.push(tag(await outboxRow(url, [a, b])));
        rows.push(tag(await relayRow(a, b)));
        notes.push(
          `seed ${n.toLocaleString('en-US')}: ${bookings.length} bookings seeded by multi-row INSERTs in ` +
            `${(seedMs / 1000).toFixed(1)} s; instances opened in ${opened.map((i) => i.openMs.toFixed(0)).join(' and ')} ms`,
        );
      } finally {
        await Promise.all(opened.map((i) => i.stop()));
      }
    }
    notes.push(`load average after: ${loadAverage()}`);
  } finally {
    await httpFloor.stop();
    await rm(dataDir, { recursive: true, force: true });
    await onAdmin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
  return { rows, notes };
}

export function postgresTable({ rows, notes }: { rows: PgRow[]; notes: string[] }): string {
  const head = [
    'PostgreSQL store',
    'p50 ms',
    'p99 ms',
    'rate',
    'unit',
    'of floor',
    'ok',
    'failed',
    'CPU µs/req: Node + PostgreSQL',
  ];
  const fmt = (v: number | undefined, digits = 0) => (v === undefined ? '' : v.toFixed(digits));
  const body = rows.map((r) => [
    r.operation,
    fmt(r.p50, 1),
    fmt(r.p99, 1),
    fmt(r.rate, r.rate !== undefined && r.rate < 10 ? 1 : 0),
    r.unit ?? '',
    (r.floors ?? []).map((f) => `${((100 * r.rate!) / f.rate).toFixed(0)} % of ${f.name}`).join(', '),
    r.ok === undefined ? '' : String(r.ok),
    r.failed ?? '',
    r.cpu?.node === undefined ? '' : `${r.cpu.node.toFixed(0)} + ${r.cpu.postgres?.toFixed(0) ?? '?'}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const numeric = new Set([1, 2, 3, 6, 8]);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  const goals = rows
    .filter((r) => r.goal && r.floors?.[0] && r.p99 !== undefined)
    .map((r) => {
      const share = r.rate! / r.floors![0]!.rate;
      const met = share >= r.goal!.share && r.p99! < r.goal!.p99;
      return (
        `goal ${met ? 'met' : 'NOT met'}: ${r.operation.split(' (')[0]} — ${(100 * share).toFixed(0)} % of the ` +
        `${r.floors![0]!.name} floor (goal ≥ ${100 * r.goal!.share} %), p99 ${r.p99} ms (goal < ${r.goal!.p99} ms)`
      );
    });
  return [
    line(head),
    rule,
    ...body.map(line),
    '',
    `database ${DATABASE} of its own, made for the run and dropped after; ${CONNECTIONS} connections (pgbench ` +
      `clients) for ${SECONDS} s per row after a ${WARMUP_SECONDS} s warm-up; with 2 instances autocannon spreads ` +
      'its connections over both (no balancer in between); the Express floors are the mean of a run before and one ' +
      "after the server's rows; every process on one machine with PostgreSQL; CPU " +
      "µs/req: the server processes' CPU (all threads) and all of PostgreSQL's over the measured run ÷ its requests",
    ...goals,
    ...notes,
  ].join('\n');
}

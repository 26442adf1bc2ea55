// Bench rows for the office floor (issue 11): call next → the board and → the phone, twenty counters pressing
// at once, and the server with 10,000 phones following tickets. Each beside a floor measured in the same run:
// a bare node:http server in a child process (sse-floor-child.ts) doing the same round trip for the same clients.
import { fork, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, nextMessage, percentile } from './bench-support.ts';
import type { FromFloorChild, ToFloorChild } from './floor-server-child.ts';
import { EventStream, requestJson, type Arrival, type JsonAnswer } from './no-keep-alive-clients.ts';
import type { FromSseFloor, ToSseFloor } from './sse-floor-child.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG_DIR = path.resolve(HERE, '../../config');
const SEDE = 'rovigo';
const STATION = 'rovigo-accoglienza';
const SERVICE = 'naspi-informazioni';
/** Calls measured one after the other at one counter, after unmeasured warm-up calls. */
const CALLS = 200;
const WARMUP_CALLS = 10;
/** Tickets waiting behind the one called, while the single counter calls. */
const QUEUE = 10;
const COUNTERS = 20;
const BURSTS = 15;
const WARMUP_BURSTS = 2;
/** Tickets still waiting when a burst has taken its twenty. */
const SPARE = 10;
const PHONES = 10_000;
/** A day of this many tickets, each followed by PHONES / PHONE_TICKETS phones (see the notes). */
const PHONE_TICKETS = 250;
const BIG_CALLS = 5;
/**
 * Phones on one loopback address: phones come from addresses of their own on a real day, a few behind each
 * shared one, and the server caps open connections per address (server.maxConnectionsPerAddress).
 */
const PHONES_PER_ADDRESS = 20;
/** Phones connecting at the same moment. */
const OPEN_BATCH = 200;
/** Left alone this long before an RSS reading. */
const SETTLE_MS = 1500;
/** Between two calls to every phone: the updates after the previous one's "done" have all gone out. */
const CALL_GAP_MS = 500;

export interface FloorRow {
  name: string;
  value: number;
  floor?: number;
  unit: string;
}

export interface FloorBench {
  rows: FloorRow[];
  notes: string[];
}

// ---- the processes ----

interface Usage {
  rssMB: number;
  cpuMs: number;
}

interface Running<R> {
  ready: R;
  usage(): Promise<Usage & { follow?: number }>;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' });
  await exited;
}

const cpuMs = (cpu: { user: number; system: number }) => (cpu.user + cpu.system) / 1000;

/** The real server, with a copy of the config (see benchConfig) and its own data folder. */
async function startServer(configDir: string): Promise<Running<{ url: string; clerks: string[] }>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-floor-bench-'));
  const child = fork(path.join(HERE, 'floor-server-child.ts'), [dataDir, configDir, SEDE, String(COUNTERS)], {
    stdio: 'inherit',
  });
  const send = (message: ToFloorChild) => child.send(message);
  const ready = await nextMessage<FromFloorChild, 'ready'>(child, 'ready', 'floor server');
  return {
    ready,
    async usage() {
      const reply = nextMessage<FromFloorChild, 'usage'>(child, 'usage', 'floor server');
      send({ type: 'usage' });
      const { rss, cpu, streams } = await reply;
      return { rssMB: rss / 2 ** 20, cpuMs: cpuMs(cpu), follow: streams.follow };
    },
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function startBareFloor(): Promise<Running<{ url: string }>> {
  const child = fork(path.join(HERE, 'sse-floor-child.ts'), [], { stdio: 'inherit' });
  const send = (message: ToSseFloor) => child.send(message);
  const ready = await nextMessage<FromSseFloor, 'ready'>(child, 'ready', 'bare floor');
  return {
    ready,
    async usage() {
      const reply = nextMessage<FromSseFloor, 'usage'>(child, 'usage', 'bare floor');
      send({ type: 'usage' });
      const { rss, cpu, streams } = await reply;
      return { rssMB: rss / 2 ** 20, cpuMs: cpuMs(cpu), follow: streams };
    },
    stop: () => stopChild(child),
  };
}

/** The shipped config with the sede given 20 counters serving every sector. */
async function benchConfig(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sportello-floor-bench-config-'));
  await cp(CONFIG_DIR, dir, { recursive: true });
  const sediFile = path.join(dir, 'sedi.json');
  const sedi = JSON.parse(await readFile(sediFile, 'utf8')) as { id: string; counters: unknown[] }[];
  sedi.find((s) => s.id === SEDE)!.counters = Array.from({ length: COUNTERS }, (_, i) => ({
    id: `sportello-${i + 1}`,
    name: `Sportello ${i + 1}`,
    sectors: ['prestazioni', 'assicurato-pensionato', 'invalidita-civile'],
  }));
  await writeFile(sediFile, JSON.stringify(sedi));
  return dir;
}

// ---- the floor's API, as the kiosk, the console and the board use it ----

function expect(answer: JsonAnswer, status: number, what: string): JsonAnswer {
  if (answer.status !== status)
    throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer;
}

interface Issued {
  id: string;
  number: string;
  /** The key in the ticket's QR, which the phone follows. */
  key: string;
}

interface Floor {
  url: string;
  clerks: string[];
  boardKey: string;
  issue(): Promise<Issued>;
  counter(clerk: number, action: string, body?: unknown): Promise<JsonAnswer>;
}

/** Enrols the reception's kiosk (as a technician does), registers a board, and gives the clerks' actions. */
async function floorOf(url: string, clerks: string[]): Promise<Floor> {
  const api = `${url}/api/v1`;
  const login = await requestJson('POST', `${api}/auth/login`, {
    body: { username: 'tecnico', password: 'demo-tecnico' },
  });
  const technician = String(expect(login, 200, 'login').body.token);
  const code = await requestJson('POST', `${api}/stations/${STATION}/enrolment-codes`, { token: technician });
  const enrolled = await requestJson('POST', `${api}/stations/enrol`, {
    body: { code: expect(code, 201, 'enrolment code').body.code, agentVersion: 'bench' },
  });
  const station = String(expect(enrolled, 200, 'enrol').body.token);
  const board = await requestJson('POST', `${api}/boards`, {
    token: technician,
    body: { sede: SEDE, name: 'Sala d’attesa (bench)' },
  });
  const boardKey = new URL(expect(board, 201, 'board').body.url).searchParams.get('key')!;
  return {
    url,
    clerks,
    boardKey,
    async issue() {
      const answer = await requestJson('POST', `${api}/tickets`, {
        token: station,
        body: { sede: SEDE, service: SERVICE },
      });
      const { ticket, followUrl } = expect(answer, 201, 'ticket').body;
      return { id: ticket.id, number: ticket.number, key: new URL(followUrl).pathname.split('/').at(-1)! };
    },
    counter: (clerk, action, body = {}) =>
      requestJson('POST', `${api}/counters/${SEDE}/sportello-${clerk + 1}/${action}`, {
        token: clerks[clerk]!,
        body,
      }),
  };
}

const boardStream = (floor: Floor) =>
  EventStream.open(`${floor.url}/api/v1/board/events?key=${encodeURIComponent(floor.boardKey)}`);
/** The loopback address the i-th phone connects from. */
function phoneAddress(i: number): string {
  const k = Math.floor(i / PHONES_PER_ADDRESS);
  return `127.77.${Math.floor(k / 250)}.${1 + (k % 250)}`;
}

const phoneStream = (floor: Floor, key: string, i: number) =>
  EventStream.open(`${floor.url}/api/v1/follow/${key}/events`, { localAddress: phoneAddress(i) });
const consoleStream = (floor: Floor, clerk: number) =>
  EventStream.open(`${floor.url}/api/v1/counters/${SEDE}/sportello-${clerk + 1}/events`, {
    token: floor.clerks[clerk]!,
  });

const of = (type: string) => (a: Arrival) => a.event === type;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request sent now; resolves with the answer and when it came. */
const timed = (request: Promise<JsonAnswer>) => request.then((answer) => ({ answer, at: performance.now() }));

// ---- 1, 2: call next → the board and the phone ----

interface CallTimes {
  call: number[];
  boardView: number[];
  phone: number[];
  answer: number[];
}

async function callNextTimes(floor: Floor): Promise<CallTimes> {
  const times: CallTimes = { call: [], boardView: [], phone: [], answer: [] };
  const board = await boardStream(floor);
  await board.next(of('board'));
  expect(await floor.counter(0, 'status', { status: 'open' }), 200, 'open the counter');
  const counterConsole = await consoleStream(floor, 0);
  const queue: Issued[] = [];
  for (let i = 0; i < QUEUE; i++) queue.push(await floor.issue());
  try {
    for (let i = 0; i < WARMUP_CALLS + CALLS; i++) {
      queue.push(await floor.issue());
      // The board has seen the new ticket: the hub is not still reading for it when the counter calls.
      await board.next((a) => a.event === 'board' && waitingOf(a) === queue.length);
      const next = queue.shift()!;
      const phone = await phoneStream(floor, next.key, i);
      await phone.next(of('follow'));
      board.drop();
      counterConsole.drop();

      const t0 = performance.now();
      const { answer, at } = await timed(floor.counter(0, 'call-next'));
      const called = expect(answer, 200, 'call next').body.current.ticket.id;
      if (called !== next.id) throw new Error(`called ${called}, expected the oldest ticket ${next.id}`);
      const call = await board.next((a) => a.event === 'call' && a.data.call.ticketId === called, t0);
      const view = await board.next(
        (a) => a.event === 'board' && a.data.view.calls[0]?.ticketId === called,
        t0,
      );
      const shown = await phone.next(
        (a) =>
          a.event === 'follow' &&
          a.data.view.status === 'called' &&
          a.data.view.counter?.id === 'sportello-1',
        t0,
      );
      phone.close();
      expect(await floor.counter(0, `tickets/${called}/done`, { outcome: 'resolved' }), 200, 'done');
      if (i < WARMUP_CALLS) continue;
      times.answer.push(at - t0);
      times.call.push(call.at - t0);
      times.boardView.push(view.at - t0);
      times.phone.push(shown.at - t0);
    }
  } finally {
    board.close();
    counterConsole.close();
  }
  return times;
}

/** Tickets waiting for the bench's service, as the board shows them. */
const waitingOf = (a: Arrival): number =>
  a.data.view.waiting.find((w: { service: string }) => w.service === SERVICE)?.count ?? -1;

/** The floor of rows 1–2: a POST answered by a bare server that writes one event to the open stream. */
async function bareRoundTrips(url: string): Promise<{ event: number[]; answer: number[] }> {
  const times = { event: [] as number[], answer: [] as number[] };
  const stream = await EventStream.open(`${url}/events`);
  await stream.next(of('hello'));
  try {
    for (let i = 0; i < WARMUP_CALLS + CALLS; i++) {
      stream.drop();
      const t0 = performance.now();
      const { answer, at } = await timed(requestJson('POST', `${url}/poke`, { body: {} }));
      const poke = expect(answer, 200, 'poke').body.poke;
      const event = await stream.next((a) => a.event === 'poke' && a.data.poke === poke, t0);
      if (i < WARMUP_CALLS) continue;
      times.answer.push(at - t0);
      times.event.push(event.at - t0);
    }
  } finally {
    stream.close();
  }
  return times;
}

// ---- 3: twenty counters at once ----

interface Bursts {
  slowest: number[];
  calls: number;
  duplicates: number;
  skipped: number;
  refused: number;
}

async function burstTimes(floor: Floor): Promise<Bursts> {
  const result: Bursts = { slowest: [], calls: 0, duplicates: 0, skipped: 0, refused: 0 };
  const board = await boardStream(floor);
  const consoles: EventStream[] = [];
  try {
    for (let c = 0; c < COUNTERS; c++) {
      expect(await floor.counter(c, 'status', { status: 'open' }), 200, `open sportello-${c + 1}`);
      consoles.push(await consoleStream(floor, c));
    }
    // Ticket ids in the order they were issued: one service, no priorities, so the order they are called in.
    const waiting: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < SPARE; i++) waiting.push((await floor.issue()).id);
    for (let b = 0; b < WARMUP_BURSTS + BURSTS; b++) {
      for (let i = 0; i < COUNTERS; i++) waiting.push((await floor.issue()).id);
      await board.next((a) => a.event === 'board' && waitingOf(a) === waiting.length);
      board.drop();
      for (const c of consoles) c.drop();
      const first = waiting.slice(0, COUNTERS);

      // Every request is on the wire before any answer is read.
      const t0 = performance.now();
      const answers = await Promise.all(floor.clerks.map((_, c) => timed(floor.counter(c, 'call-next'))));
      const called = answers.map(({ answer }) =>
        answer.status === 200 ? (answer.body.current.ticket.id as string) : undefined,
      );
      result.refused += called.filter((id) => id === undefined).length;
      for (const id of called) {
        if (id === undefined) continue;
        if (seen.has(id)) result.duplicates++;
        seen.add(id);
        if (waiting.includes(id)) waiting.splice(waiting.indexOf(id), 1);
      }
      result.skipped += first.filter((id) => !called.includes(id)).length;
      await Promise.all(
        called.map(
          (id, c) =>
            id &&
            floor
              .counter(c, `tickets/${id}/done`, { outcome: 'resolved' })
              .then((a) => expect(a, 200, 'done')),
        ),
      );
      if (b < WARMUP_BURSTS) continue;
      result.calls += called.length;
      result.slowest.push(Math.max(...answers.map(({ at }) => at)) - t0);
    }
  } finally {
    board.close();
    for (const c of consoles) c.close();
  }
  return result;
}

/** The floor of row 3: twenty POSTs at once to the bare server (no stream open), the slowest answer. */
async function bareBursts(url: string): Promise<number[]> {
  const slowest: number[] = [];
  for (let b = 0; b < WARMUP_BURSTS + BURSTS; b++) {
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: COUNTERS }, () => timed(requestJson('POST', `${url}/poke`, { body: {} }))),
    );
    for (const { answer } of answers) expect(answer, 200, 'poke');
    if (b >= WARMUP_BURSTS) slowest.push(Math.max(...answers.map(({ at }) => at)) - t0);
  }
  return slowest;
}

// ---- 4: 10,000 phones ----

interface Phone {
  stream: EventStream;
  ticket: number;
  /** People ahead in the last view it was given. */
  ahead: number;
}

interface Crowd {
  rssOneMB: number;
  rssAllMB: number;
  connectS: number;
  /** Each phone's delay, over every call. */
  delivery: number[];
  /** Per call, the slowest phone. */
  last: number[];
  answers: number[];
  serverCpuMs: number;
  clientCpuMs: number;
  wallMs: number;
}

/** Opens `count` streams, `OPEN_BATCH` at a time, each given its first event. */
async function openCrowd<T>(count: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const all: T[] = [];
  for (let i = 0; i < count; i += OPEN_BATCH)
    all.push(
      ...(await Promise.all(Array.from({ length: Math.min(OPEN_BATCH, count - i) }, (_, j) => open(i + j)))),
    );
  return all;
}

async function phoneCrowd(floor: Floor, server: Running<unknown>): Promise<Crowd & { issueS: number }> {
  expect(await floor.counter(0, 'status', { status: 'open' }), 200, 'open the counter');
  const issueStarted = performance.now();
  const tickets: Issued[] = [];
  for (let i = 0; i < PHONE_TICKETS; i++) tickets.push(await floor.issue());
  const issueS = (performance.now() - issueStarted) / 1000;
  const board = await boardStream(floor);
  const phones: Phone[] = [];
  const openPhone = async (i: number): Promise<Phone> => {
    const ticket = i % PHONE_TICKETS;
    const stream = await phoneStream(floor, tickets[ticket]!.key, i);
    const first = await stream.next(of('follow'));
    return { stream, ticket, ahead: first.data.view.ahead };
  };
  try {
    phones.push(await openPhone(0));
    await sleep(SETTLE_MS);
    const one = await server.usage();
    const connectStarted = performance.now();
    phones.push(...(await openCrowd(PHONES - 1, (i) => openPhone(i + 1))));
    const connectS = (performance.now() - connectStarted) / 1000;
    await sleep(SETTLE_MS);
    const all = await server.usage();
    if (all.follow !== PHONES) throw new Error(`the server follows ${all.follow} phones, not ${PHONES}`);

    const crowd = { delivery: [] as number[], last: [] as number[], answers: [] as number[] };
    let serverCpuMs = 0;
    let clientCpuMs = 0;
    let wallMs = 0;
    for (let c = 0; c < BIG_CALLS; c++) {
      await sleep(CALL_GAP_MS);
      for (const p of phones) p.stream.drop();
      board.drop();
      // Phones of tickets already called see nothing change; every other phone must get the call.
      const expected = phones.filter((p) => p.ticket >= c);
      const server0 = await server.usage();
      const client0 = process.cpuUsage();
      const t0 = performance.now();
      const answered = timed(floor.counter(0, 'call-next'));
      const arrivals = await Promise.all(
        expected.map((p) =>
          p.stream.next(
            (a) => a.event === 'follow' && (a.data.view.status !== 'waiting' || a.data.view.ahead < p.ahead),
            t0,
          ),
        ),
      );
      const { answer, at } = await answered;
      const end = performance.now();
      clientCpuMs += cpuMs(process.cpuUsage(client0));
      serverCpuMs += (await server.usage()).cpuMs - server0.cpuMs;
      wallMs += end - t0;
      const called = expect(answer, 200, 'call next').body.current.ticket.id;
      if (called !== tickets[c]!.id) throw new Error(`called ${called}, expected ${tickets[c]!.id}`);
      for (const [i, p] of expected.entries()) {
        const view = arrivals[i]!.data.view;
        if (p.ticket === c && view.status !== 'called')
          throw new Error(`phone of the called ticket: ${view.status}`);
        p.ahead = view.ahead;
        crowd.delivery.push(arrivals[i]!.at - t0);
      }
      crowd.last.push(Math.max(...arrivals.map((a) => a.at)) - t0);
      crowd.answers.push(at - t0);
      expect(await floor.counter(0, `tickets/${called}/done`, { outcome: 'resolved' }), 200, 'done');
    }
    return {
      ...crowd,
      issueS,
      rssOneMB: one.rssMB,
      rssAllMB: all.rssMB,
      connectS,
      serverCpuMs,
      clientCpuMs,
      wallMs,
    };
  } finally {
    board.close();
    for (const p of phones) p.stream.close();
  }
}

/** The floor of row 4: the bare server with 10,000 streams, one POST writing an event to all. */
async function bareCrowd(bare: Running<{ url: string }>): Promise<Omit<Crowd, 'answers'>> {
  const url = bare.ready.url;
  const open = async (i: number) => {
    const stream = await EventStream.open(`${url}/events`, { localAddress: phoneAddress(i) });
    await stream.next(of('hello'));
    return stream;
  };
  const streams = [await open(0)];
  try {
    await sleep(SETTLE_MS);
    const one = await bare.usage();
    const connectStarted = performance.now();
    streams.push(...(await openCrowd(PHONES - 1, (i) => open(i + 1))));
    const connectS = (performance.now() - connectStarted) / 1000;
    await sleep(SETTLE_MS);
    const all = await bare.usage();
    const delivery: number[] = [];
    const last: number[] = [];
    let serverCpuMs = 0;
    let clientCpuMs = 0;
    let wallMs = 0;
    for (let c = 0; c < BIG_CALLS; c++) {
      await sleep(CALL_GAP_MS);
      for (const s of streams) s.drop();
      const server0 = await bare.usage();
      const client0 = process.cpuUsage();
      const t0 = performance.now();
      const answered = requestJson('POST', `${url}/poke`, { body: {} });
      const arrivals = await Promise.all(streams.map((s) => s.next(of('poke'), t0)));
      await answered;
      wallMs += performance.now() - t0;
      clientCpuMs += cpuMs(process.cpuUsage(client0));
      serverCpuMs += (await bare.usage()).cpuMs - server0.cpuMs;
      delivery.push(...arrivals.map((a) => a.at - t0));
      last.push(Math.max(...arrivals.map((a) => a.at)) - t0);
    }
    return {
      rssOneMB: one.rssMB,
      rssAllMB: all.rssMB,
      connectS,
      delivery,
      last,
      serverCpuMs,
      clientCpuMs,
      wallMs,
    };
  } finally {
    for (const s of streams) s.close();
  }
}

// ---- the bench ----

/** The soft limit on open files of this process (Node raises it to the hard limit at start). */
async function openFilesLimit(): Promise<string> {
  try {
    const limits = await readFile('/proc/self/limits', 'utf8');
    return /^Max open files\s+(\S+)/m.exec(limits)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function floorBench(): Promise<FloorBench> {
  const files = await openFilesLimit();
  const loadBefore = os.loadavg()[0]!;
  if (files !== 'unknown' && files !== 'unlimited' && Number(files) < PHONES + 500)
    throw new Error(
      `open-file limit ${files}: raise it (ulimit -Hn) to at least ${PHONES + 500} for the phones`,
    );
  const configDir = await benchConfig();
  const bare = await startBareFloor();
  const p = (values: number[], q: number) => percentile(values, q);
  try {
    const started = performance.now();
    const progress = (what: string) =>
      console.error(`office floor: ${what} (at ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    progress('call next → board and phone…');
    const bareTrips = await bareRoundTrips(bare.ready.url);
    let server = await startServer(configDir);
    let trips: CallTimes;
    try {
      trips = await callNextTimes(await floorOf(server.ready.url, server.ready.clerks));
    } finally {
      await server.stop();
    }

    progress(`${COUNTERS} counters at once…`);
    const bareSlowest = await bareBursts(bare.ready.url);
    server = await startServer(configDir);
    let bursts: Bursts;
    try {
      bursts = await burstTimes(await floorOf(server.ready.url, server.ready.clerks));
    } finally {
      await server.stop();
    }

    progress(`${PHONES.toLocaleString('en-US')} phones: the floor…`);
    const bareMany = await bareCrowd(bare);
    await bare.stop();
    progress(`${PHONES.toLocaleString('en-US')} phones: the server…`);
    server = await startServer(configDir);
    let crowd: Awaited<ReturnType<typeof phoneCrowd>>;
    try {
      crowd = await phoneCrowd(await floorOf(server.ready.url, server.ready.clerks), server);
    } finally {
      await server.stop();
    }
    progress('done');

    const phones = PHONES.toLocaleString('en-US');
    const perTicket = PHONES / PHONE_TICKETS;
    const pair = (name: string, unit: string, real: number[], floor: number[]): FloorRow[] => [
      { name: `${name}, p50`, value: p(real, 50), floor: p(floor, 50), unit },
      { name: `${name}, p99`, value: p(real, 99), floor: p(floor, 99), unit },
    ];
    const rows: FloorRow[] = [
      ...pair('call next → board gets the `call` event', 'ms', trips.call, bareTrips.event),
      ...pair('call next → board gets the view showing the call', 'ms', trips.boardView, bareTrips.event),
      ...pair('call next → the phone shows "called" and the counter', 'ms', trips.phone, bareTrips.event),
      ...pair('call next answered (the clerk’s console)', 'ms', trips.answer, bareTrips.answer),
      ...pair(
        `${COUNTERS} counters press call next at once: slowest answer`,
        'ms',
        bursts.slowest,
        bareSlowest,
      ),
      {
        name: `${COUNTERS} counters at once: duplicate tickets`,
        value: bursts.duplicates,
        unit: `of ${bursts.calls} calls`,
      },
      {
        name: `${COUNTERS} counters at once: skipped tickets`,
        value: bursts.skipped,
        unit: `of ${bursts.calls} calls`,
      },
      {
        name: `${COUNTERS} counters at once: calls refused`,
        value: bursts.refused,
        unit: `of ${bursts.calls} calls`,
      },
      { name: 'server RSS, 1 phone following', value: crowd.rssOneMB, floor: bareMany.rssOneMB, unit: 'MB' },
      {
        name: `server RSS, ${phones} phones following`,
        value: crowd.rssAllMB,
        floor: bareMany.rssAllMB,
        unit: 'MB',
      },
      {
        name: 'server memory per 1,000 phones',
        value: ((crowd.rssAllMB - crowd.rssOneMB) * 1000) / (PHONES - 1),
        floor: ((bareMany.rssAllMB - bareMany.rssOneMB) * 1000) / (PHONES - 1),
        unit: 'MB',
      },
      {
        name: `${phones} phones connect, each given its first view (${OPEN_BATCH} at a time)`,
        value: crowd.connectS,
        floor: bareMany.connectS,
        unit: 's',
      },
      ...pair(
        `call next → each of ${phones} phones gets its update`,
        'ms',
        crowd.delivery,
        bareMany.delivery,
      ),
      {
        name: `call next → the last of ${phones} phones, median of ${BIG_CALLS} calls`,
        value: median(crowd.last),
        floor: median(bareMany.last),
        unit: 'ms',
      },
      {
        name: `call next → the last of ${phones} phones, worst of ${BIG_CALLS} calls`,
        value: Math.max(...crowd.last),
        floor: Math.max(...bareMany.last),
        unit: 'ms',
      },
      {
        name: `call next answered with ${phones} phones following, median`,
        value: median(crowd.answers),
        unit: 'ms',
      },
    ];
    const notes = [
      'floor: a bare node:http server in its own process, reached by the same clients on the same machine ' +
        '(POST → one server-sent event on the open streams; 20 POSTs at once; 10,000 streams)',
      `clients: node:http, keep-alive off (a connection each); times from the request sent to the event's ` +
        'bytes read; the server runs in a child process (its RSS and CPU are its own), on a Monday-morning clock',
      `config copy: ${SEDE} has ${COUNTERS} counters serving every sector (sedi.json); ` +
        `phones connect from loopback addresses of their own, ${PHONES_PER_ADDRESS} to each, so ` +
        `server.maxConnectionsPerAddress stays 500 and never binds; open-file limit ${files}`,
      `call next → board/phone: ${CALLS} calls at 1 counter (after ${WARMUP_CALLS} unmeasured), ${QUEUE} tickets ` +
        'waiting behind; the board, the counter’s console and the called ticket’s phone follow live; each ticket ' +
        'issued by the reception’s kiosk over the API and finished before the next call',
      `${COUNTERS} counters at once: ${BURSTS} bursts (after ${WARMUP_BURSTS}), ${COUNTERS} clerks' call-next ` +
        `sent in the same tick, ${COUNTERS + SPARE} tickets waiting; the board and ${COUNTERS} consoles follow; ` +
        'skipped = one of the burst’s oldest twenty not called by it',
      `${phones} phones: a day of ${PHONE_TICKETS.toLocaleString('en-US')} waiting tickets (issued over the API in ` +
        `${crowd.issueS.toFixed(1)} s), ${perTicket} phones per ticket — ${phones} tickets at one sede in one ` +
        `day would not be a real day; ${BIG_CALLS} calls, each reaching every phone whose ticket still waits ` +
        '(its place changed) or was called',
      `CPU over the ${BIG_CALLS} calls (${crowd.wallMs.toFixed(0)} ms wall): server ${crowd.serverCpuMs.toFixed(0)} ms, ` +
        `bench clients ${crowd.clientCpuMs.toFixed(0)} ms; floor: server ${bareMany.serverCpuMs.toFixed(0)} ms, ` +
        `clients ${bareMany.clientCpuMs.toFixed(0)} ms (${bareMany.wallMs.toFixed(0)} ms wall); ${os.cpus().length} cores, ` +
        `load average ${loadBefore.toFixed(1)} before the floor rows and ${os.loadavg()[0]!.toFixed(1)} after ` +
        '(anything else running on the machine shows in the p99s)',
    ];
    return { rows, notes };
  } finally {
    await bare.stop();
    await rm(configDir, { recursive: true, force: true });
  }
}

export function floorTable({ rows, notes }: FloorBench): string {
  const format = (v: number | undefined) =>
    v === undefined ? '' : v.toFixed(Number.isInteger(v) || v >= 100 ? 0 : v < 10 ? 2 : 1);
  const head = ['office floor', 'measured', 'floor', 'unit'];
  const cells = rows.map((r) => [r.name, format(r.value), format(r.floor), r.unit]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const right = new Set([1, 2]);
  const line = (c: string[]) =>
    `| ${c.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...cells.map(line), '', ...notes].join('\n');
}

// `npx tsx test/bench/floor-bench.ts` runs these rows alone.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  console.log(floorTable(await floorBench()));

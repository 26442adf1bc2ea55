// Bench rows for video calls: from the official's accept to media connected, median and p90 over 20 calls, in
// Debian's Chromium with its fake camera and microphone. The project's own OfficialCall and CitizenCall run in
// two pages of a bench page (video-call-page/) over a real server's /ws (lowdb, demo config, in a child
// process); the floor beside it runs the same two classes with signaling passed directly between two pages,
// and each figure is printed beside the floor's with their ratio (goal: at most 1.1×). A second floor passes
// the same signaling through a bare WebSocket relay (ws-relay-child.ts): what the wire alone costs.
// BENCH_TRACE=1 also prints, on stderr, the median time from accept of each step on each side, both ways.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { IceServer } from '@sportello/protocol';
import { build } from 'vite';
import playwrightConfig from '../../playwright.config.ts';
import { loadConfig } from '../../server/src/config/load-config.ts';
import { iceServersFor } from '../../server/src/video/ice-servers.ts';
import { median, nextMessage, percentile, stationToken } from './bench-support.ts';
import type { FromChild, ToChild } from './server-child.ts';
import type { Bench, Mode, OfficialTimes, SideTimes } from './video-call-page/main.ts';
import type { FromWsRelay, ToWsRelay } from './ws-relay-child.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONFIG_DIR = path.resolve(HERE, '../../config');
const PAGE_DIR = path.join(HERE, 'video-call-page');
const PAGE_PATH = '/bench/video-call/';
/** The floor's pages need an origin, not a server: every request of theirs is answered by the route. */
const FLOOR_ORIGIN = 'http://localhost:9';
/** Adria's town hall is in Rovigo's group; Laura Bianchi (funzionario.rovigo) serves its pension sector. */
const STATION = 'adria-municipio';
const OFFICIAL = { username: 'funzionario.rovigo', password: 'demo-funzionario.rovigo' };
const CALLS = 30;
/** Calls made first and not counted: the first ones pay for codec and JIT warm-up. */
const WARMUP = 2;
/** The goal: through the server at most this many times the floor, on every figure. */
const GOAL_RATIO = 1.1;
/** A call that takes longer than this is stuck: the bench stops rather than hang (the pages give up at 20 s). */
const CALL_LIMIT_MS = 30_000;

/** `work`, or an error naming `what` once `ms` have passed. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

interface CallTimes {
  /** Accept → both peer connections "connected". */
  connected: number;
  /** Accept → a remote video frame decoded on both sides. */
  frame: number;
  /** Accept → the official's call.started (server only: the match and one /ws hop). */
  started?: number;
  /** Accept → the first time each side did each thing ("official send call.offer"), for BENCH_TRACE. */
  steps: Map<string, number>;
}

/** One figure three ways: through the server, through the bare relay and on the floor, in ms. */
export interface Figure {
  name: string;
  server: number;
  relay: number;
  floor: number;
}

export interface VideoCallBench {
  figures: Figure[];
  notes: string[];
}

/** Calls a function of the bench page (window.bench) and waits for its promise. */
function call<K extends keyof Bench>(
  page: Page,
  name: K,
  ...args: Parameters<Bench[K]>
): Promise<Awaited<ReturnType<Bench[K]>>> {
  return page.evaluate(
    ([name, args]) => {
      const bench = (window as unknown as { bench: Record<string, (...a: unknown[]) => unknown> }).bench;
      return bench[name]!(...args);
    },
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<Bench[K]>>>;
}

/** A context whose bench-page URLs under `origin` are answered from the built page; the rest goes out. */
async function benchContext(browser: Browser, origin: string, builtDir: string): Promise<BrowserContext> {
  // A routed page counts as public to Chromium, so its /ws to loopback would need the local-network
  // permission; the console, served by the server itself, does not.
  const context = await browser.newContext({ permissions: ['local-network-access'] });
  // tsx keeps function names through an __name helper, which the functions sent to the page would lack.
  await context.addInitScript('globalThis.__name = (target) => target;');
  await context.route(`${origin}${PAGE_PATH}**`, (route) => {
    const file = new URL(route.request().url()).pathname.slice(PAGE_PATH.length) || 'index.html';
    const resolved = path.resolve(builtDir, file);
    if (!resolved.startsWith(builtDir + path.sep)) return route.fulfill({ status: 404 });
    return route.fulfill({ path: resolved });
  });
  return context;
}

async function openPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`bench page: ${error.message}`));
  // BENCH_DEBUG=1 shows what the pages log (a refused /ws, for one).
  if (process.env.BENCH_DEBUG) page.on('console', (m) => console.error(`page: ${m.text()}`));
  await page.goto(`${origin}${PAGE_PATH}`);
  await page.waitForFunction(() => 'bench' in window);
  return page;
}

/** The two pages of one way of calling, and how they pass signaling. */
interface Pair {
  mode: Mode;
  official: Page;
  citizen: Page;
  /** ICE servers for the floor's made-up call.started; through the server, call.started carries them. */
  ice: IceServer[];
}

/** One call, accept to both sides showing video, then the official hangs up and both sides are idle. */
async function oneCall({ mode, official, citizen, ice }: Pair): Promise<CallTimes> {
  await call(citizen, 'citizenJoin', mode);
  const citizenSide: Promise<SideTimes> = call(citizen, 'citizenTimes');
  const o: OfficialTimes = await call(official, 'officialCallOnce', mode, ice);
  const c = await citizenSide;
  const ended = call(citizen, 'citizenEnded');
  await call(official, 'officialHangUp', mode);
  await ended;
  const steps = new Map<string, number>();
  for (const [side, page] of [
    ['official', official],
    ['citizen', citizen],
  ] as const)
    for (const { what, at } of await call(page, 'takeTrace'))
      if (!steps.has(`${side} ${what}`)) steps.set(`${side} ${what}`, at - o.acceptedAt);
  steps.set('both connected', Math.max(o.connectedAt, c.connectedAt) - o.acceptedAt);
  steps.set('both first frame', Math.max(o.frameAt, c.frameAt) - o.acceptedAt);
  return {
    steps,
    connected: Math.max(o.connectedAt, c.connectedAt) - o.acceptedAt,
    frame: Math.max(o.frameAt, c.frameAt) - o.acceptedAt,
    ...(o.startedAt !== undefined && { started: o.startedAt - o.acceptedAt }),
  };
}

/**
 * Through the server: both pages have the server's origin (the bench page is routed in), so the official's
 * /ws carries the session cookie its sign-in set, as the console's does; the citizen's page adds the
 * station's Authorization header to its requests, /ws upgrade included, as the kiosk's agent does (the hub
 * takes the header over the cookie).
 */
async function serverPair(context: BrowserContext, url: string, token: string): Promise<Pair> {
  const official = await openPage(context, url);
  const citizen = await openPage(context, url);
  await citizen.setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
  await call(official, 'officialSignIn', OFFICIAL.username, OFFICIAL.password);
  await call(citizen, 'connect', 'server');
  return { mode: 'server', official, citizen, ice: [] };
}

/**
 * A floor: two pages of one context (as the server's pair), signaling over a BroadcastChannel (direct) or
 * through the bare relay at `relayUrl`.
 */
async function floorPair(
  context: BrowserContext,
  mode: 'direct' | 'relay',
  ice: IceServer[],
  relayUrl?: string,
): Promise<Pair> {
  const official = await openPage(context, FLOOR_ORIGIN);
  const citizen = await openPage(context, FLOOR_ORIGIN);
  await call(official, 'connect', mode, relayUrl);
  await call(citizen, 'connect', mode, relayUrl);
  return { mode, official, citizen, ice };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' } satisfies ToChild & ToWsRelay);
  await exited;
}

function figures(times: Record<Mode, CallTimes[]>): Figure[] {
  const stat = (name: string, pick: (t: CallTimes) => number, of: (values: number[]) => number): Figure => ({
    name,
    server: of(times.server.map(pick)),
    relay: of(times.relay.map(pick)),
    floor: of(times.direct.map(pick)),
  });
  const p90 = (values: number[]) => percentile(values, 90);
  return [
    stat('media connected, median', (t) => t.connected, median),
    stat('media connected, p90', (t) => t.connected, p90),
    stat('first video frame, median', (t) => t.frame, median),
    stat('first video frame, p90', (t) => t.frame, p90),
  ];
}

/** Median ms from `from` to `to` (steps of one call), each call on its own; undefined if never both. */
function hop(times: CallTimes[], from: string, to: string): string {
  const spans = times.flatMap((t) => {
    const [a, b] = [t.steps.get(from), t.steps.get(to)];
    return a !== undefined && b !== undefined ? [b - a] : [];
  });
  return spans.length > 0 ? median(spans).toFixed(1) : '–';
}

export async function videoCallBench(): Promise<VideoCallBench> {
  const config = await loadConfig(CONFIG_DIR);
  const builtDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-video-call-page-'));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sportello-video-call-bench-'));
  let child: ChildProcess | undefined;
  let relay: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    await build({ configFile: path.join(PAGE_DIR, 'vite.config.ts'), build: { outDir: builtDir } });
    // BENCH_CPU_PROF=<folder>: the server's CPU profile, as in the other benches.
    const profile = process.env.BENCH_CPU_PROF;
    child = fork(path.join(HERE, 'server-child.ts'), [dataDir, CONFIG_DIR], {
      stdio: 'inherit',
      execArgv: [...process.execArgv, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    });
    const { url } = await nextMessage<FromChild, 'ready'>(child, 'ready', 'server');
    const token = await stationToken(url, STATION);
    relay = fork(path.join(HERE, 'ws-relay-child.ts'), [], { stdio: 'inherit' });
    const relayUrl = (await nextMessage<FromWsRelay, 'ready'>(relay, 'ready', 'relay')).url;
    browser = await chromium.launch(playwrightConfig.use?.launchOptions);
    const viaServer = await serverPair(await benchContext(browser, url, builtDir), url, token);
    // The ICE servers the server gives a call (STUN from config/video.json; TURN only with its secret set).
    const ice = iceServersFor(config.video, 'bench', new Date());
    const floorContext = await benchContext(browser, FLOOR_ORIGIN, builtDir);
    const floor = await floorPair(floorContext, 'direct', ice);
    const viaRelay = await floorPair(floorContext, 'relay', ice, relayUrl);

    // Calls alternate between the three, so a busy moment of the machine weighs on all alike.
    const times: Record<Mode, CallTimes[]> = { server: [], relay: [], direct: [] };
    const loadBefore = os.loadavg()[0]!;
    for (let i = 0; i < WARMUP + CALLS; i++)
      for (const pair of [viaServer, viaRelay, floor]) {
        const measured = await within(CALL_LIMIT_MS, `${pair.mode} call ${i + 1}`, oneCall(pair));
        if (i >= WARMUP) times[pair.mode].push(measured);
      }

    const started = times.server.map((t) => t.started!);
    const early = times.server.filter((t) => t.steps.has('official send queue.offer')).length;
    if (process.env.BENCH_TRACE) console.error(traceTable(times));
    const both = (from: string, to: string) =>
      `${hop(times.server, from, to)} ms (relay ${hop(times.relay, from, to)}, floor ${hop(times.direct, from, to)} ms)`;
    return {
      figures: figures(times),
      notes: [
        `${CALLS} calls each after ${WARMUP} not counted, alternating between the three; one Chromium, the ` +
          "official's and the citizen's page in one context; p90 by nearest rank. The citizen's camera and " +
          "microphone (fake) are open before the call, as the kiosk's and the meeting page's are; the official's " +
          'open at the accept, as the console does',
        'media connected: both RTCPeerConnections "connected"; first video frame: a remote frame decoded ' +
          "into each side's video element (loadeddata); from the official sending queue.accept-next " +
          '(floors: starting the call)',
        `via server: accept → official's call.started median ${median(started).toFixed(1)} ms, ` +
          `p90 ${percentile(started, 90).toFixed(1)} ms, meanwhile the official's camera opens and the offer ` +
          `is made; the pages talk to /ws themselves (no bridge). In ${early} of ${CALLS} calls the offer was ready ` +
          'before call.started (queue.offer): the server sent it to the citizen right behind call.started',
        `signaling, median of each call's own: offer sent → received ${both('official send call.offer', 'citizen recv call.offer')}; ` +
          `answer ${both('citizen send call.answer', 'official recv call.answer')}; official's camera open → ` +
          `offer sent ${both('official media open', 'official send call.offer')}`,
        'floor: OfficialCall and CitizenCall with their messages passed between the pages by a BroadcastChannel; ' +
          'bare ws relay: the same, each message as JSON text through a WebSocket server in its own process that ' +
          "sends it on unread (the wire: the browser's network process, loopback, one more process to wake)",
        // Every /ws hop waits for a core: on a busy machine the ratio says more about the machine than the code.
        `machine: ${os.cpus().length} cores, load average (1 min) ${loadBefore.toFixed(1)} before the calls, ` +
          `${os.loadavg()[0]!.toFixed(1)} after`,
      ],
    };
  } finally {
    await browser?.close();
    if (child) await stopChild(child);
    if (relay) await stopChild(relay);
    await rm(builtDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Median time from accept of each step, both ways side by side, in the order of the server's calls. */
function traceTable(times: Record<Mode, CallTimes[]>): string {
  const stepsOf = (mode: Mode) => {
    const all = new Map<string, number[]>();
    for (const t of times[mode]) for (const [k, v] of t.steps) all.set(k, [...(all.get(k) ?? []), v]);
    return new Map([...all].map(([k, v]) => [k, median(v)]));
  };
  const server = stepsOf('server');
  const relay = stepsOf('relay');
  const direct = stepsOf('direct');
  const names = [...new Set([...server.keys(), ...direct.keys()])].sort(
    (a, b) => (server.get(a) ?? direct.get(a)!) - (server.get(b) ?? direct.get(b)!),
  );
  const cell = (steps: Map<string, number>, n: string) => (steps.get(n)?.toFixed(1) ?? '-').padStart(7);
  return names
    .map((n) => `${n.padEnd(36)} ${cell(server, n)} ${cell(relay, n)} ${cell(direct, n)}`)
    .join('\n');
}

export function videoCallTable({ figures, notes }: VideoCallBench): string {
  const head = [
    'video call: accept →',
    'via server /ws',
    'bare ws relay',
    'floor, no server',
    'server ÷ relay',
    'server ÷ floor',
    'goal',
  ];
  const GOAL = head.length - 1;
  const cells = figures.map((f) => {
    const ratio = f.server / f.floor;
    return [
      f.name,
      `${f.server.toFixed(0)} ms`,
      `${f.relay.toFixed(0)} ms`,
      `${f.floor.toFixed(0)} ms`,
      `${(f.server / f.relay).toFixed(2)}×`,
      `${ratio.toFixed(2)}×`,
      `≤ ${GOAL_RATIO.toFixed(2)}× of floor ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (i === 0 || i === GOAL ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => '-'.repeat(w + 1) + (i === 0 || i === GOAL ? '-' : ':')).join('|')}|`;
  return [line(head), rule, ...cells.map(line), '', ...notes].join('\n');
}

// `npx tsx test/bench/video-call-bench.ts` runs these rows alone.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  console.log(videoCallTable(await videoCallBench()));

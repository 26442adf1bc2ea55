// What the HTTP benches share: autocannon runs, their rates and failures, the bare Express floor in its own
// process, and the services whose slots do not overlap.
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import type { Service } from '@sportello/protocol';
import type { AppConfig } from '../../server/src/config/load-config.ts';
import { nextMessage } from './bench-support.ts';
import type { FromHttpFloor, ToHttpFloor } from './http-floor-child.ts';
import { ZONE } from './seed.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** autocannon spreads its connections over several URLs; its types know only one. */
export const targets = (urls: string[]) => urls as unknown as string;

/** Requests per second from the actual count: autocannon's per-second samples skew short runs. */
export const rateOf = (r: autocannon.Result) => (r['2xx'] + r.non2xx) / r.duration;

/** Non-2xx responses by HTTP status, for runs whose bodies are not read. */
export function statusCounts(r: autocannon.Result): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [status, { count = 0 }] of Object.entries(r.statusCodeStats ?? {}))
    if (!status.startsWith('2') && count > 0) counts.set(`HTTP ${status}`, count);
  return counts;
}

/** The failed count and why: the codes given, else the HTTP statuses; connection errors too. */
export function failures(r: autocannon.Result, codes: Map<string, number> = statusCounts(r)): string {
  const parts = [...codes].sort((a, b) => b[1] - a[1]).map(([code, count]) => `${code} ${count}`);
  if (r.errors) parts.push(`conn errors ${r.errors}`);
  return parts.length ? `${r.non2xx} (${parts.join(', ')})` : String(r.non2xx);
}

export const romeDay = (plusDays: number) =>
  DateTime.now().setZone(ZONE).plus({ days: plusDays }).toISODate()!;

/** One second-level service per sector: services of a sector share its officials, so their slots overlap. */
export function servicePerSector(config: AppConfig): Service[] {
  const chosen = new Map<string, Service>();
  for (const s of config.services)
    if (s.level === 'secondo' && s.channels.inPerson && !chosen.has(s.sector)) chosen.set(s.sector, s);
  return [...chosen.values()];
}

/** CPU ms a process has used, all its threads and its main (JavaScript) thread alone; Linux's /proc. */
export interface CpuTime {
  process: number;
  main: number;
}

/** Clock ticks of /proc's stat lines: 100 a second on Linux. */
const TICK_MS = 10;

function cpuTime(pid: number): CpuTime | undefined {
  const ticks = (file: string) => {
    // The fields after the command's name (which may hold spaces): utime and stime are its 12th and 13th.
    const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  };
  try {
    return { process: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return undefined;
  }
}

/** The processes of this machine's PostgreSQL server (its backends, writers and the rest), by name. */
export function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * Measures processes' CPU over a span: `start()`, then `per(count)` gives µs per request of it. `pids` is asked
 * at both ends (PostgreSQL starts a backend per connection): a process gone by the end is not counted.
 */
export function cpuMeter(pids: () => (number | undefined)[]) {
  let from = new Map<number, CpuTime>();
  const now = () => {
    const times = new Map<number, CpuTime>();
    for (const pid of pids()) {
      const time = pid === undefined ? undefined : cpuTime(pid);
      if (time) times.set(pid!, time);
    }
    return times;
  };
  return {
    start() {
      from = now();
    },
    /** µs of CPU per request since start(); undefined where /proc is not there. */
    per(count: number): CpuTime | undefined {
      const to = now();
      if (to.size === 0 || count === 0) return undefined;
      const used = { process: 0, main: 0 };
      for (const [pid, end] of to) {
        const begin = from.get(pid) ?? { process: 0, main: 0 };
        used.process += end.process - begin.process;
        used.main += end.main - begin.main;
      }
      return { process: (used.process * 1000) / count, main: (used.main * 1000) / count };
    },
  };
}

/** The mean of two figures, undefined when either is. */
export const meanOf = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : (a + b) / 2;

/** A floor row's figures, as both benches' rows hold them. */
interface FloorFigures {
  operation: string;
  p50?: number;
  p99?: number;
  rate?: number;
  ok?: number;
  failed?: string;
}

/**
 * A floor measured just before and just after the rows it is the floor of, as one: the mean of the two (this
 * machine's speed wanders by a third within a minute, and a row compared with one of them alone carried that).
 */
export function bracketing<R extends FloorFigures>(before: R, after: R): R {
  return {
    ...before,
    operation: `${before.operation} (before / after: ${before.rate?.toFixed(0)} / ${after.rate?.toFixed(0)} req/s)`,
    p50: meanOf(before.p50, after.p50),
    p99: Math.max(before.p99 ?? 0, after.p99 ?? 0),
    rate: meanOf(before.rate, after.rate),
    ok: (before.ok ?? 0) + (after.ok ?? 0),
    failed: [before.failed, after.failed].filter((f) => f && f !== '0').join(', ') || '0',
  };
}

/** The bare Express 5 app of http-floor-child.ts, in its own process like the server. */
export async function startHttpFloor(): Promise<{
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}> {
  const child = fork(path.join(HERE, 'http-floor-child.ts'), [], { stdio: 'inherit' });
  const ready = await nextMessage<FromHttpFloor, 'ready'>(child, 'ready', 'http floor');
  return {
    url: ready.url,
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' } satisfies ToHttpFloor);
      await exited;
    },
  };
}

// Bench rows for the manager's KPIs: a year of one sede on lowdb (tickets, bookings, video calls, kiosk
// sessions of every working day), asked for over HTTP as the console asks — the first time (every past day
// rolled up and stored), then again (rollups reused), and after a restart (rollups read from disk) — beside
// the floor: reading and parsing the same files raw, with no computation at all.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import type { CallRecord } from '@sportello/protocol';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import type { KioskSessionStat, StoredBooking, StoredTicket } from '../../server/src/store/store.ts';
import { median, valueTable, type BenchRow } from './bench-support.ts';
import { random } from './seed.ts';

const NOW = '2026-12-01T10:00:00+01:00';
const FROM = '2025-12-01';
const TO = '2026-12-01';
const TICKETS_A_DAY = 120;
const BOOKINGS_A_DAY = 24;
const CALLS_A_DAY = 16;
const SESSIONS_A_DAY = 60;
const REPEATS = 10;
const ZONE = 'Europe/Rome';

/** One working day of Rovigo's records, times in Rome. */
function dayOf(day: string, rnd: () => number) {
  const int = (n: number) => Math.floor(rnd() * n);
  const at = (minutes: number) =>
    DateTime.fromISO(`${day}T08:30`, { zone: ZONE }).plus({ minutes }).toISO({ suppressMilliseconds: true })!;
  const tickets: StoredTicket[] = Array.from({ length: TICKETS_A_DAY }, (_, i) => {
    const issued = int(240);
    const called = issued + int(40);
    const status = rnd() < 0.06 ? 'cancelled' : rnd() < 0.05 ? 'no-show' : 'done';
    return {
      id: `${day}-${i}`,
      number: `N${i}`,
      sede: 'rovigo',
      service: i % 3 ? 'naspi-informazioni' : 'pensione-informazioni',
      sector: i % 3 ? 'prestazioni' : 'assicurato-pensionato',
      day,
      priority: 'none',
      status,
      issuedAt: at(issued),
      language: 'it',
      recalls: 0,
      transfers: [],
      followToken: `${day}-${i}`,
      ...(status !== 'cancelled' && { calledAt: at(called) }),
      ...(status === 'done' && { servingAt: at(called + 1), finishedAt: at(called + 3 + int(20)) }),
    };
  });
  const bookings: StoredBooking[] = Array.from({ length: BOOKINGS_A_DAY }, (_, i) => ({
    code: `${day.replaceAll('-', '')}${i}`,
    sede: 'rovigo',
    service: 'naspi-consulenza',
    sector: 'prestazioni',
    mode: (['inPerson', 'callback', 'webMeeting'] as const)[i % 3]!,
    start: at(30 + 10 * i),
    end: at(50 + 10 * i),
    status: rnd() < 0.1 ? 'no-show' : 'completed',
    citizen: { codiceFiscale: '[rimosso]', firstName: '', lastName: '', phone: '', language: 'it' },
    authMethod: 'typed',
    privacyNoticeVersion: '2026-11',
    bookedBy: { channel: 'staff', id: 'bench' },
    createdAt: at(0),
    updatedAt: at(0),
    admissionCodeHash: 'x',
  }));
  const calls: CallRecord[] = Array.from({ length: CALLS_A_DAY }, (_, i) => {
    const waited = int(230);
    return {
      callId: `${day}-c${i}`,
      entryId: `${day}-e${i}`,
      origin: 'station',
      group: 'rovigo',
      sector: 'prestazioni',
      service: 'naspi-informazioni',
      sede: 'rovigo',
      official: 'ro-laura-bianchi',
      waitedSince: at(waited),
      startedAt: at(waited + int(15)),
      endedAt: at(waited + 25),
      endReason: rnd() < 0.1 ? 'media-failed' : 'hangup',
      outcome: { outcome: 'answered', recordedAt: at(waited + 25) },
    };
  });
  const sessions: KioskSessionStat[] = Array.from({ length: SESSIONS_A_DAY }, (_, i) => ({
    id: `${day}-s${i}`,
    station: 'rovigo-accoglienza',
    sede: 'rovigo',
    startedAt: at(4 * i),
    endedAt: at(4 * i + 3),
    language: (['it', 'it', 'en', 'ro'] as const)[int(4)]!,
    identification: (['cns', 'cie', 'typed', 'none'] as const)[int(4)]!,
    outcome: (['ticket', 'video', 'booking', 'abandoned'] as const)[int(4)]!,
    service: 'naspi-informazioni',
    ...(rnd() < 0.6 && { rating: 1 + int(5) }),
  }));
  return { tickets, bookings, calls, sessions };
}

async function seedYear(server: TestServer): Promise<number> {
  const rnd = random(7);
  let days = 0;
  for (let d = DateTime.fromISO(FROM); d.toISODate()! <= TO; d = d.plus({ days: 1 })) {
    if (d.weekday > 5) continue;
    const day = dayOf(d.toISODate()!, rnd);
    await server.ctx.store.transaction(async (tx) => {
      for (const t of day.tickets) await tx.insertTicket(t);
      for (const b of day.bookings) await tx.insertBooking(b);
      for (const c of day.calls) await tx.putCallRecord(c);
      for (const s of day.sessions) await tx.appendKioskSession(s);
    });
    days++;
  }
  return days;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Reads and parses every file, as lowdb's first read of them does, and nothing else. */
async function parseAll(files: string[]): Promise<void> {
  for (const file of files) JSON.parse(await readFile(file, 'utf8'));
}

export async function kpiBench(): Promise<BenchRow[]> {
  let server = await startTestServer(NOW);
  const dataDir = server.dataDir;
  if (process.env.KPI_BENCH_KEEP) console.error(`data in ${dataDir}`);
  const seeded = await seedYear(server);
  const manager = await server.login('direttore.rovigo');
  const ask = async (period: string) => {
    const response = await fetch(
      `${server.url}/api/v1/statistics?from=${FROM}&to=${TO}&period=${period}&by=channel`,
      { headers: { authorization: `Bearer ${manager}` } },
    );
    if (!response.ok) throw new Error(`statistics: HTTP ${response.status}`);
    return response.json();
  };
  const rows: BenchRow[] = [{ name: 'working days seeded', value: seeded, unit: 'days of one sede' }];
  try {
    rows.push({
      name: 'first query of the year (every past day rolled up)',
      value: await timed(() => ask('month')),
      unit: 'ms',
    });
    for (const period of ['month', 'week', 'day']) {
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) times.push(await timed(() => ask(period)));
      rows.push({
        name: `a year by ${period}, rollups reused (median of ${REPEATS})`,
        value: median(times),
        unit: 'ms (goal < 1000)',
      });
    }
    await server.stop();
    server = await startTestServer(NOW, { dataDir });
    rows.push({
      name: 'a year by month after a restart (rollups read from disk)',
      value: await timed(() => ask('month')),
      unit: 'ms',
    });
  } finally {
    await server.stop();
  }
  const partitions = (
    await Promise.all(
      ['tickets', 'bookings', 'calls', 'sessions'].map((k) => jsonFiles(path.join(dataDir, k, 'rovigo'))),
    )
  ).flat();
  const rollups = await jsonFiles(path.join(dataDir, 'stats', 'rovigo'));
  rows.push(
    {
      name: 'floor: parse the year’s day files raw',
      value: await timed(() => parseAll(partitions)),
      unit: `ms (${partitions.length} files)`,
    },
    {
      name: 'floor: parse the year’s rollup files raw',
      value: await timed(() => parseAll(rollups)),
      unit: `ms (${rollups.length} files)`,
    },
  );
  return rows;
}

export function kpiTable(rows: BenchRow[]): string {
  return valueTable('KPI query, a year of one sede (lowdb)', rows, {
    format: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
    notes: [
      `Rovigo from ${FROM} to ${TO}, each working day ${TICKETS_A_DAY} tickets, ${BOOKINGS_A_DAY} bookings, ${CALLS_A_DAY} video calls,`,
      `${SESSIONS_A_DAY} kiosk sessions; GET /statistics over HTTP in process, today computed live on every query.`,
      `Floors: the same files read and JSON-parsed with nothing else done (the least any answer from them costs).`,
    ],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  console.log(kpiTable(await kpiBench()));

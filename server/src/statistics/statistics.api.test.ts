// /statistics over real HTTP: a kiosk's session reports, the manager's KPIs (own sede only), the CSV export,
// and past days rolled up once and reused while today stays live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import type { StoredTicket } from '../store/store.ts';
import { WsPeer } from '../video/ws-test-client.ts';
import { ROLLUP_VERSION } from './day-rollup.ts';

const TUESDAY = '2026-12-01T11:00:00+01:00';
let server: TestServer;
let station: string;
let manager: string;

beforeAll(async () => {
  server = await startTestServer(TUESDAY);
  station = await server.stationToken('rovigo-accoglienza');
  manager = await server.login('direttore.rovigo');
});
afterAll(() => server.stop());

let n = 0;
function ticket(day: string, issued: string, called: string | undefined, status: StoredTicket['status']) {
  n++;
  return {
    id: `stat-${n}`,
    number: `N${String(n).padStart(3, '0')}`,
    sede: 'rovigo',
    service: 'naspi-informazioni',
    sector: 'prestazioni',
    day,
    priority: 'none',
    status,
    issuedAt: `${day}T${issued}:00+01:00`,
    ...(called && { calledAt: `${day}T${called}:00+01:00` }),
    language: 'it',
    recalls: 0,
    transfers: [],
    followToken: `f${n}`,
  } satisfies StoredTicket;
}

const seed = (tickets: StoredTicket[]) =>
  server.ctx.store.transaction(async (tx) => {
    for (const t of tickets) await tx.insertTicket(t);
  });

const report = (body: Record<string, unknown>, token = station) =>
  server.call('POST', '/api/v1/statistics/kiosk-sessions', { token, body });

describe('kiosk session reports', () => {
  const id = '0b5e2c7e-3f0c-4d62-9a51-6f1f6e0c2a11';

  it('files a session at the station’s sede, once, and names a bad field', async () => {
    const body = {
      id,
      durationSeconds: 95,
      language: 'en',
      identification: 'cns',
      outcome: 'ticket',
      service: 'naspi-informazioni',
      rating: 4,
    };
    expect((await report(body)).status).toBe(201);
    expect((await report(body)).status).toBe(200);
    const kept = await server.ctx.store.read((r) => r.kioskSessionsOfDay('rovigo', '2026-12-01'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      station: 'rovigo-accoglienza',
      language: 'en',
      rating: 4,
      startedAt: '2026-12-01T09:58:25.000Z',
    });
    const bad = await report({ ...body, id: '1b5e2c7e-3f0c-4d62-9a51-6f1f6e0c2a11', rating: 6 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('rating');
    const unknown = await report({ ...body, id: '2b5e2c7e-3f0c-4d62-9a51-6f1f6e0c2a11', service: 'nessuno' });
    expect(unknown.body.error.fields[0].path).toBe('service');
    // Nothing identifying is accepted alongside.
    const extra = await report({ ...body, id: '3b5e2c7e-3f0c-4d62-9a51-6f1f6e0c2a11', codiceFiscale: 'X' });
    expect(extra.status).toBe(400);
    expect((await report(body, manager)).status).toBe(403);
  });
});

describe('KPIs', () => {
  it('answers the manager’s sede by day, rolls past days up once and keeps today live', async () => {
    await seed([
      ticket('2026-11-30', '09:00', '09:02', 'done'),
      ticket('2026-11-30', '09:01', '09:11', 'done'),
      ticket('2026-11-30', '09:05', undefined, 'cancelled'),
      ticket('2026-12-01', '09:00', '09:04', 'serving'),
    ]);
    const url = '/api/v1/statistics?from=2026-11-30&to=2026-12-02&period=day&channel=ticket';
    const answer = await server.call('GET', url, { token: manager });
    expect(answer.status).toBe(200);
    expect(answer.body.sedi).toEqual(['rovigo']);
    expect(
      answer.body.groups.map((g: { period: string; arrivals: number }) => [g.period, g.arrivals]),
    ).toEqual([
      ['2026-11-30', 3],
      ['2026-12-01', 1],
    ]);
    expect(answer.body.groups[0].wait).toMatchObject({ count: 2, medianSeconds: 360 });
    expect(answer.body.groups[0].abandoned).toBe(1);
    expect(answer.body.kioskTotal).toMatchObject({ sessions: 1, ratingMean: 4 });

    // Monday is stored, today is not.
    const stored = await server.ctx.store.read((r) => r.dayStats('rovigo', '2026-11-30', '2026-12-02'));
    expect(stored.map((s) => [s.day, s.version])).toEqual([['2026-11-30', ROLLUP_VERSION]]);

    // A ticket filed late under Monday is not seen: the rollup is reused. Today's new ticket is.
    await seed([
      ticket('2026-11-30', '10:00', '10:01', 'done'),
      ticket('2026-12-01', '10:00', '10:30', 'done'),
    ]);
    const again = await server.call('GET', url, { token: manager });
    expect(again.body.groups.map((g: { arrivals: number }) => g.arrivals)).toEqual([3, 2]);
    expect(again.body.groups[1].wait).toMatchObject({ count: 2, medianSeconds: (240 + 1800) / 2 });

    // A rollup of an older version is computed again.
    await server.ctx.store.transaction((tx) =>
      tx.putDayStats({ ...stored[0]!, version: ROLLUP_VERSION - 1 }),
    );
    const recomputed = await server.call('GET', url, { token: manager });
    expect(recomputed.body.groups[0].arrivals).toBe(4);
  });

  it('keeps a manager to their own sede and names bad fields', async () => {
    const other = await server.call('GET', '/api/v1/statistics?sede=napoli&from=2026-11-01&to=2026-11-30', {
      token: manager,
    });
    expect(other.status).toBe(403);
    for (const [query, field] of [
      ['from=2026-11-01&to=2026-10-01', 'query.to'],
      ['from=2026-11-01&to=2026-11-30&period=year', 'query.period'],
      ['from=01/11/2026&to=2026-11-30', 'query.from'],
      ['from=2025-01-01&to=2026-11-30', 'query.to'],
      ['from=2026-11-01&to=2026-11-30&service=nessuno', 'query.service'],
      ['from=2026-11-01&to=2026-11-30&sector=nessuno', 'query.sector'],
      ['from=2026-11-01&to=2026-11-30&sede=milano', 'query.sede'],
    ]) {
      const bad = await server.call('GET', `/api/v1/statistics?${query}`, { token: manager });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.fields[0].path, query).toBe(field);
    }
    const admin = await server.login('admin');
    const all = await server.call('GET', '/api/v1/statistics?from=2026-11-30&to=2026-11-30', {
      token: admin,
    });
    expect(all.body.sedi).toEqual(['rovigo', 'napoli']);
    const counter = await server.login('sportello.rovigo');
    expect(
      (await server.call('GET', '/api/v1/statistics?from=2026-11-30&to=2026-11-30', { token: counter }))
        .status,
    ).toBe(403);
  });

  it('exports the same rows as CSV for Excel', async () => {
    const url = '/api/v1/statistics/export?from=2026-11-30&to=2026-12-01&period=week&channel=ticket';
    const csv = await fetch(server.url + url, { headers: { authorization: `Bearer ${manager}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('statistiche-rovigo-2026-11-30-2026-12-01.csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // The byte order mark tells Excel the file is UTF-8 (fetch's text() would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const rows = text
      .trim()
      .split('\r\n')
      .map((r) => r.split(';'));
    expect(rows[0]!.slice(0, 6)).toEqual([
      'Inizio periodo',
      'Fine periodo',
      'Canale',
      'Arrivi',
      'Attese misurate',
      'Attesa mediana (min)',
    ]);
    // The week: 6 tickets; waits 2, 10, 1, 4 and 30 minutes → median 4.
    expect(rows.slice(1)).toHaveLength(1);
    expect(rows[1]!.slice(0, 6)).toEqual(['2026-11-30', '2026-12-01', 'ticket', '6', '5', '4,0']);
    const kiosk = await server.call(
      'GET',
      '/api/v1/statistics/export?from=2026-12-01&to=2026-12-01&table=kiosk',
      {
        token: manager,
      },
    );
    const lines = (kiosk.body as string).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.split(';').slice(0, 4)).toEqual(['2026-12-01', '2026-12-01', '1', '0']);
  });
});

describe('the video waiting room', () => {
  it('counts a citizen who leaves unanswered, or whose page closes, as abandonment; not one who was answered', async () => {
    const official = await WsPeer.open(server.url, await server.login('funzionario.rovigo'));
    official.send({ type: 'official.status', status: 'available' });
    await official.next('official.state', (m) => m.status === 'available');
    const join = async () => {
      const kiosk = await WsPeer.open(server.url, station);
      kiosk.send({ type: 'queue.join', service: 'pensione-informazioni' });
      await kiosk.next('queue.joined');
      return kiosk;
    };
    const leaving = await join();
    leaving.send({ type: 'queue.leave' });
    await leaving.next('queue.left');
    const closing = await join();
    await closing.close();
    const answered = await join();
    official.send({ type: 'queue.accept-next' });
    await answered.next('call.started');
    await answered.close();
    await official.close();

    await expect
      .poll(() => server.ctx.store.read((r) => r.videoQueueExitsOfDay('rovigo', '2026-12-01')))
      .toHaveLength(2);
    const exits = await server.ctx.store.read((r) => r.videoQueueExitsOfDay('rovigo', '2026-12-01'));
    expect(exits.map((e) => [e.reason, e.sede, e.origin, e.service])).toEqual([
      ['left', 'rovigo', 'station', 'pensione-informazioni'],
      ['disconnected', 'rovigo', 'station', 'pensione-informazioni'],
    ]);
    const today = await server.call(
      'GET',
      '/api/v1/statistics?from=2026-12-01&to=2026-12-01&channel=videoNow',
      { token: manager },
    );
    // Three asked for a call: one was answered, two gave up.
    expect(today.body.totals[0]).toMatchObject({ key: 'videoNow', arrivals: 3, abandoned: 2 });
    expect(today.body.totals[0].video.calls).toBe(1);
  });
});

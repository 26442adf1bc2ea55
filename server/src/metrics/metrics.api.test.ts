// GET /metrics over real HTTP: closed without the token, parsed by Prometheus' own promtool, and moved by
// real requests (a booking, a ticket, a heartbeat, a kiosk's socket).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { STATION_CHANNEL_PATH } from '@sportello/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';
import { WsPeer } from '../video/ws-test-client.ts';
import { STATE_TTL_MS } from './state-gauges.ts';

const MONDAY_OPEN = '2026-11-30T09:00:00+01:00';
const TOKEN = randomBytes(32).toString('base64url');
let server: TestServer;

beforeAll(async () => {
  process.env.SPORTELLO_METRICS_TOKEN = TOKEN;
  server = await startTestServer(MONDAY_OPEN);
});
afterAll(async () => {
  await server.stop();
  delete process.env.SPORTELLO_METRICS_TOKEN;
});

const scrape = async (token = TOKEN) => {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.text();
};

/** The samples of one metric: each sample's labels and value. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const found = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    found.push({ labels, value: Number(match[3]) });
  }
  return found;
}

/** The value of the one sample whose labels include `where`; 0 when there is none (a counter not yet moved). */
function value(text: string, name: string, where: Record<string, string> = {}): number {
  const matching = samples(text, name).filter((s) =>
    Object.entries(where).every(([key, v]) => s.labels[key] === v),
  );
  expect(matching.length).toBeLessThanOrEqual(1);
  return matching[0]?.value ?? 0;
}

/** Feeds the text to Prometheus' `promtool check metrics`, which parses it and lints the names. */
function promtool(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics']);
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

describe('/metrics', () => {
  it('answers only with the bearer token, and is absent (404) while no token is configured', async () => {
    const without = await fetch(`${server.url}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await without.json()).error.code).toBe('unauthenticated');
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN])
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization } })).status).toBe(401);
    // A staff session is not the metrics token, whatever its roles.
    expect(
      (
        await fetch(`${server.url}/metrics`, {
          headers: { authorization: `Bearer ${await server.login('admin')}` },
        })
      ).status,
    ).toBe(401);

    delete process.env.SPORTELLO_METRICS_TOKEN;
    const off = await startTestServer(MONDAY_OPEN);
    try {
      const response = await fetch(`${off.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(404);
      expect(off.logs()).toContain('metrics off: SPORTELLO_METRICS_TOKEN is not set');
    } finally {
      process.env.SPORTELLO_METRICS_TOKEN = TOKEN;
      await off.stop();
    }
  });

  it('slows down guessing the token: the 31st wrong one in a minute from an address is refused (429)', async () => {
    const guessed = await startTestServer(MONDAY_OPEN);
    try {
      const scrape = (token: string) =>
        fetch(`${guessed.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect((await scrape(TOKEN)).status).toBe(200);
      for (let i = 0; i < 30; i++) expect((await scrape(`wrong-${i}`)).status).toBe(401);
      expect((await scrape('wrong-31')).status).toBe(429);
    } finally {
      await guessed.stop();
    }
  });

  it('counts real work under route patterns, and Prometheus parses the scrape', async () => {
    const before = await scrape();
    const station = await server.stationToken('rovigo-accoglienza');
    const kiosk = await WsPeer.open(server.url, station);
    const channel = new WebSocket(server.url.replace(/^http/, 'ws') + STATION_CHANNEL_PATH, {
      headers: { authorization: `Bearer ${station}` },
    });
    await new Promise((resolve, reject) => channel.once('open', resolve).once('error', reject));

    const ticket = await server.call('POST', '/api/v1/tickets', {
      token: station,
      body: { sede: 'rovigo', service: 'naspi-informazioni' },
    });
    expect(ticket.status).toBe(201);
    const slots = await server.call(
      'GET',
      '/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=2026-12-01&to=2026-12-01',
    );
    const booked = await server.call('POST', '/api/v1/bookings', {
      token: station,
      body: {
        sede: 'rovigo',
        service: 'naspi-consulenza',
        mode: 'inPerson',
        start: slots.body.days[0].slots[0].start,
        citizen: citizen(1),
        authMethod: 'typed',
        privacyNoticeVersion: '2026-01',
      },
    });
    expect(booked.status).toBe(201);
    const code = booked.body.booking.code as string;
    const key = new URL(ticket.body.followUrl as string).pathname.split('/').at(-1)!;
    expect((await server.call('GET', `/api/v1/follow/${key}`)).status).toBe(200);
    expect((await server.call('GET', `/api/v1/follow/${key}x`)).status).toBe(404);
    // A phone's event stream lasts as long as the phone watches: counted open, with no response time.
    const phone = await fetch(`${server.url}/api/v1/follow/${key}/events`);
    expect(phone.status).toBe(200);
    expect(
      (
        await server.call('POST', '/api/v1/stations/heartbeat', {
          token: station,
          body: {
            agentVersion: '0.1.0',
            uptimeSeconds: 5,
            devices: { reader: 'ok', printer: 'ok', scanner: 'ok', camera: { page: 'ok', device: true } },
          },
        })
      ).status,
    ).toBe(204);
    // Mounted apps: files under their mount (the API docs are always there; the console only once built).
    expect((await fetch(`${server.url}/api/v1/docs/`)).status).toBe(200);
    expect((await fetch(`${server.url}/privacy/2026-01`)).status).toBe(200);
    await fetch(`${server.url}/no/such/${code}`);
    // The gauges read from the store are kept a few seconds: a minute later they are read again.
    server.setNow(new Date(Date.parse(MONDAY_OPEN) + STATE_TTL_MS + 55_000).toISOString());

    const text = await scrape();
    kiosk.ws.close();
    await phone.body?.cancel();
    channel.close();
    // Exit 1 is a text promtool cannot parse; 3 is lint advice. The only advice allowed is about three of
    // prom-client's own gauges, named *_total before the naming rule existed; ours must pass clean.
    const { code: exit, output } = await promtool(text);
    expect(exit === 0 || exit === 3).toBe(true);
    const advice = output.split('\n').filter(Boolean);
    expect(advice.filter((line) => !/^nodejs_active_(handles|requests|resources)_total /.test(line))).toEqual(
      [],
    );

    // Route patterns only: the booking's code and the ticket's key never become labels.
    expect(text).not.toContain(code);
    expect(text).not.toContain(key);
    const http = 'sportello_http_request_duration_seconds_count';
    const routes = new Set(samples(text, http).map((s) => s.labels.route));
    const moved = (where: Record<string, string>) => value(text, http, where) - value(before, http, where);
    expect(moved({ method: 'POST', route: '/api/v1/bookings', status_class: '2xx' })).toBe(1);
    expect(moved({ method: 'POST', route: '/api/v1/tickets', status_class: '2xx' })).toBe(1);
    expect(moved({ method: 'GET', route: '/api/v1/follow/:token', status_class: '2xx' })).toBe(1);
    expect(moved({ method: 'GET', route: '/api/v1/follow/:token', status_class: '4xx' })).toBe(1);
    expect(routes).not.toContain('/api/v1/follow/:token/events');
    expect(moved({ method: 'GET', route: '/api/v1/docs/*', status_class: '2xx' })).toBe(1);
    expect(moved({ method: 'GET', route: '/privacy/:version', status_class: '2xx' })).toBe(1);
    expect(moved({ method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(moved({ method: 'GET', route: '/metrics', status_class: '2xx' })).toBe(1);
    expect([...routes].every((r) => r === 'unmatched' || r!.startsWith('/'))).toBe(true);

    const counter = (t: string, name: string, where: Record<string, string>) => value(t, name, where);
    expect(
      counter(text, 'sportello_bookings_created_total', { sede: 'rovigo', mode: 'inPerson' }) -
        counter(before, 'sportello_bookings_created_total', { sede: 'rovigo', mode: 'inPerson' }),
    ).toBe(1);
    expect(
      counter(text, 'sportello_tickets_issued_total', { sede: 'rovigo' }) -
        counter(before, 'sportello_tickets_issued_total', { sede: 'rovigo' }),
    ).toBe(1);
    const transactions = 'sportello_store_operation_duration_seconds_count';
    expect(value(text, transactions, { operation: 'transaction', outcome: 'ok' })).toBeGreaterThan(
      value(before, transactions, { operation: 'transaction', outcome: 'ok' }),
    );

    // The booking's confirmation SMS is due (no worker runs here) since a minute; its reminder waits.
    expect(value(text, 'sportello_outbox_pending_messages', { state: 'due' })).toBe(1);
    expect(value(text, 'sportello_outbox_pending_messages', { state: 'scheduled' })).toBe(1);
    expect(value(text, 'sportello_outbox_oldest_due_seconds')).toBeCloseTo((STATE_TTL_MS + 55_000) / 1000, 0);
    expect(value(text, 'sportello_websocket_connections', { kind: 'station' })).toBe(1);
    expect(value(text, 'sportello_websocket_connections', { kind: 'official' })).toBe(0);
    expect(value(text, 'sportello_websocket_connections', { kind: 'agent-channel' })).toBe(1);
    expect(value(text, 'sportello_event_streams', { kind: 'follow' })).toBe(1);
    expect(value(text, 'sportello_event_streams', { kind: 'board' })).toBe(0);
    expect(value(text, 'sportello_stations', { sede: 'rovigo', state: 'online' })).toBe(1);
    expect(value(text, 'sportello_stations', { sede: 'rovigo', state: 'offline' })).toBeGreaterThanOrEqual(0);
    expect(value(text, 'sportello_video_queue_waiting', { group: 'rovigo', sector: 'prestazioni' })).toBe(0);
    expect(value(text, 'sportello_metrics_store_read_ok')).toBe(1);
    // prom-client's own process figures.
    expect(value(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

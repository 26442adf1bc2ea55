// The agent end to end on loopback: a real server, real enrolment, simulated devices speaking their
// real protocols, the kiosk's view through the loopback API.
import { mkdtemp, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { DeviceEvent } from '@sportello/protocol';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { startAgent, type RunningAgent } from './agent.ts';
import { arabicTicket } from './devices/printer/test-bodies.ts';
import { AgentConfig, type LoadedAgentConfig } from './config/agent-config.ts';
import { DEMO_CITIZEN, DEMO_PIN } from './devices/card/virtual-cards.ts';
import { enrollStation } from './server-link/enrolment.ts';

let server: TestServer;
let agent: RunningAgent;
let config: LoadedAgentConfig;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  server = await startTestServer('2026-11-30T09:00:00+01:00');
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-agent-'));
  const parsed = AgentConfig.parse({
    serverUrl: server.url,
    port: 7300,
    heartbeatSeconds: 5,
    devices: {
      reader: { kind: 'simulated' },
      printer: { kind: 'simulated' },
      scanner: { kind: 'simulated' },
      videoDir: dir,
    },
  });
  config = {
    ...parsed,
    credentialFile: path.join(dir, 'credential.json'),
    kioskDir: path.join(dir, 'kiosk'),
    file: path.join(dir, 'agent.json'),
  };
  const technician = await server.login('tecnico');
  const code = await server.call('POST', '/api/v1/stations/rovigo-accoglienza/enrolment-codes', {
    token: technician,
  });
  await enrollStation({
    serverUrl: server.url,
    code: code.body.code,
    credentialFile: config.credentialFile,
    agentVersion: 'test',
  });
  agent = await startAgent(config, log, { port: 0 });
});
afterAll(async () => {
  await agent?.stop();
  await server?.stop();
});

const own = () => new URL(agent.url);
function get(pathname: string, headers: Record<string, string> = {}) {
  return fetch(agent.url + pathname, { headers });
}
function post(pathname: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(agent.url + pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Opens the page's event socket and collects what arrives. */
async function events(
  origin = agent.url,
): Promise<{ seen: DeviceEvent[]; next(type: DeviceEvent['type']): Promise<DeviceEvent>; close(): void }> {
  const socket = new WebSocket(`ws://${own().host}/agent/ws`, { headers: { origin } });
  const seen: DeviceEvent[] = [];
  const waiters: { type: string; resolve: (e: DeviceEvent) => void }[] = [];
  socket.on('message', (data) => {
    const event = JSON.parse(String(data)) as DeviceEvent;
    seen.push(event);
    for (const w of waiters.filter((w) => w.type === event.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(event);
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    seen,
    next: (type) => new Promise((resolve) => waiters.push({ type, resolve })),
    close: () => socket.close(),
  };
}

describe('enrolment', () => {
  it('keeps the station credential readable by the agent’s user only', async () => {
    expect((await stat(config.credentialFile)).mode & 0o777).toBe(0o600);
    expect(agent.credential?.station).toBe('rovigo-accoglienza');
  });
});

describe('loopback guard', () => {
  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (another page)', async () => {
    const rebinding = await new Promise<number>((resolve, reject) =>
      http
        .get(
          {
            host: '127.0.0.1',
            port: own().port,
            path: '/agent/status',
            headers: { host: `evil.example:${own().port}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
        .on('error', reject),
    );
    expect(rebinding).toBe(403);
    const foreign = await get('/agent/status', { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const printFromElsewhere = await post('/agent/print/ticket', {}, { origin: 'https://evil.example' });
    expect(printFromElsewhere.status).toBe(403);
    expect((await get('/agent/status', { origin: agent.url })).status).toBe(200);
  });

  it('refuses a WebSocket from a foreign page', async () => {
    await expect(events('http://evil.example')).rejects.toThrow(/403/);
  });
});

describe('proxy to the server', () => {
  it('adds the station credential and never passes on the page’s own', async () => {
    const me = await get('/api/v1/stations/me');
    expect((await me.json()).station.id).toBe('rovigo-accoglienza');
    const staff = await server.login('admin');
    // A staff token smuggled by a page is replaced by the station's: the admin route refuses a station.
    const smuggled = await get('/api/v1/auth/me', {
      authorization: `Bearer ${staff}`,
      cookie: `sportello_session=${staff}`,
    });
    expect(smuggled.status).toBe(403);
  });
});

describe('devices through the loopback API', () => {
  it('pushes a card put in the reader to the page as it is read', async () => {
    const stream = await events();
    const read = stream.next('card-read');
    await post('/simulator/card', { action: 'insert', card: 'cns' });
    expect(await read).toEqual({
      type: 'card-read',
      card: {
        kind: 'cns',
        codiceFiscale: 'RSSMRA80A01H501U',
        firstName: 'MARIO',
        lastName: 'ROSSI',
        birthDate: '1980-01-01',
        expiry: expect.any(String),
      },
    });
    expect(stream.seen.map((e) => e.type)).toContain('card-inserted');
    const removed = stream.next('card-removed');
    await post('/simulator/card', { action: 'remove' });
    await removed;
    const error = stream.next('card-error');
    await post('/simulator/card', { action: 'insert', card: 'wrong' });
    expect(await error).toMatchObject({ type: 'card-error', code: 'unsupported-card' });
    stream.close();
  });

  it('pushes a scanned Tessera Sanitaria barcode, classified', async () => {
    const stream = await events();
    const scan = stream.next('barcode');
    await post('/simulator/scan', { text: 'RSSMRA80A01H501U' });
    expect(await scan).toEqual({ type: 'barcode', kind: 'codice-fiscale', value: 'RSSMRA80A01H501U' });
    stream.close();
  });

  it('prints a ticket whose decoded text and QR are what the kiosk asked for', async () => {
    const printed = await post('/agent/print/ticket', {
      heading: 'INPS Rovigo',
      number: 'N007',
      service: 'NASpI: informazioni',
      details: ['30/11/2026 09:00', 'Attesa stimata: 10 minuti'],
      qr: { url: 'http://127.0.0.1:8080/queue/rovigo/abc', caption: 'Segui la coda' },
    });
    expect(printed.status).toBe(200);
    expect((await printed.json()).milliseconds).toBeGreaterThanOrEqual(0);
    const last = agent.simulators.printer!.printed().at(-1)!;
    expect(last.lines.join('\n')).toContain('N007');
    expect(last.lines.join('\n')).toContain('Attesa stimata: 10 minuti');
    expect(last.qrCodes).toEqual(['http://127.0.0.1:8080/queue/rovigo/abc']);
  });

  it('prints an Arabic ticket as a picture, and the simulator shows the paper as a PNG', async () => {
    const printed = await post('/agent/print/ticket', arabicTicket);
    expect(printed.status).toBe(200);
    const last = agent.simulators.printer!.printed().at(-1)!;
    expect(last.lines).toContain('A012');
    expect(last.images).toBe(3);
    const paper = await get('/simulator/paper/-1');
    expect(paper.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await paper.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await get('/simulator/paper/last')).status).toBe(400);
    expect((await get('/simulator/paper/999')).status).toBe(404);
  });

  it('refuses to print without paper, saying so, and tells the page', async () => {
    const stream = await events();
    const state = stream.next('printer');
    await post('/simulator/printer', { paper: 'out' });
    const refused = await post('/agent/print/ticket', {
      heading: 'x',
      number: 'N008',
      service: 'x',
      details: [],
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({
      code: 'printer_unavailable',
      details: { state: 'paper-out' },
    });
    expect(await state).toEqual({ type: 'printer', state: 'paper-out' });
    await post('/simulator/printer', { paper: 'ok' });
    stream.close();
  });

  it('names bad print fields', async () => {
    const bad = await post('/agent/print/ticket', { number: '' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.map((f: { path: string }) => f.path)).toContain('number');
  });

  it('reports its devices to the server in its heartbeat', async () => {
    const technician = await server.login('tecnico');
    const fleet = await server.call('GET', '/api/v1/stations', { token: technician });
    const me = fleet.body.stations.find(
      (s: { station: { id: string } }) => s.station.id === 'rovigo-accoglienza',
    );
    expect(me).toMatchObject({
      online: true,
      agentVersion: '0.1.0',
      devices: { reader: 'ok', scanner: 'ok' },
    });
  });

  it('carries the kiosk page’s script errors in its next heartbeat', async () => {
    expect((await post('/agent/page', { event: 'error', message: 'TypeError: boom' })).status).toBe(204);
    expect((await post('/agent/page', { event: 'crashed' })).status).toBe(400);
    const technician = await server.login('tecnico');
    await vi.waitFor(
      async () => {
        const detail = await server.call('GET', '/api/v1/stations/rovigo-accoglienza', { token: technician });
        // No kiosk page holds the agent's socket in this test: not loaded.
        expect(detail.body.health.page).toEqual({ loaded: false, errors: 1, lastError: 'TypeError: boom' });
      },
      { timeout: 8_000, interval: 250 },
    );
  });
});

describe('strong authentication with the card and its PIN', () => {
  it('says how many tries are left after a wrong PIN', async () => {
    await post('/simulator/card', { action: 'insert', card: 'cie' });
    const wrong = await post('/agent/card/authenticate', { pin: '00000000' });
    expect(wrong.status).toBe(409);
    expect((await wrong.json()).error).toMatchObject({ code: 'wrong_pin', details: { triesLeft: 2 } });
    const notAPin = await post('/agent/card/authenticate', { pin: '12ab' });
    expect(notAPin.status).toBe(400);
  });

  it('gets the codice fiscale from the verified certificate and books a web meeting with the proof', async () => {
    await post('/simulator/card', { action: 'insert', card: 'cie' });
    const signedIn = await post('/agent/card/authenticate', { pin: DEMO_PIN });
    expect(signedIn.status, await signedIn.clone().text()).toBe(200);
    const verified = await signedIn.json();
    expect(verified).toMatchObject({ codiceFiscale: DEMO_CITIZEN.codiceFiscale, method: 'cie-pin' });

    const availability = await get(
      '/api/v1/availability?sede=rovigo&service=pensione-consulenza&mode=webMeeting&from=2026-12-01&to=2026-12-01',
    );
    const slot = (await availability.json()).days[0].slots[0];
    const booking = {
      sede: 'rovigo',
      service: 'pensione-consulenza',
      mode: 'webMeeting',
      start: slot.start,
      citizen: {
        codiceFiscale: verified.codiceFiscale,
        firstName: 'Mario',
        lastName: 'Rossi',
        phone: '3471234567',
      },
      authMethod: 'cie-pin',
      privacyNoticeVersion: '2026-01',
    };
    expect((await post('/api/v1/bookings', booking)).status).toBe(403);
    const booked = await post('/api/v1/bookings', { ...booking, authProof: verified.proof });
    expect(booked.status).toBe(201);
    expect((await booked.json()).booking.authMethod).toBe('cie-pin');
  });
});

describe('when the server goes away', () => {
  it('tells the page at once and answers the proxy with a clear error', async () => {
    const stream = await events();
    await server.stop();
    const offline = stream.next('server');
    const answer = await get('/api/v1/catalog');
    expect(answer.status).toBe(502);
    expect((await answer.json()).error.code).toBe('server_unreachable');
    expect(await offline).toEqual({ type: 'server', online: false });
    stream.close();
  });
});

// Enrolment, heartbeats and the fleet's health over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
let technician: string;
const devices = {
  reader: 'ok',
  printer: 'paper-near-end',
  scanner: 'ok',
  camera: { page: 'ok', device: true },
} as const;

beforeAll(async () => {
  server = await startTestServer('2026-11-30T09:00:00+01:00');
  technician = await server.login('tecnico');
});
afterAll(() => server.stop());

const newCode = async (station = 'adria-municipio') =>
  (await server.call('POST', `/api/v1/stations/${station}/enrolment-codes`, { token: technician })).body
    .code as string;
const enrol = (code: string) =>
  server.call('POST', '/api/v1/stations/enrol', {
    body: { code, agentVersion: '0.1.0', hostname: 'kiosk-1' },
  });

describe('enrolment', () => {
  it('exchanges a one-time code for a credential and the station’s configuration', async () => {
    const code = await newCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const enrolled = await enrol(code.toLowerCase().replace(/-/g, ' '));
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.station).toMatchObject({ id: 'adria-municipio', kind: 'municipal', sede: 'rovigo' });
    expect(enrolled.body.token).toMatch(/^sts_/);
    const me = await server.call('GET', '/api/v1/stations/me', { token: enrolled.body.token });
    expect(me.body.station.id).toBe('adria-municipio');
  });

  it('refuses a used, an expired and an unknown code, each saying so', async () => {
    const code = await newCode();
    expect((await enrol(code)).status).toBe(200);
    const used = await enrol(code);
    expect(used.status).toBe(410);
    expect(used.body.error.code).toBe('code_used');

    const late = await newCode();
    server.setNow('2026-11-30T10:01:00+01:00');
    const expired = await enrol(late);
    server.setNow('2026-11-30T09:00:00+01:00');
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('code_expired');

    const unknown = await enrol('AAAA-BBBB-CCCC');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_code');
  });

  it('replaces the old credential when a station is enrolled again', async () => {
    const first = (await enrol(await newCode('ischia-municipio'))).body.token;
    const second = (await enrol(await newCode('ischia-municipio'))).body.token;
    expect((await server.call('GET', '/api/v1/stations/me', { token: first })).status).toBe(401);
    expect((await server.call('GET', '/api/v1/stations/me', { token: second })).status).toBe(200);
  });

  it('lets only technicians make codes', async () => {
    for (const user of ['sportello.rovigo', 'admin']) {
      const token = await server.login(user);
      const made = await server.call('POST', '/api/v1/stations/adria-municipio/enrolment-codes', { token });
      expect(made.status, user).toBe(403);
    }
    expect(
      (await server.call('POST', '/api/v1/stations/atlantide/enrolment-codes', { token: technician })).status,
    ).toBe(404);
  });
});

describe('heartbeats and fleet health', () => {
  it('shows a station online with its devices, then offline after missed heartbeats, keeping the last state', async () => {
    const token = await server.stationToken('rovigo-accoglienza');
    const beat = await server.call('POST', '/api/v1/stations/heartbeat', {
      token,
      body: { agentVersion: '0.1.0', uptimeSeconds: 42, devices },
    });
    expect(beat.status).toBe(204);
    const fleet = async () =>
      (await server.call('GET', '/api/v1/stations', { token: technician })).body.stations.find(
        (s: { station: { id: string } }) => s.station.id === 'rovigo-accoglienza',
      );
    expect(await fleet()).toMatchObject({ online: true, agentVersion: '0.1.0', uptimeSeconds: 42, devices });

    server.setNow('2026-11-30T09:02:00+01:00');
    expect(await fleet()).toMatchObject({ online: false, devices });
    server.setNow('2026-11-30T09:00:00+01:00');

    const never = (await server.call('GET', '/api/v1/stations', { token: technician })).body.stations.find(
      (s: { station: { id: string } }) => s.station.id === 'napoli-accoglienza',
    );
    expect(never).toMatchObject({ online: false, lastHeartbeatAt: null, devices: null });
  });

  it('names bad device states and refuses heartbeats from staff', async () => {
    const token = await server.stationToken('rovigo-accoglienza');
    const bad = await server.call('POST', '/api/v1/stations/heartbeat', {
      token,
      body: { agentVersion: '0.1.0', uptimeSeconds: -1, devices: { ...devices, printer: 'on fire' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'devices.printer',
      'uptimeSeconds',
    ]);
    expect(
      (await server.call('POST', '/api/v1/stations/heartbeat', { token: technician, body: {} })).status,
    ).toBe(403);
  });
});

describe('the station registry', () => {
  const newStation = {
    sede: 'rovigo',
    comune: 'Porto Tolle',
    name: 'Postazione INPS al Comune di Porto Tolle',
    host: 'Comune di Porto Tolle',
    address: 'Piazza Ciceruacchio 9, 45018 Porto Tolle (RO)',
    kind: 'municipal',
    devices: ['reader', 'printer', 'camera'],
  };

  it('creates a station with an id from its comune, then enrols it with a code', async () => {
    const created = await server.call('POST', '/api/v1/stations', { token: technician, body: newStation });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.station).toMatchObject({ id: 'porto-tolle-municipio', comune: 'Porto Tolle' });
    const again = await server.call('POST', '/api/v1/stations', { token: technician, body: newStation });
    expect(again.body.station.id).toBe('porto-tolle-municipio-2');

    const code = await newCode('porto-tolle-municipio');
    const enrolled = await enrol(code);
    expect(enrolled.body.station).toMatchObject({ id: 'porto-tolle-municipio', sede: 'rovigo' });
    const fleet = (await server.call('GET', '/api/v1/stations?q=porto tolle', { token: technician })).body;
    expect(fleet.stations.map((s: { station: { id: string } }) => s.station.id)).toEqual([
      'porto-tolle-municipio',
      'porto-tolle-municipio-2',
    ]);
    expect(fleet.stations[0]).toMatchObject({ enrolled: true, online: false, offlineSince: null });
    expect(fleet.stations[1]).toMatchObject({ enrolled: false });
  });

  it('refuses a taken id, an unknown sede and missing fields, naming each', async () => {
    const taken = await server.call('POST', '/api/v1/stations', {
      token: technician,
      body: { ...newStation, id: 'adria-municipio' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toEqual([
      { path: 'id', message: expect.stringContaining('adria-municipio') },
    ]);
    const nowhere = await server.call('POST', '/api/v1/stations', {
      token: technician,
      body: { ...newStation, sede: 'atlantide' },
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.fields[0].path).toBe('sede');
    const bad = await server.call('POST', '/api/v1/stations', {
      token: technician,
      body: { ...newStation, id: 'Not An Id', comune: ' ', devices: ['toaster'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'comune',
      'devices.0',
      'id',
    ]);
    const counter = await server.login('sportello.rovigo');
    expect((await server.call('POST', '/api/v1/stations', { token: counter, body: newStation })).status).toBe(
      403,
    );
  });

  it('moves and renames a station: its tickets follow its new sede at once, and a restart keeps it', async () => {
    const created = await server.call('POST', '/api/v1/stations', {
      token: technician,
      body: { ...newStation, id: 'lendinara-accoglienza', comune: 'Lendinara', kind: 'sede' },
    });
    expect(created.status).toBe(201);
    const token = await server.stationToken('lendinara-accoglienza');
    const ticket = (sede: string) =>
      server.call('POST', '/api/v1/tickets', { token, body: { sede, service: 'naspi-info' } });
    expect((await ticket('napoli')).body.error.code).toBe('wrong_station');

    const moved = await server.call('PUT', '/api/v1/stations/lendinara-accoglienza', {
      token: technician,
      body: { sede: 'napoli', name: 'Accoglienza provvisoria' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.station).toMatchObject({
      sede: 'napoli',
      name: 'Accoglienza provvisoria',
      comune: 'Lendinara',
    });
    expect((await ticket('napoli')).body.error?.code).not.toBe('wrong_station');
    expect((await ticket('rovigo')).body.error.code).toBe('wrong_station');

    const badMove = await server.call('PUT', '/api/v1/stations/lendinara-accoglienza', {
      token: technician,
      body: { sede: 'atlantide', devices: ['toaster'] },
    });
    expect(badMove.status).toBe(400);
    expect(badMove.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['devices.0']);
    expect(
      (await server.call('PUT', '/api/v1/stations/atlantide', { token: technician, body: { name: 'x' } }))
        .status,
    ).toBe(404);

    const restarted = await startTestServer('2026-11-30T09:00:00+01:00', { dataDir: server.dataDir });
    try {
      const tecnico = await restarted.login('tecnico');
      const detail = await restarted.call('GET', '/api/v1/stations/lendinara-accoglienza', {
        token: tecnico,
      });
      expect(detail.body.health.station).toMatchObject({ sede: 'napoli', name: 'Accoglienza provvisoria' });
    } finally {
      await restarted.stop();
    }
  });

  it('revokes a credential: the agent is refused at once, and a new code enrols it again', async () => {
    const token = (await enrol(await newCode('ischia-municipio'))).body.token;
    const heartbeat = () =>
      server.call('POST', '/api/v1/stations/heartbeat', {
        token,
        body: { agentVersion: '0.1.0', uptimeSeconds: 1, devices },
      });
    expect((await heartbeat()).status).toBe(204);
    const revoked = await server.call('DELETE', '/api/v1/stations/ischia-municipio/credential', {
      token: technician,
    });
    expect(revoked.body).toEqual({ revoked: true });
    expect((await heartbeat()).status).toBe(401);
    expect((await server.call('GET', '/api/v1/stations/me', { token })).status).toBe(401);
    const fleet = (await server.call('GET', '/api/v1/stations/ischia-municipio', { token: technician })).body;
    expect(fleet.health.enrolled).toBe(false);
    expect(
      (await server.call('DELETE', '/api/v1/stations/ischia-municipio/credential', { token: technician }))
        .body,
    ).toEqual({ revoked: false });
    expect((await enrol(await newCode('ischia-municipio'))).status).toBe(200);
  });
});

describe('the fleet view', () => {
  const beat = (token: string, body: Record<string, unknown>) =>
    server.call('POST', '/api/v1/stations/heartbeat', {
      token,
      body: { agentVersion: '0.1.0', uptimeSeconds: 10, devices, ...body },
    });
  const ids = (body: { stations: { station: { id: string } }[] }) => body.stations.map((s) => s.station.id);

  it('tells offline since when, device problems, the kiosk page and outdated agents, and filters by each', async () => {
    const rovigo = await server.stationToken('rovigo-accoglienza');
    const napoli = await server.stationToken('napoli-accoglienza');
    const adria = await server.stationToken('adria-municipio');
    // Rovigo: all well but the printer's paper is low; its page loaded with one error.
    await beat(rovigo, {
      devices: { ...devices, printer: 'ok' },
      page: { loaded: true, errors: 1, lastError: 'TypeError: x is undefined' },
    });
    // Napoli expects a scanner and a camera: the scanner is gone and the page was refused the camera.
    await beat(napoli, {
      agentVersion: '0.2.0',
      devices: { ...devices, printer: 'ok', scanner: 'absent', camera: { page: 'denied', device: true } },
    });
    // Adria: an older agent, last heard at 08:57 (offline after 90 s: since 08:58:30).
    server.setNow('2026-11-30T08:57:00+01:00');
    await beat(adria, { agentVersion: '0.0.9', devices: { ...devices, printer: 'ok' } });
    server.setNow('2026-11-30T09:00:00+01:00');

    const all = (await server.call('GET', '/api/v1/stations', { token: technician })).body;
    expect(all.newestAgentVersion).toBe('0.2.0');
    const byId = Object.fromEntries(all.stations.map((s: { station: { id: string } }) => [s.station.id, s]));
    expect(byId['rovigo-accoglienza']).toMatchObject({
      online: true,
      offlineSince: null,
      agentOutdated: true,
      problems: [],
      page: { loaded: true, errors: 1, lastError: 'TypeError: x is undefined' },
    });
    expect(byId['napoli-accoglienza']).toMatchObject({
      online: true,
      agentOutdated: false,
      problems: [
        { device: 'scanner', state: 'absent' },
        { device: 'camera', state: 'denied' },
      ],
      page: null,
    });
    expect(byId['adria-municipio']).toMatchObject({
      online: false,
      offlineSince: new Date('2026-11-30T08:58:30+01:00').toISOString(),
      agentVersion: '0.0.9',
      agentOutdated: true,
    });
    type Row = { online: boolean; problems: unknown[]; agentOutdated: boolean };
    const rows = all.stations as Row[];
    expect(all.counts).toEqual({
      total: rows.length,
      offline: rows.filter((s) => !s.online).length,
      deviceProblem: rows.filter((s) => s.problems.length > 0).length,
      oldAgent: rows.filter((s) => s.agentOutdated).length,
    });

    const filtered = async (query: string) =>
      ids((await server.call('GET', `/api/v1/stations?${query}`, { token: technician })).body);
    const withProblems = await filtered('filter=device-problem');
    expect(withProblems).toContain('napoli-accoglienza');
    expect(withProblems).not.toContain('rovigo-accoglienza');
    expect(withProblems).not.toContain('adria-municipio');
    expect(await filtered('filter=old-agent&sede=rovigo')).toEqual(['adria-municipio', 'rovigo-accoglienza']);
    expect(await filtered('filter=offline&q=adria')).toEqual(['adria-municipio']);
    expect(await filtered('q=Comune%20di%20Ischia')).toEqual(['ischia-municipio']);
    const firstTwo = (await server.call('GET', '/api/v1/stations?limit=2', { token: technician })).body;
    expect(firstTwo.stations).toHaveLength(2);
    expect(firstTwo.matched).toBe(all.stations.length);
    expect(firstTwo.counts).toEqual(all.counts);
    expect(ids(firstTwo)).toEqual(ids(all).slice(0, 2));
    const bad = await server.call('GET', '/api/v1/stations?filter=broken', { token: technician });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('query.filter');
  });

  it('shows the newest self-test of a station', async () => {
    await server.ctx.store.transaction(async (tx) => {
      await tx.putSelfTestRun({
        id: 'st-old',
        station: 'adria-municipio',
        requestedBy: 'tecnico',
        requestedAt: '2026-11-30T07:00:00.000Z',
        print: false,
        status: 'done',
        finishedAt: '2026-11-30T07:00:20.000Z',
      });
      await tx.putSelfTestRun({
        id: 'st-new',
        station: 'adria-municipio',
        requestedBy: 'tecnico',
        requestedAt: '2026-11-30T07:30:00.000Z',
        print: true,
        status: 'failed',
        error: 'printer: paper-out',
      });
    });
    const detail = (await server.call('GET', '/api/v1/stations/adria-municipio', { token: technician })).body;
    expect(detail.health.lastSelfTest).toEqual({
      id: 'st-new',
      status: 'failed',
      requestedAt: '2026-11-30T07:30:00.000Z',
      error: 'printer: paper-out',
    });
  });
});

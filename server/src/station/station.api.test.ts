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

// The station channel over a real server: who may open it, the self-test round trip, pushed settings,
// unreadable messages, revocation, and delivery by another server instance through the store's notify.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { STATION_CHANNEL_PATH, type ServerToStation } from '@sportello/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { createStationChannel } from './station-channel.ts';

const NOW = '2026-11-30T09:00:00+01:00';
let server: TestServer;
let technician: string;

beforeAll(async () => {
  server = await startTestServer(NOW);
  technician = await server.login('tecnico');
});
afterAll(() => server.stop());

/** An agent's end of the channel: every message it got, and a way to wait for the next of a type. */
interface Agent {
  ws: WebSocket;
  received: ServerToStation[];
  next<T extends ServerToStation['type']>(type: T): Promise<Extract<ServerToStation, { type: T }>>;
  send(message: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

function channelUrl(base: string) {
  return base.replace(/^http/, 'ws') + STATION_CHANNEL_PATH;
}

/** Opens the channel; resolves with the HTTP status when the upgrade is refused. */
function connect(token: string | undefined, base = server.url): Promise<Agent | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(channelUrl(base), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const received: ServerToStation[] = [];
    const waiters: { type: string; resolve: (m: ServerToStation) => void }[] = [];
    let seen = 0;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerToStation;
      received.push(message);
      const waiter = waiters.findIndex((w) => w.type === message.type);
      if (waiter >= 0) {
        seen = received.length;
        waiters.splice(waiter, 1)[0]!.resolve(message);
      }
    });
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code, reason) => done({ code, reason: String(reason) })),
    );
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        received,
        closed,
        send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
        next: (type) =>
          new Promise((done, fail) => {
            const already = received.slice(seen).find((m) => m.type === type);
            if (already) {
              seen = received.indexOf(already) + 1;
              return done(already as never);
            }
            const timer = setTimeout(() => fail(new Error(`no ${type} message`)), 3000);
            waiters.push({
              type,
              resolve: (m) => {
                clearTimeout(timer);
                done(m as never);
              },
            });
          }),
      }),
    );
  });
}

async function agentOf(station: string): Promise<{ agent: Agent; token: string }> {
  const token = await server.stationToken(station);
  const agent = await connect(token);
  if (typeof agent === 'number') throw new Error(`channel refused: ${agent}`);
  return { agent, token };
}

const runsOf = async (station: string) =>
  (await server.call('GET', `/api/v1/stations/${station}/self-tests`, { token: technician })).body;

const result = {
  agentVersion: 'test',
  checks: [
    { device: 'reader', outcome: 'ok', state: 'ok' },
    { device: 'printer', outcome: 'problem', state: 'paper-out' },
    { device: 'camera', outcome: 'ok', state: 'ok' },
  ],
};

describe('opening the channel', () => {
  it('takes only a station’s bearer credential, and sends the station its settings first', async () => {
    expect(await connect(undefined)).toBe(401);
    expect(await connect(await server.login('tecnico'))).toBe(401);
    expect(await connect('sts_not-a-real-token-at-all-xxxxxxxxxxxx')).toBe(401);
    const { agent } = await agentOf('adria-municipio');
    expect(await agent.next('settings')).toEqual({ v: 1, type: 'settings', settings: {} });
    agent.ws.close();
  });

  it('closes a connection that sends what it cannot read, or speaks another version', async () => {
    const { agent } = await agentOf('adria-municipio');
    agent.send('not json');
    expect((await agent.closed).code).toBe(4400);
    const again = (await connect((await agentOf('adria-municipio')).token)) as Agent;
    again.send({ v: 2, type: 'self-test-status', id: 'x', status: 'running' });
    expect((await again.closed).code).toBe(4400);
  });
});

describe('the remote self-test', () => {
  it('is delivered, waits for the idle kiosk, runs and its result is stored, newest first', async () => {
    const { agent } = await agentOf('rovigo-accoglienza');
    await agent.next('settings');
    const started = await server.call('POST', '/api/v1/stations/rovigo-accoglienza/self-tests', {
      token: technician,
      body: { print: true },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', print: true, requestedBy: 'tecnico' });
    const command = await agent.next('self-test');
    expect(command.run).toEqual({ id: started.body.id, print: true });

    const busy = await server.call('POST', '/api/v1/stations/rovigo-accoglienza/self-tests', {
      token: technician,
      body: {},
    });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('self_test_in_progress');

    agent.send({ v: 1, type: 'self-test-status', id: command.run.id, status: 'waiting-idle' });
    await expect.poll(async () => (await runsOf('rovigo-accoglienza')).runs[0].status).toBe('waiting-idle');
    agent.send({ v: 1, type: 'self-test-status', id: command.run.id, status: 'running' });
    agent.send({ v: 1, type: 'self-test-result', id: command.run.id, result });
    await expect.poll(async () => (await runsOf('rovigo-accoglienza')).runs[0].status).toBe('done');
    const listed = await runsOf('rovigo-accoglienza');
    expect(listed.connected).toBe(true);
    expect(listed.runs[0]).toMatchObject({ id: command.run.id, result, finishedAt: expect.any(String) });

    // A later run is listed first; an agent's failure is told in its words.
    server.setNow('2026-11-30T09:01:00+01:00');
    const second = await server.call('POST', '/api/v1/stations/rovigo-accoglienza/self-tests', {
      token: technician,
      body: {},
    });
    expect(second.body.print).toBe(false);
    await agent.next('self-test');
    agent.send({ v: 1, type: 'self-test-error', id: second.body.id, message: 'devices closed' });
    await expect
      .poll(async () => (await runsOf('rovigo-accoglienza')).runs[0])
      .toMatchObject({
        id: second.body.id,
        status: 'failed',
        failure: 'agent-error',
        message: 'devices closed',
      });
    expect((await runsOf('rovigo-accoglienza')).runs[1].id).toBe(command.run.id);
    server.setNow(NOW);
    agent.ws.close();
  });

  it('drops a report on another station’s run', async () => {
    const { agent: other } = await agentOf('ischia-municipio');
    const started = await server.call('POST', '/api/v1/stations/adria-municipio/self-tests', {
      token: technician,
      body: {},
    });
    other.send({ v: 1, type: 'self-test-result', id: started.body.id, result });
    await expect
      .poll(() =>
        server.logs().includes(`"run":"${started.body.id}","msg":"station channel: report on no active run"`),
      )
      .toBe(true);
    expect((await runsOf('adria-municipio')).runs[0].status).toBe('queued');
    other.ws.close();
  });

  it('is handed to a station that connects later; one never picked up says the station is offline', async () => {
    const station = 'napoli-accoglienza';
    const token = await server.stationToken(station);
    const late = await server.call('POST', `/api/v1/stations/${station}/self-tests`, {
      token: technician,
      body: {},
    });
    expect(late.status).toBe(202);
    const run = late.body.id;
    const agent = (await connect(token)) as Agent;
    expect((await agent.next('self-test')).run.id).toBe(run);
    agent.ws.close();
    await agent.closed;

    server.setNow('2026-11-30T09:04:00+01:00');
    try {
      const listed = await runsOf(station);
      expect(listed.runs[0]).toMatchObject({ id: run, status: 'failed', failure: 'station-offline' });
      expect(listed.connected).toBe(false);
    } finally {
      server.setNow(NOW);
    }
  });

  it('answers 404 for an unknown station and 403 to other roles', async () => {
    const unknown = await server.call('POST', '/api/v1/stations/atlantide/self-tests', {
      token: technician,
      body: {},
    });
    expect(unknown.status).toBe(404);
    const clerk = await server.login('sportello.rovigo');
    expect(
      (await server.call('POST', '/api/v1/stations/adria-municipio/self-tests', { token: clerk, body: {} }))
        .status,
    ).toBe(403);
  });
});

describe('pushed settings', () => {
  it('are stored, pushed to the open channel at once, and sent again on every connection', async () => {
    const { agent, token } = await agentOf('ischia-municipio');
    await agent.next('settings');
    const put = await server.call('PUT', '/api/v1/stations/ischia-municipio/settings', {
      token: technician,
      body: { idleSeconds: 30, languages: ['en', 'fr'], outOfService: 'Chiuso per manutenzione.' },
    });
    expect(put.status).toBe(200);
    expect(put.body.settings.languages).toEqual(['it', 'en', 'fr']);
    expect((await agent.next('settings')).settings).toEqual(put.body.settings);
    agent.ws.close();

    const again = (await connect(token)) as Agent;
    expect((await again.next('settings')).settings).toEqual(put.body.settings);
    const read = await server.call('GET', '/api/v1/stations/ischia-municipio/settings', {
      token: technician,
    });
    expect(read.body).toMatchObject({ station: 'ischia-municipio', settings: put.body.settings });
    expect(read.body.updatedAt).toEqual(expect.any(String));

    const cleared = await server.call('PUT', '/api/v1/stations/ischia-municipio/settings', {
      token: technician,
      body: {},
    });
    expect(cleared.status).toBe(200);
    expect((await again.next('settings')).settings).toEqual({});
    again.ws.close();
  });

  it('refuses a bad field by name', async () => {
    const put = (body: unknown) =>
      server.call('PUT', '/api/v1/stations/ischia-municipio/settings', { token: technician, body });
    const short = await put({ idleSeconds: 5 });
    expect(short.status).toBe(400);
    expect(short.body.error.fields[0].path).toBe('idleSeconds');
    const unknown = await put({ services: ['pensione-informazioni', 'volo-su-marte'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('services.1');
    const language = await put({ languages: ['xx'] });
    expect(language.status).toBe(400);
    expect(language.body.error.fields[0].path).toBe('languages.0');
    const empty = await put({ outOfService: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].path).toBe('outOfService');
  });
});

describe('revocation', () => {
  it('by the technician closes the open channel at once and refuses the next connection', async () => {
    const { agent, token } = await agentOf('adria-municipio');
    await agent.next('settings');
    const revoked = await server.call('DELETE', '/api/v1/stations/adria-municipio/credential', {
      token: technician,
    });
    expect(revoked.body).toEqual({ revoked: true });
    expect((await agent.closed).code).toBe(4401);
    expect(await connect(token)).toBe(401);
  });

  it('closes a channel whose credential went without the notice at the next check', async () => {
    const { agent } = await agentOf('adria-municipio');
    await agent.next('settings');
    await server.ctx.store.transaction((tx) => tx.deleteStationCredential('adria-municipio'));
    await server.ctx.stationChannel!.tick();
    expect((await agent.closed).code).toBe(4401);
  });
});

describe('several server instances', () => {
  it('delivers through the store’s notify from the instance that took the request to the one holding the socket', async () => {
    // A second instance: its own channel hub and HTTP listener, the same store.
    const other = createStationChannel(server.ctx);
    const listener = http.createServer();
    listener.on('upgrade', (req, socket, head) => other.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    server.setNow('2026-11-30T09:02:00+01:00');
    try {
      const token = await server.stationToken('rovigo-accoglienza');
      const first = (await connect(token)) as Agent;
      await first.next('settings');
      const second = (await connect(token, base)) as Agent;
      await second.next('settings');
      // One station, one channel: the older connection, on the first instance, gives way.
      expect((await first.closed).code).toBe(4409);
      expect(server.ctx.stationChannel!.isConnected('rovigo-accoglienza')).toBe(false);
      expect(other.isConnected('rovigo-accoglienza')).toBe(true);

      const started = await server.call('POST', '/api/v1/stations/rovigo-accoglienza/self-tests', {
        token: technician,
        body: {},
      });
      expect((await second.next('self-test')).run.id).toBe(started.body.id);
      second.send({ v: 1, type: 'self-test-result', id: started.body.id, result });
      await expect.poll(async () => (await runsOf('rovigo-accoglienza')).runs[0].status).toBe('done');
      second.ws.close();
    } finally {
      server.setNow(NOW);
      await other.close();
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});

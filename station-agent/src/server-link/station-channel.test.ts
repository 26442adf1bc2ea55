// The agent's channel against a real server: it connects with the station credential, gets its settings,
// comes back after the server restarts, spreads its retries, and stays quiet but alive when refused.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ServerToStation } from '@sportello/protocol';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/src/testing/test-server.ts';
import { retryDelay, StationChannelClient } from './station-channel.ts';

const NOW = '2026-11-30T09:00:00+01:00';
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function logLines() {
  const lines: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { log, lines };
}

async function clientOf(server: TestServer, station: string) {
  const token = await server.stationToken(station);
  const received: ServerToStation[] = [];
  const { log, lines } = logLines();
  const client = new StationChannelClient(
    { serverUrl: server.url, station, token, enrolledAt: NOW },
    { onMessage: (message) => received.push(message) },
    log,
    { minDelayMs: 50, maxDelayMs: 400 },
  );
  client.start();
  cleanup.push(() => client.stop());
  return { client, received, lines, token };
}

describe('retry delays', () => {
  it('double up to the ceiling, half of each left to chance', () => {
    expect(retryDelay(0, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelay(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelay(3, 1000, 60_000, () => 0.5)).toBe(6000);
    expect(retryDelay(12, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelay(40, 1000, 60_000, () => 0)).toBe(30_000);
  });
});

describe('the agent’s channel', () => {
  it('comes back by itself after the server restarts, and is sent its settings again', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-channel-'));
    let server = await startTestServer(NOW, { dataDir });
    const port = Number(new URL(server.url).port);
    const { client, received } = await clientOf(server, 'rovigo-accoglienza');
    await expect.poll(() => received.length).toBe(1);
    expect(client.connected).toBe(true);

    await server.stop();
    await expect.poll(() => client.connected).toBe(false);
    server = await startTestServer(NOW, { dataDir, port });
    cleanup.unshift(() => server.stop());
    await expect.poll(() => client.connected, { timeout: 5000 }).toBe(true);
    await expect.poll(() => received.length).toBe(2);
    expect(received[1]).toEqual({ v: 1, type: 'settings', settings: {} });

    // Reports made while it is down wait for the next connection.
    const technician = await server.login('tecnico');
    const started = await server.call('POST', '/api/v1/stations/rovigo-accoglienza/self-tests', {
      token: technician,
      body: {},
    });
    await expect.poll(() => received.some((m) => m.type === 'self-test')).toBe(true);
    client.send({ v: 1, type: 'self-test-status', id: started.body.id, status: 'running' });
    await expect
      .poll(async () => {
        const runs = await server.call('GET', '/api/v1/stations/rovigo-accoglienza/self-tests', {
          token: technician,
        });
        return runs.body.runs[0].status;
      })
      .toBe('running');
  });

  it('is closed when the credential is revoked, and says so once however often it tries again', async () => {
    const server = await startTestServer(NOW);
    cleanup.push(() => server.stop());
    const { client, lines } = await clientOf(server, 'adria-municipio');
    await expect.poll(() => client.connected).toBe(true);
    const technician = await server.login('tecnico');
    await server.call('DELETE', '/api/v1/stations/adria-municipio/credential', { token: technician });
    await expect.poll(() => client.connected).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const refusals = lines.filter((l) => l.includes('refuses this station’s credential'));
    expect(refusals).toHaveLength(1);
    expect(client.connected).toBe(false);
  });
});

// The heartbeat against a real HTTP server: on its interval, and early when a device changes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeviceEvent, DeviceHealth, HeartbeatBody } from '@sportello/protocol';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { StationDevices } from '../devices/station-devices.ts';
import { startHeartbeat } from './heartbeat.ts';

let server: Server;
let url: string;
const beats: HeartbeatBody[] = [];
let stop = () => {};

beforeEach(async () => {
  beats.length = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      beats.push(JSON.parse(body) as HeartbeatBody);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  stop();
  await new Promise((resolve) => server.close(resolve));
});

const until = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

it('beats at start, then soon after the printer changes, not only on its interval; changes together make one beat', async () => {
  let printer: DeviceHealth['printer'] = 'ok';
  const devices = {
    health: async () => ({ reader: 'ok', printer, scanner: 'ok', camera: { page: 'ok', device: true } }),
  } as StationDevices;
  const listeners = new Set<(event: DeviceEvent) => void>();
  const publish = (event: DeviceEvent) => listeners.forEach((l) => l(event));
  stop = startHeartbeat({
    credential: { serverUrl: url, token: 'sts_test-credential-token', station: 'adria', enrolledAt: '' },
    devices,
    intervalSeconds: 600,
    agentVersion: 'test',
    deviceEvents: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    log: pino({ level: 'silent' }),
  });
  await until(() => beats.length === 1);
  expect(beats[0]!.devices.printer).toBe('ok');

  printer = 'paper-out';
  publish({ type: 'printer', state: 'paper-out' });
  publish({ type: 'printer', state: 'paper-out' });
  publish({ type: 'barcode', kind: 'other', value: 'x' });
  await until(() => beats.length === 2);
  expect(beats[1]!.devices.printer).toBe('paper-out');
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(beats).toHaveLength(2);

  stop();
  publish({ type: 'printer', state: 'ok' });
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(beats).toHaveLength(2);
});

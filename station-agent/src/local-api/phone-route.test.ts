// The kiosk's phone check through the agent's loopback API: real HTTP on the agent's express app.
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxTypedPhone } from '@sportello/protocol';
import type { StationDevices } from '../devices/station-devices.ts';
import { startLocalApi, type LocalApi } from './local-api.ts';

let api: LocalApi;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-agent-phone-'));
  api = await startLocalApi({
    port: 0,
    kioskDir: path.join(dir, 'no-kiosk'),
    credential: null,
    devices: {} as StationDevices,
    log: pino({ level: 'silent' }),
    agentVersion: 'test',
    kiosk: { idleWarnSeconds: 60, idleEndSeconds: 90 },
  });
});
afterAll(async () => {
  await api.close();
});

function check(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${api.url}/agent/phone/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('phone numbers checked by the agent', () => {
  it.each([
    ['347 123 4567', { e164: '+393471234567', mobile: true, formatted: '+39 347 123 4567' }],
    ['+39 0425 123456', { e164: '+390425123456', mobile: false, formatted: '+39 0425 123456' }],
    ['0425123456', { e164: '+390425123456', mobile: false, formatted: '+39 0425 123456' }],
    ['+33 6 12 34 56 78', { e164: '+33612345678', mobile: true, formatted: '+33 6 12 34 56 78' }],
    ['+40 721 234 567', { e164: '+40721234567', mobile: true, formatted: '+40 721 234 567' }],
  ])('takes %s as a number', async (number, expected) => {
    const response = await check({ number });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ valid: true, ...expected });
  });

  it.each(['347', '12345678901234', '+39 347 123', '+999 123456'])(
    'answers that %s is not a number',
    async (number) => {
      const response = await check({ number });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ valid: false, reason: 'not_a_number' });
    },
  );

  it.each([
    [{}, 'number'],
    [{ number: '   ' }, 'number'],
    [{ number: 3471234567 }, 'number'],
    [{ number: '3'.repeat(maxTypedPhone + 1) }, 'number'],
    [[], '(body)'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const response = await check(body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f) => f.path)).toEqual([field]);
  });

  it('refuses a body larger than a number needs', async () => {
    const response = await check({ number: '3471234567', padding: 'x'.repeat(2048) });
    expect(response.status).toBe(413);
  });

  it('answers only the kiosk’s own origin and host', async () => {
    const foreign = await check({ number: '3471234567' }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    // fetch cannot set Host, which a DNS-rebinding page's request carries.
    const { port } = new URL(api.url);
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/agent/phone/check',
          method: 'POST',
          headers: { host: `evil.example:${port}`, 'content-type': 'application/json' },
        },
        (res) => resolve(res.resume().statusCode),
      );
      req.on('error', reject);
      req.end(JSON.stringify({ number: '3471234567' }));
    });
    expect(rebound).toBe(403);
  });
});

// An agent that was never enrolled still runs and says so, instead of failing or forwarding anything.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from './agent.ts';
import { AgentConfig } from './config/agent-config.ts';

let agent: RunningAgent;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-unenrolled-'));
  const parsed = AgentConfig.parse({
    serverUrl: 'http://127.0.0.1:9',
    devices: { reader: { kind: 'simulated' }, printer: { kind: 'simulated' }, videoDir: dir },
  });
  const config = {
    ...parsed,
    credentialFile: path.join(dir, 'none.json'),
    kioskDir: path.join(dir, 'kiosk'),
    file: path.join(dir, 'agent.json'),
  };
  agent = await startAgent(config, pino({ level: 'silent' }), { port: 0 });
});
afterAll(() => agent?.stop());

it('reports itself not enrolled and forwards nothing to the server', async () => {
  const status = await (await fetch(`${agent.url}/agent/status`)).json();
  expect(status).toMatchObject({ enrolled: false, station: null, serverOnline: false });
  const proxied = await fetch(`${agent.url}/api/v1/catalog`);
  expect(proxied.status).toBe(503);
  expect((await proxied.json()).error.code).toBe('not_enrolled');
  const pin = await fetch(`${agent.url}/agent/card/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: '12345678' }),
  });
  expect(pin.status).toBe(503);
});

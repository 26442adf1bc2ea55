// The agent as stations run it: built to JavaScript, started the way the systemd unit starts it, it answers its
// loopback API. A build that breaks (a module esbuild cannot bundle, a path that only works from src) fails here.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AGENT_CLI, AGENT_DIST, AGENT_ENV, AGENT_NODE_FLAGS, buildAgent } from '../scripts/build.mjs';
import { INSTALL_ROOT } from './install-paths.ts';

let agent: ChildProcess | undefined;
let dir: string;
let output = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function statusOf(url: string): Promise<Response> {
  for (let i = 0; i < 100; i++) {
    if (agent?.exitCode !== null) throw new Error(`the compiled agent stopped:\n${output}`);
    const response = await fetch(`${url}/agent/status`).catch(() => undefined);
    if (response) return response;
    await delay(100);
  }
  throw new Error(`the compiled agent did not answer:\n${output}`);
}

beforeAll(async () => {
  await buildAgent();
  dir = await mkdtemp(path.join(tmpdir(), 'sportello-compiled-agent-'));
}, 60_000);

afterAll(async () => {
  if (agent && agent.exitCode === null) {
    const exited = new Promise((resolve) => agent!.once('exit', resolve));
    agent.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

it('starts from station-agent/dist, without tsx, and answers its loopback API', async () => {
  const port = await freePort();
  const config = path.join(dir, 'agent.json');
  await writeFile(
    config,
    JSON.stringify({
      serverUrl: 'http://127.0.0.1:9',
      port,
      credentialFile: 'none.json',
      devices: {
        reader: { kind: 'simulated' },
        printer: { kind: 'simulated' },
        scanner: { kind: 'simulated' },
        videoDir: dir,
      },
    }),
  );
  // As the unit runs it: plain node, from the installation's root, no loader in NODE_OPTIONS.
  agent = spawn(process.execPath, [...AGENT_NODE_FLAGS, AGENT_CLI, 'start', '--config', config], {
    cwd: INSTALL_ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...AGENT_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  agent.stdout!.on('data', (chunk) => (output += chunk));
  agent.stderr!.on('data', (chunk) => (output += chunk));

  const url = `http://127.0.0.1:${port}`;
  const status = await statusOf(url);
  expect(status.status).toBe(200);
  expect(await status.json()).toMatchObject({
    enrolled: false,
    devices: { reader: 'ok', printer: 'ok', scanner: 'ok' },
  });

  // A ticket through the simulated printer, and a virtual card (loaded on demand, from its own chunk).
  const printed = await fetch(`${url}/agent/print/ticket`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ heading: 'INPS Rovigo', number: 'A001', service: 'NASpI', details: [] }),
  });
  expect(printed.status, await printed.clone().text()).toBe(200);
  const inserted = await fetch(`${url}/simulator/card`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'insert', card: 'cns' }),
  });
  expect(inserted.ok, output).toBe(true);
  // The phone rules, loaded from their own chunk at the first number typed.
  const phone = await fetch(`${url}/agent/phone/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number: '347 123 4567' }),
  });
  expect(phone.status, output).toBe(200);
  expect(await phone.json()).toMatchObject({ valid: true, e164: '+393471234567', mobile: true });
}, 60_000);

it('loads the phone rules only when a number is checked: no module a start loads imports them', () => {
  const startLoads = new Set<string>();
  const visit = (file: string) => {
    if (startLoads.has(file)) return;
    startLoads.add(file);
    const code = readFileSync(path.join(AGENT_DIST, file), 'utf8');
    // Static imports only: `import(…)` chunks load when needed.
    for (const [, chunk] of code.matchAll(/^(?:import|export)\b[^;]*?from\s*"\.\/([^"]+)"/gms)) visit(chunk!);
  };
  visit('cli.js');
  expect(startLoads.size).toBeGreaterThan(1);
  for (const file of startLoads)
    expect(readFileSync(path.join(AGENT_DIST, file), 'utf8'), file).not.toContain('libphonenumber-js');
});

it('is what the systemd unit starts, with the same node flags and environment', () => {
  const unit = readFileSync(path.join(INSTALL_ROOT, 'station-agent/deploy/sportello-agent.service'), 'utf8');
  const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1];
  expect(execStart).toBe(
    ['/usr/bin/node', ...AGENT_NODE_FLAGS, path.relative(INSTALL_ROOT, AGENT_CLI), 'start'].join(' '),
  );
  for (const [name, value] of Object.entries(AGENT_ENV))
    expect(unit).toMatch(new RegExp(`^Environment=${name}=${value}$`, 'm'));
});

it('has the PKCS#11 worker beside it, which runs without tsx', async () => {
  // As pkcs11-signer.ts starts it when compiled; no module at that path, so the card has no driver here.
  const entry = pathToFileURL(path.join(AGENT_DIST, 'pkcs11-worker.js')).href;
  const worker = new Worker(`import(${JSON.stringify(entry)});`, {
    eval: true,
    workerData: { module: path.join(dir, 'none.so'), pin: '12345678', challenge: Buffer.alloc(32) },
  });
  const outcome = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  expect(outcome).toMatchObject({ ok: false, code: 'no-driver' });
});

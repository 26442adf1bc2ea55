// What `npm start` and `npm run start:cluster` share: building the pages and the agent, running child processes
// (one stopping stops all), enrolling the demo station and its display board, and the guide printed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { AGENT_CLI, AGENT_ENV, AGENT_NODE_FLAGS, buildAgent } from '../station-agent/scripts/build.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));
/** The demo agent's address: its config's port (7300 in config/agent.demo.json). */
export const agentUrlOf = (port = 7300) => `http://127.0.0.1:${port}`;
export const demoStation = 'rovigo-accoglienza';

const children = [];
let stopping = false;

export function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

export function tsx(args, env = {}) {
  return [process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env } }];
}

/** The compiled station agent, run as a station runs it (deploy/sportello-agent.service). */
export function agent(args, env = {}) {
  return [
    process.execPath,
    [...AGENT_NODE_FLAGS, AGENT_CLI, ...args],
    { cwd: root, env: { ...process.env, ...AGENT_ENV, ...env } },
  ];
}

/** Runs a child for as long as this script runs; if it stops on its own, everything stops. */
export function run(name, [command, argv, options]) {
  const child = spawn(command, argv, { ...options, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping everything`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

export async function waitFor(url) {
  for (let i = 0; i < 150 && !stopping; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error(`${url} did not answer`);
}

async function json(base, method, path, body, token) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Builds the kiosk, the console, the web-meeting and phone pages, the board, and the station agent. */
export async function buildAll() {
  for (const [name, folder] of [
    ['the kiosk', 'kiosk'],
    ['the staff console', 'console'],
    ['the web-meeting page and the phone pages', 'meeting'],
    ['the display board', 'board'],
  ]) {
    console.log(`Building ${name}…`);
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: `${root}/${folder}`,
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // Stations run the agent compiled to JavaScript: built each start (a second), so it is never stale.
  console.log('Building the station agent…');
  await buildAgent();
}

/**
 * Enrols the demo station the way a technician would (a one-time code, then `enroll`) unless its credential
 * file is there, registers the sede's display board once (its key is shown once: the URL is kept in
 * boardUrlFile), then runs the agent. Resolves with the board's URL.
 */
export async function startDemoStation({
  base,
  agentConfig,
  credentialFile,
  boardUrlFile,
  agentUrl = agentUrlOf(),
}) {
  if (!existsSync(`${root}/${credentialFile}`)) {
    const { token } = await json(base, 'POST', '/api/v1/auth/login', {
      username: 'tecnico',
      password: 'demo-tecnico',
    });
    const { code } = await json(
      base,
      'POST',
      `/api/v1/stations/${demoStation}/enrolment-codes`,
      undefined,
      token,
    );
    const [command, argv, options] = agent([
      'enroll',
      '--config',
      agentConfig,
      '--server',
      base,
      '--code',
      code,
    ]);
    const enrol = spawnSync(command, argv, { ...options, stdio: 'inherit' });
    if (enrol.status !== 0) {
      console.error('the demo station could not be enrolled');
      stop(1);
      await delay(3000);
    }
  }
  if (!existsSync(`${root}/${boardUrlFile}`)) {
    const { token } = await json(base, 'POST', '/api/v1/auth/login', {
      username: 'tecnico',
      password: 'demo-tecnico',
    });
    const { url } = await json(
      base,
      'POST',
      '/api/v1/boards',
      { sede: 'rovigo', name: 'Sala d’attesa (demo)' },
      token,
    );
    writeFileSync(`${root}/${boardUrlFile}`, `${url}\n`, { mode: 0o600 });
  }
  run('agent', agent(['start', '--config', agentConfig], { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }));
  await waitFor(`${agentUrl}/agent/status`);
  return readFileSync(`${root}/${boardUrlFile}`, 'utf8').trim();
}

/** Where to reach everything; `store` says what this run keeps its data in. */
export function printGuide({ base, boardUrl, metricsToken, store, agentUrl = agentUrlOf() }) {
  console.log(`
Sportello is running with demo data (${store}) and one station, "${demoStation}",
with a simulated card reader, printer and barcode scanner.

  Kiosk            ${agentUrl}/            (open in Chromium, ideally full screen)
  Device simulator ${agentUrl}/simulator   (insert a card, scan a barcode, run out of paper)
  Staff console    ${base}/console/   (officials: funzionario.rovigo; counters: sportello.rovigo;
                   booking desk: contactcenter; stations, alerts and boards: tecnico;
                   statistics and calendar: direttore.rovigo; accounts, audit log and SMS: admin)
  Alerts           ${base}/console/#alerts   (tecnico: run the printer out of paper in the simulator; the alert
                   shows at the next heartbeat; no e-mail until server.alerts.mail is set, see config/README.md)
  Display board    ${boardUrl}
  Queue on a phone ${base}/t/sede/rovigo   (each printed ticket's QR opens its own page under ${base}/t/)
  Web meeting      ${base}/meeting/<booking code>   (the link in a web-meeting booking's SMS)
  API              ${base}/api/v1
  API docs         ${base}/api/v1/docs
  Health           ${base}/healthz   ${base}/readyz
  Metrics          curl -H 'Authorization: Bearer ${metricsToken}' ${base}/metrics
                   (Prometheus text format; a new token each start unless SPORTELLO_METRICS_TOKEN is set)

Demo staff accounts (password: demo-<username>): admin, tecnico, direttore.rovigo, sportello.rovigo,
sportello2.rovigo, funzionario.rovigo, funzionario.napoli, contactcenter.
`);
}

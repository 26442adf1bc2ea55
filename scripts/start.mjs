// `npm start`: builds the kiosk, the staff console, the web-meeting page and the station agent, runs the
// server (lowdb, demo configuration) and one station agent with simulated devices, enrolled on first run
// like a real station, and prints where to reach everything.
// Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { AGENT_CLI, AGENT_ENV, AGENT_NODE_FLAGS, buildAgent } from '../station-agent/scripts/build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ?? '8080';
const base = `http://127.0.0.1:${port}`;
const agentConfig = 'config/agent.demo.json';
const agentUrl = 'http://127.0.0.1:7300';
const credentialFile = 'data/agent/station-credential.json';
// The board's key is shown once when it is registered: the demo keeps its URL to print it on every start.
const boardUrlFile = 'data/demo-board-url.txt';
const demoStation = 'rovigo-accoglienza';

const children = [];
let stopping = false;

function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

function tsx(args, env = {}) {
  return [process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env } }];
}

/** The compiled station agent, run as a station runs it (deploy/sportello-agent.service). */
function agent(args, env = {}) {
  return [
    process.execPath,
    [...AGENT_NODE_FLAGS, AGENT_CLI, ...args],
    { cwd: root, env: { ...process.env, ...AGENT_ENV, ...env } },
  ];
}

function run(name, [command, argv, options]) {
  const child = spawn(command, argv, { ...options, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping everything`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

async function waitFor(url) {
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

async function json(method, path, body, token) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

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

// /metrics needs a bearer token (config/server.json reads it from SPORTELLO_METRICS_TOKEN): one per start
// unless one is set already.
const metricsToken = process.env.SPORTELLO_METRICS_TOKEN || randomBytes(24).toString('base64url');
run(
  'server',
  tsx(['server/src/main.ts'], {
    PORT: port,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SPORTELLO_METRICS_TOKEN: metricsToken,
  }),
);
await waitFor(`${base}/readyz`);

// The demo station is enrolled the way a technician would: a one-time code, then `enroll`.
if (!existsSync(`${root}/${credentialFile}`)) {
  const { token } = await json('POST', '/api/v1/auth/login', {
    username: 'tecnico',
    password: 'demo-tecnico',
  });
  const { code } = await json('POST', `/api/v1/stations/${demoStation}/enrolment-codes`, undefined, token);
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

// The demo sede's display board, registered the way a technician would from the console.
if (!existsSync(`${root}/${boardUrlFile}`)) {
  const { token } = await json('POST', '/api/v1/auth/login', {
    username: 'tecnico',
    password: 'demo-tecnico',
  });
  const { url } = await json(
    'POST',
    '/api/v1/boards',
    { sede: 'rovigo', name: 'Sala d’attesa (demo)' },
    token,
  );
  writeFileSync(`${root}/${boardUrlFile}`, `${url}\n`, { mode: 0o600 });
}
const boardUrl = readFileSync(`${root}/${boardUrlFile}`, 'utf8').trim();

run('agent', agent(['start', '--config', agentConfig], { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }));
await waitFor(`${agentUrl}/agent/status`);

console.log(`
Sportello is running with demo data (lowdb store in ./data) and one station, "${demoStation}",
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

Press Ctrl-C to stop.
`);

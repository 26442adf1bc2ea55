// `npm start`: runs every part that exists (now the server, on lowdb with the demo configuration)
// and prints where to reach it. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ?? '8080';
const base = `http://127.0.0.1:${port}`;

const children = [];
function run(name, args, env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping everything`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

run('server', ['server/src/main.ts'], { PORT: port, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });

for (let i = 0; i < 100 && !stopping; i++) {
  try {
    if ((await fetch(`${base}/readyz`)).ok) break;
  } catch {
    // Not listening yet.
  }
  await delay(200);
}

console.log(`
Sportello is running (demo data, lowdb store in ./data):

  API              ${base}/api/v1
  API docs         ${base}/api/v1/docs
  OpenAPI          ${base}/api/v1/openapi.json
  Health           ${base}/healthz   ${base}/readyz

Demo staff accounts (password: demo-<username>): admin, tecnico, sportello.rovigo,
funzionario.rovigo, funzionario.napoli. Try:
  curl '${base}/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=<YYYY-MM-DD>&to=<YYYY-MM-DD>'

Press Ctrl-C to stop.
`);

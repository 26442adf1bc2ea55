// Several server instances on one PostgreSQL behind HAProxy: the balancer's configuration, HAProxy itself
// (Debian's package) and the cluster's database. Used by `npm run start:cluster` and the cluster e2e tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

export const HAPROXY = '/usr/sbin/haproxy';

/**
 * HAProxy in front of the instances: round robin with no stickiness (any instance serves any request),
 * an instance out of the rotation after two failed /readyz checks a second apart (a refused one fails at once), a request whose connection
 * is refused retried on another instance, and upgraded connections (/ws, the stations' channel) kept for
 * an hour of silence; event streams send a keep-alive every 15 s, well inside the server timeout.
 */
export function haproxyConfig({ port, instances, host = '127.0.0.1', adminSocket }) {
  return [
    'global',
    '  maxconn 4096',
    // Tests steer new connections to one instance through it (`set server instances/a state maint`).
    ...(adminSocket ? [`  stats socket ${adminSocket} mode 600 level admin`] : []),
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 5m',
    '  timeout server 5m',
    '  timeout http-request 10s',
    '  timeout http-keep-alive 10s',
    '  timeout tunnel 1h',
    '  timeout client-fin 5s',
    '  timeout server-fin 5s',
    '  option redispatch',
    '  retries 3',
    '  option forwardfor',
    '',
    'frontend sportello',
    `  bind ${host}:${port}`,
    '  default_backend instances',
    '',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    // A check may take a while on a busy machine: only a refused or failing one counts.
    '  timeout check 5s',
    '  default-server inter 1s fall 2 rise 2',
    ...instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} check`),
    '',
  ].join('\n');
}

/** Installs Debian's haproxy when it is missing and we may (root, or `sudo -n`); else throws saying how. */
export function ensureHaproxy() {
  if (existsSync(HAPROXY)) return;
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) {
    throw new Error('HAProxy is not installed: run `sudo apt-get install -y haproxy`, then try again');
  }
  const as = (command, args) =>
    spawnSync(root ? command : 'sudo', root ? args : ['-n', command, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.log('Installing HAProxy (Debian package haproxy)…');
  as('apt-get', ['update', '-qq']);
  as('apt-get', ['install', '-y', '-qq', 'haproxy']);
  if (!existsSync(HAPROXY)) throw new Error('apt-get could not install haproxy');
  // The package's own service balances nothing; our balancer runs with its own configuration.
  if (existsSync('/run/systemd/system')) as('systemctl', ['disable', '--now', 'haproxy.service']);
}

/** Creates `name` on the server `adminUrl` points to unless it exists; the URL of the new database. */
export async function ensureDatabase(adminUrl, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`database name "${name}": lowercase letters, digits, _`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

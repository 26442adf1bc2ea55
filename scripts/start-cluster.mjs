// `npm run start:cluster`: what `npm start` runs, on PostgreSQL with two server instances (ports 8081 and
// 8082) behind HAProxy on 8080, the way several instances are deployed: round robin, no sticky sessions.
// The database is sportello_cluster on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432),
// created and migrated here; the instances' shared secret and the demo station's credential stay in
// data/cluster/. Each answer names its instance in X-Sportello-Instance. Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureDatabase, ensureHaproxy, HAPROXY, haproxyConfig } from './cluster.mjs';
import {
  agentUrlOf,
  buildAll,
  printGuide,
  root,
  run,
  startDemoStation,
  stop,
  tsx,
  waitFor,
} from './demo-support.mjs';

const port = Number(process.env.PORT ?? '8080');
const base = `http://127.0.0.1:${port}`;
const instances = [
  { name: 'a', port: port + 1 },
  { name: 'b', port: port + 2 },
];
const clusterDir = path.join(root, 'data/cluster');
const databaseName = process.env.SPORTELLO_CLUSTER_DATABASE ?? 'sportello_cluster';
// Beside a running `npm start`: PORT=9080 AGENT_PORT=9300 npm run start:cluster.
const agentPort = Number(process.env.AGENT_PORT ?? '7300');
const agentUrl = agentUrlOf(agentPort);

/** Stops what was started (a child left running would hold its port) and says why. */
function fail(error) {
  console.error(`start:cluster: ${error.message}`);
  stop(1);
  return new Promise(() => {});
}

try {
  ensureHaproxy();
} catch (error) {
  console.error(`start:cluster: ${error.message}`);
  process.exit(1);
}

await buildAll();
mkdirSync(clusterDir, { recursive: true, mode: 0o700 });

// The database: on DATABASE_URL's server, a database of the cluster's own, brought up to this version's schema.
const adminUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
adminUrl.pathname = '/postgres';
let databaseUrl;
try {
  databaseUrl = await ensureDatabase(adminUrl.toString(), databaseName);
} catch (error) {
  console.error(`start:cluster: PostgreSQL at ${adminUrl.host} cannot be used: ${error.message}`);
  console.error(
    'Start it (Debian: pg_ctlcluster 15 main start) or set DATABASE_URL to a server you can use.',
  );
  process.exit(1);
}
const [node, migrateArgs, migrateOptions] = tsx(['scripts/db-migrate.ts', `--url=${databaseUrl}`]);
const migrated = spawnSync(node, migrateArgs, { ...migrateOptions, stdio: 'inherit' });
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

// Every instance checks what the others signed: one secret, made on the first start and kept.
const secretFile = path.join(clusterDir, 'secret');
if (!existsSync(secretFile))
  writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
const secret = readFileSync(secretFile, 'utf8').trim();

// The shipped configuration with the PostgreSQL store, copied afresh each start so it follows config/.
const configDir = path.join(clusterDir, 'config');
cpSync(path.join(root, 'config'), configDir, { recursive: true });
const serverJson = JSON.parse(readFileSync(path.join(configDir, 'server.json'), 'utf8'));
serverJson.store = { kind: 'postgres', url: '${env:DATABASE_URL}' };
serverJson.publicUrl = base;
writeFileSync(path.join(configDir, 'server.json'), `${JSON.stringify(serverJson, null, 2)}\n`);

const metricsToken = process.env.SPORTELLO_METRICS_TOKEN || randomBytes(24).toString('base64url');
// One after the other: the first start seeds the staff accounts and the station registry.
for (const instance of instances) {
  run(
    `server ${instance.name}`,
    tsx(['server/src/main.ts'], {
      PORT: String(instance.port),
      SPORTELLO_CONFIG_DIR: configDir,
      SPORTELLO_DATA_DIR: path.join(clusterDir, `instance-${instance.name}`),
      SPORTELLO_INSTANCE: instance.name,
      SPORTELLO_SECRET: secret,
      SPORTELLO_METRICS_TOKEN: metricsToken,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    }),
  );
  await waitFor(`http://127.0.0.1:${instance.port}/readyz`).catch(fail);
}

const haproxyFile = path.join(clusterDir, 'haproxy.cfg');
writeFileSync(haproxyFile, haproxyConfig({ port, instances }));
run('haproxy', [HAPROXY, ['-db', '-f', haproxyFile], { cwd: root }]);
await waitFor(`${base}/readyz`).catch(fail);

// The demo station, pointed at the balancer, with a credential of its own (the cluster's database is not npm start's).
const agentConfig = path.join(clusterDir, 'agent.json');
const demoAgent = JSON.parse(readFileSync(path.join(root, 'config/agent.demo.json'), 'utf8'));
writeFileSync(
  agentConfig,
  `${JSON.stringify(
    {
      ...demoAgent,
      serverUrl: base,
      port: agentPort,
      credentialFile: 'agent/station-credential.json',
      kioskDir: path.join(root, 'kiosk/dist'),
    },
    null,
    2,
  )}\n`,
);
const boardUrl = await startDemoStation({
  base,
  agentConfig,
  credentialFile: 'data/cluster/agent/station-credential.json',
  boardUrlFile: 'data/cluster/board-url.txt',
  agentUrl,
});

// Kept from the first start: shown on this start's balancer, whatever PORT was then.
const board = new URL(boardUrl);
printGuide({
  base,
  boardUrl: base + board.pathname + board.search,
  metricsToken,
  agentUrl,
  store: `PostgreSQL database ${databaseName}`,
});
console.log(`Two server instances behind HAProxy (round robin, no sticky sessions; each answer names its instance
in the X-Sportello-Instance header):

  Balancer         ${base}   (configuration: data/cluster/haproxy.cfg)
${instances.map((i) => `  Instance ${i.name}       http://127.0.0.1:${i.port}`).join('\n')}
  Database         ${databaseUrl.replace(/\/\/[^@/]*@/, '//')}

Try: curl -si ${base}/readyz | grep -i x-sportello-instance   (twice: a, then b)

Press Ctrl-C to stop.`);

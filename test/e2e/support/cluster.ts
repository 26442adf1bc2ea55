// Two server instances (separate processes, so a test can `kill -9` one) on a PostgreSQL of the test's own,
// behind HAProxy configured as `npm run start:cluster` configures it, with the kiosk's station agent
// pointed at the balancer. Everything a test does goes through the balancer unless it says otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { ensureHaproxy, HAPROXY, haproxyConfig } from '../../../scripts/cluster.mjs';
import { migrate } from '../../../server/src/store/postgres/schema.ts';
import type { CallResult } from '../../../server/src/testing/test-server.ts';
import { startAgent, type RunningAgent } from '../../../station-agent/src/agent.ts';
import { AgentConfig } from '../../../station-agent/src/config/agent-config.ts';
import { enrollStation } from '../../../station-agent/src/server-link/enrolment.ts';
import { createPrivatePostgres, freePort, type PrivatePostgres } from './private-postgres.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const kioskDir = path.join(repo, 'kiosk/dist');

export interface ClusterInstance {
  name: string;
  /** The instance itself, past the balancer. */
  url: string;
  process: ChildProcess;
}

export interface ClusterKiosk {
  agent: RunningAgent;
  /** The kiosk page (served by the agent). */
  url: string;
  simulate(device: 'card' | 'scan' | 'printer', body: Record<string, unknown>): Promise<void>;
}

export interface E2eCluster {
  /** The balancer's address. */
  url: string;
  instances: ClusterInstance[];
  postgres: PrivatePostgres;
  agent: RunningAgent;
  /** The kiosk page (served by the agent). */
  kioskUrl: string;
  /** A call through the balancer; `instance` in the answer is the X-Sportello-Instance that answered. */
  call(
    method: string,
    urlPath: string,
    options?: { token?: string; body?: unknown; to?: string },
  ): Promise<CallResult & { instance: string | null }>;
  login(username: string): Promise<string>;
  simulate(device: 'card' | 'scan' | 'printer', body: Record<string, unknown>): Promise<void>;
  /** Another station's kiosk (e.g. a town hall's), its agent enrolled and connected through the balancer. */
  kiosk(station: string): Promise<ClusterKiosk>;
  /**
   * Sends new connections to that instance only (the other in maintenance at the balancer: its open
   * connections stay), or to both again. For tests that need a party on a given instance.
   */
  route(only?: string): Promise<void>;
  /** Kills an instance with SIGKILL, as a crash would: nothing is closed or removed. */
  kill9(name: string): Promise<void>;
  /** Starts a killed instance again on its port (a new process, as a supervisor would). */
  restart(name: string): Promise<void>;
  /** Logs of every instance, for a failing test's report. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startCluster(options: { now: string }): Promise<E2eCluster> {
  ensureHaproxy();
  const postgres = await createPrivatePostgres();
  const dir = mkdtempSync(path.join(tmpdir(), 'sportello-cluster-'));
  const children: ChildProcess[] = [];
  const output: string[] = [];
  const agents: RunningAgent[] = [];
  const stop = async () => {
    for (const agent of agents) await agent.stop();
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null && child.signalCode === null
          ? new Promise((resolve) => child.once('exit', resolve))
          : undefined,
      ),
    );
    postgres.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrate({ url: postgres.url });
    const configDir = path.join(dir, 'config');
    cpSync(path.join(repo, 'config'), configDir, { recursive: true });
    // A killed instance is found dead within seconds, as a local cluster may configure it.
    const videoJson = JSON.parse(readFileSync(path.join(configDir, 'video.json'), 'utf8'));
    videoJson.instances = { renewSeconds: 1, expirySeconds: 3 };
    writeFileSync(path.join(configDir, 'video.json'), JSON.stringify(videoJson));
    const serverJson = JSON.parse(readFileSync(path.join(configDir, 'server.json'), 'utf8'));
    serverJson.store = { kind: 'postgres', url: '${env:DATABASE_URL}', poolSize: 5 };

    // The balancer's port first: pages and printed QR codes name the balancer, as a deployment's publicUrl does.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    serverJson.publicUrl = url;
    writeFileSync(path.join(configDir, 'server.json'), JSON.stringify(serverJson));

    const secret = randomBytes(32).toString('base64url');
    const epoch = String(Date.now());
    const instances: ClusterInstance[] = [];
    // One after the other, as start:cluster does: the first start seeds staff accounts and stations.
    const spawnInstance = async (name: string, instancePort: number): Promise<ClusterInstance> => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/support/cluster-instance.ts'], {
        cwd: repo,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          PORT: String(instancePort),
          SPORTELLO_CONFIG_DIR: configDir,
          SPORTELLO_DATA_DIR: mkdtempSync(path.join(dir, `instance-${name}-`)),
          SPORTELLO_INSTANCE: name,
          SPORTELLO_SECRET: secret,
          SPORTELLO_E2E_NOW: options.now,
          SPORTELLO_E2E_EPOCH: epoch,
          DATABASE_URL: postgres.url,
          LOG_LEVEL: 'warn',
        },
      });
      for (const stream of [child.stdout, child.stderr])
        stream?.on('data', (chunk) => output.push(`[${name}] ${String(chunk)}`));
      children.push(child);
      const instance = { name, url: `http://127.0.0.1:${instancePort}`, process: child };
      await waitReady(instance.url, child);
      return instance;
    };
    // One after the other, as start:cluster does: the first start seeds staff accounts and stations.
    for (const name of ['a', 'b']) instances.push(await spawnInstance(name, await freePort()));

    const haproxyFile = path.join(dir, 'haproxy.cfg');
    const adminSocket = path.join(dir, 'haproxy.sock');
    writeFileSync(
      haproxyFile,
      haproxyConfig({
        port,
        adminSocket,
        instances: instances.map((i) => ({ name: i.name, port: Number(new URL(i.url).port) })),
      }),
    );
    const haproxy = spawn(HAPROXY, ['-db', '-f', haproxyFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    haproxy.stderr?.on('data', (chunk) => output.push(`[haproxy] ${String(chunk)}`));
    children.push(haproxy);
    await waitReady(url, haproxy);

    const call: E2eCluster['call'] = async (method, urlPath, callOptions = {}) => {
      const headers: Record<string, string> = {};
      if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
      if (callOptions.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch((callOptions.to ?? url) + urlPath, {
        method,
        headers,
        body: callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: HAProxy's own error page.
      }
      return {
        status: response.status,
        body,
        headers: response.headers,
        instance: response.headers.get('x-sportello-instance'),
      };
    };
    const login = async (username: string) => {
      const result = await call('POST', '/api/v1/auth/login', {
        body: { username, password: `demo-${username}` },
      });
      if (result.status !== 200) throw new Error(`login ${username}: ${result.status}`);
      return result.body.token as string;
    };

    const kiosk = async (station: string): Promise<ClusterKiosk> => {
      const running = await startKioskAgent(url, station, await login('tecnico'), call, dir);
      agents.push(running);
      return {
        agent: running,
        url: `${running.url}/`,
        async simulate(device, body) {
          const response = await fetch(`${running.url}/simulator/${device}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          if (!response.ok) throw new Error(`simulator ${device}: ${response.status}`);
        },
      };
    };
    const reception = await kiosk('rovigo-accoglienza');

    return {
      url,
      instances,
      postgres,
      agent: reception.agent,
      kioskUrl: reception.url,
      call,
      login,
      simulate: reception.simulate,
      kiosk,
      async route(only) {
        for (const instance of instances)
          await haproxyCommand(
            adminSocket,
            `set server instances/${instance.name} state ${!only || only === instance.name ? 'ready' : 'maint'}`,
          );
      },
      async restart(name) {
        const index = instances.findIndex((i) => i.name === name);
        const old = instances[index]!;
        if (old.process.exitCode === null && old.process.signalCode === null)
          throw new Error(`${name} is running`);
        instances[index] = await spawnInstance(name, Number(new URL(old.url).port));
      },
      async kill9(name) {
        const instance = instances.find((i) => i.name === name)!;
        const exited = new Promise((resolve) => instance.process.once('exit', resolve));
        instance.process.kill('SIGKILL');
        await exited;
      },
      logs: () => output.join(''),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`the cluster did not start: ${(error as Error).message}\n${output.join('')}`);
  }
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  throw new Error(`${url}/readyz did not answer`);
}

/** A station's agent with simulated devices, enrolled with a technician's one-time code through `url`. */
async function startKioskAgent(
  url: string,
  station: string,
  technician: string,
  call: E2eCluster['call'],
  dir: string,
): Promise<RunningAgent> {
  const agentDir = mkdtempSync(path.join(dir, `agent-${station}-`));
  const config = {
    ...AgentConfig.parse({
      serverUrl: url,
      heartbeatSeconds: 30,
      kiosk: { idleWarnSeconds: 120, idleEndSeconds: 30 },
      devices: {
        reader: { kind: 'simulated' },
        printer: { kind: 'simulated' },
        scanner: { kind: 'simulated' },
        videoDir: agentDir,
      },
    }),
    credentialFile: path.join(agentDir, 'credential.json'),
    kioskDir,
    file: path.join(agentDir, 'agent.json'),
  };
  const code = await call('POST', `/api/v1/stations/${station}/enrolment-codes`, { token: technician });
  if (code.status !== 201) throw new Error(`enrolment code ${station}: ${code.status}`);
  await enrollStation({
    serverUrl: url,
    code: code.body.code,
    credentialFile: config.credentialFile,
    agentVersion: 'e2e',
  });
  return startAgent(config, pino({ level: 'silent' }), { port: 0 });
}

/** One command to HAProxy's runtime API; rejects on an answer other than an empty one. */
function haproxyCommand(socketPath: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(socketPath, () => socket.write(`${command}\n`));
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('error', reject);
    socket.on('end', () =>
      answer.trim() ? reject(new Error(`haproxy: ${command}: ${answer.trim()}`)) : resolve(),
    );
  });
}

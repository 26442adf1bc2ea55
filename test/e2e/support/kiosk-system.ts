// The whole station for a browser test: a real server (lowdb, demo config, clock set by the test), a real
// agent enrolled with a one-time code, simulated devices, and the built kiosk served on loopback.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { startTestServer, type TestServer } from '../../../server/src/testing/test-server.ts';
import { startAgent, type RunningAgent } from '../../../station-agent/src/agent.ts';
import { AgentConfig } from '../../../station-agent/src/config/agent-config.ts';
import { enrollStation } from '../../../station-agent/src/server-link/enrolment.ts';

export interface KioskSystem {
  server: TestServer;
  agent: RunningAgent;
  /** The kiosk page's address. */
  url: string;
  /** Acts on a simulated device as a person would: put a card in, scan a code, run out of paper. */
  simulate(device: 'card' | 'scan' | 'printer', body: Record<string, unknown>): Promise<void>;
  /** What the simulated printer printed: text lines, QR contents, pictures of lines (Arabic, Ukrainian …). */
  printed(): { lines: string[]; qrCodes: string[]; images: number }[];
  stop(): Promise<void>;
}

const kioskDir = fileURLToPath(new URL('../../../kiosk/dist/', import.meta.url));

export async function startKioskSystem(options: {
  /** The server's clock, e.g. a Monday morning when the sede is open. */
  now: string;
  station?: string;
  idle?: { idleWarnSeconds: number; idleEndSeconds: number };
}): Promise<KioskSystem> {
  const server = await startTestServer(options.now);
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-e2e-'));
  const config = {
    ...AgentConfig.parse({
      serverUrl: server.url,
      heartbeatSeconds: 30,
      kiosk: options.idle ?? { idleWarnSeconds: 60, idleEndSeconds: 20 },
      devices: {
        reader: { kind: 'simulated' },
        printer: { kind: 'simulated' },
        scanner: { kind: 'simulated' },
        videoDir: dir,
      },
    }),
    credentialFile: path.join(dir, 'credential.json'),
    kioskDir,
    file: path.join(dir, 'agent.json'),
  };
  const technician = await server.login('tecnico');
  const code = await server.call(
    'POST',
    `/api/v1/stations/${options.station ?? 'rovigo-accoglienza'}/enrolment-codes`,
    {
      token: technician,
    },
  );
  await enrollStation({
    serverUrl: server.url,
    code: code.body.code,
    credentialFile: config.credentialFile,
    agentVersion: 'e2e',
  });
  const agent = await startAgent(config, pino({ level: 'silent' }), { port: 0 });
  return {
    server,
    agent,
    url: `${agent.url}/`,
    async simulate(device, body) {
      const response = await fetch(`${agent.url}/simulator/${device}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`simulator ${device}: ${response.status}`);
    },
    printed: () => agent.simulators.printer?.printed() ?? [],
    async stop() {
      await agent.stop();
      await server.stop();
    },
  };
}

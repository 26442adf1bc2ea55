// The station agent under test in its own process, with simulated devices, so its RSS is the agent's alone.
// It enrols with the server it is given (which runs in the bench's process) and then starts as a station does.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startAgent } from '../../station-agent/src/agent.ts';
import { AgentConfig, type LoadedAgentConfig } from '../../station-agent/src/config/agent-config.ts';
import { enrollStation } from '../../station-agent/src/server-link/enrolment.ts';

export type ToAgentChild = { type: 'memory' } | { type: 'stop' };
export type FromAgentChild =
  | { type: 'ready'; url: string; startMs: number }
  | { type: 'memory'; rss: number; heapUsed: number }
  | { type: 'stopped' };

const [serverUrl, code] = process.argv.slice(2);
if (!serverUrl || !code || !process.send)
  throw new Error('usage: fork(agent-child.ts, [serverUrl, enrolmentCode])');
const send = (message: FromAgentChild) => process.send!(message);

const dir = await mkdtemp(path.join(os.tmpdir(), 'sportello-agent-bench-'));
const config: LoadedAgentConfig = {
  ...AgentConfig.parse({
    serverUrl,
    heartbeatSeconds: 30,
    devices: {
      reader: { kind: 'simulated' },
      printer: { kind: 'simulated' },
      scanner: { kind: 'simulated' },
      videoDir: dir,
    },
  }),
  credentialFile: path.join(dir, 'credential.json'),
  kioskDir: path.join(dir, 'kiosk'),
  file: path.join(dir, 'agent.json'),
};
await enrollStation({ serverUrl, code, credentialFile: config.credentialFile, agentVersion: 'bench' });
const started = performance.now();
const agent = await startAgent(config, pino({ level: 'silent' }), { port: 0 });
const startMs = performance.now() - started;

process.on('message', (message: ToAgentChild) => {
  if (message.type === 'memory') {
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', rss, heapUsed });
  }
  if (message.type === 'stop') {
    void agent
      .stop()
      .then(() => rm(dir, { recursive: true, force: true }))
      .then(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
  }
});
send({ type: 'ready', url: agent.url, startMs });

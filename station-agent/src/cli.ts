// `station-agent <command>`: start, enroll, selftest, status. Config from --config or SPORTELLO_AGENT_CONFIG.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startAgent } from './agent.ts';
import { AgentConfigError, loadAgentConfig } from './config/agent-config.ts';
import { EnrolmentError, enrollStation } from './server-link/enrolment.ts';
import { runSelftest } from './selftest.ts';
import { AGENT_VERSION } from './version.ts';

const USAGE = `usage: station-agent <command> [--config agent.json]
  start                                  run the agent (loopback API, devices, heartbeat)
  enroll --server URL --code CODE        exchange a technician's one-time code for this station's credential
  selftest                               print a test ticket, read a card if one is in, report each device
  status                                 ask the running agent how it and its devices are`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    server: { type: 'string' },
    code: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

// Logs carry no personal data: card contents and codes are never logged by the agent.
const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { part: 'station-agent' } });

async function main(): Promise<number> {
  const command = positionals[0];
  if (values.help || !command) {
    console.error(USAGE);
    return command ? 0 : 2;
  }
  const config = await loadAgentConfig(values.config ?? process.env.SPORTELLO_AGENT_CONFIG ?? 'agent.json');
  switch (command) {
    case 'start': {
      const agent = await startAgent(config, log);
      log.info({ url: agent.url, station: agent.credential?.station ?? null }, 'agent running');
      const shutdown = (signal: string) => {
        log.info({ signal }, 'stopping');
        void agent.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      return new Promise<number>(() => undefined);
    }
    case 'enroll': {
      if (!values.server || !values.code) {
        console.error('enroll needs --server URL and --code CODE');
        return 2;
      }
      const credential = await enrollStation({
        serverUrl: values.server,
        code: values.code,
        credentialFile: config.credentialFile,
        agentVersion: AGENT_VERSION,
      });
      console.log(
        `enrolled as station "${credential.station}"; credential saved to ${config.credentialFile} (mode 0600)`,
      );
      return 0;
    }
    case 'selftest':
      return (await runSelftest(config, log, (line) => console.log(line))) ? 0 : 1;
    case 'status': {
      const response = await fetch(`http://127.0.0.1:${config.port}/agent/status`).catch(() => null);
      if (!response?.ok) {
        console.error(`no agent answers on 127.0.0.1:${config.port}`);
        return 1;
      }
      console.log(JSON.stringify(await response.json(), null, 2));
      return 0;
    }
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AgentConfigError || error instanceof EnrolmentError) console.error(error.message);
    else log.fatal({ err: error }, 'agent failed');
    process.exit(1);
  },
);

// `npm start`: builds the kiosk, the staff console, the web-meeting page and the station agent, runs the
// server (lowdb, demo configuration) and one station agent with simulated devices, enrolled on first run
// like a real station, and prints where to reach everything.
// Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { buildAll, printGuide, run, startDemoStation, tsx, waitFor } from './demo-support.mjs';

const port = process.env.PORT ?? '8080';
const base = `http://127.0.0.1:${port}`;

await buildAll();

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

const boardUrl = await startDemoStation({
  base,
  agentConfig: 'config/agent.demo.json',
  credentialFile: 'data/agent/station-credential.json',
  // The board's key is shown once when it is registered: the demo keeps its URL to print it on every start.
  boardUrlFile: 'data/demo-board-url.txt',
});

printGuide({ base, boardUrl, metricsToken, store: 'lowdb store in ./data' });
console.log('Press Ctrl-C to stop.');

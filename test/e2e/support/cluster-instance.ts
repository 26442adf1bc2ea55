// One server instance of the e2e cluster, as its own process (so a test can `kill -9` it): main.ts's start,
// with a clock the test chose. Every instance counts from the same real moment, so their clocks agree.
// SPORTELLO_E2E_NOW: the test's "now" at the real time SPORTELLO_E2E_EPOCH (milliseconds since 1970).
import { defaultConfigDir } from '../../../server/src/config/load-config.ts';
import { createLogger } from '../../../server/src/log/logger.ts';
import { startServer } from '../../../server/src/server.ts';

const now = new Date(process.env.SPORTELLO_E2E_NOW!).getTime();
const epoch = Number(process.env.SPORTELLO_E2E_EPOCH);
const running = await startServer({
  configDir: defaultConfigDir(),
  port: Number(process.env.PORT),
  dataDir: process.env.SPORTELLO_DATA_DIR!,
  clock: () => new Date(now + (Date.now() - epoch)),
  log: createLogger(),
});
process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));

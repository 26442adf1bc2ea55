// The HTTP app in its own process, built as startServer builds it, with or without the metrics (request
// timing, the timed store and the gauges), so the bench can measure what they cost. It tells its CPU time
// when asked: on a shared machine that is steadier than its throughput.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config/load-config.ts';
import type { AppContext } from '../../server/src/context.ts';
import { createLogger } from '../../server/src/log/logger.ts';
import { instrumentStore } from '../../server/src/metrics/instrument-store.ts';
import { createMetrics } from '../../server/src/metrics/metrics.ts';
import { registerStateGauges } from '../../server/src/metrics/state-gauges.ts';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.ts';

export type MetricsChildMode = 'with' | 'without';
export type ToMetricsChild = { type: 'cpu' } | { type: 'stop' };
export type FromMetricsChild =
  { type: 'ready'; url: string } | { type: 'cpu'; micros: number } | { type: 'stopped' };

const [configDir, dataDir, mode] = process.argv.slice(2);
if (!configDir || !dataDir || (mode !== 'with' && mode !== 'without') || !process.send)
  throw new Error('usage: fork(metrics-child.ts, [configDir, dataDir, with|without])');

const config = await loadConfig(configDir);
const clock = () => new Date();
const metrics = mode === 'with' ? createMetrics() : undefined;
const raw = await LowdbStore.open({ dataDir, now: clock });
const ctx: AppContext = {
  config,
  store: metrics ? instrumentStore(raw, metrics) : raw,
  clock,
  secret: randomBytes(32),
  log: createLogger({ level: 'silent' }),
  ...(metrics && { metrics }),
};
if (metrics) registerStateGauges(ctx, metrics);
const server = createServer(createApp(ctx));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

process.on('message', (message: ToMetricsChild) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ type: 'cpu', micros: user + system } satisfies FromMetricsChild);
    return;
  }
  server.closeAllConnections();
  server.close(
    () =>
      void raw.close().then(() => {
        process.send!({ type: 'stopped' } satisfies FromMetricsChild);
        process.disconnect();
      }),
  );
});
process.send({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies FromMetricsChild);

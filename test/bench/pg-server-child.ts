// One server instance on the bench's PostgreSQL database, in its own process: several of them share the
// database as a cluster's instances do. Besides HTTP it runs, when told, an SMS outbox worker (sending to
// the bench's gateway) and the LISTEN/NOTIFY relay probe (instance A notifies, instance B times arrival).
import { SmsGatewaySettings } from '@sportello/protocol';
import { hashToken } from '../../server/src/auth/tokens.ts';
import { createLogger } from '../../server/src/log/logger.ts';
import { HttpSmsGateway } from '../../server/src/notification/http-sms-gateway.ts';
import { OutboxWorker } from '../../server/src/notification/outbox-worker.ts';
import { startServer } from '../../server/src/server.ts';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.ts';

export type ToPgChild =
  | { type: 'rss' }
  | { type: 'stop' }
  | { type: 'outbox-start'; gatewayUrl: string }
  | { type: 'outbox-stop' }
  | { type: 'relay-send'; count: number; gapMs: number }
  | { type: 'relay-lags' };
export type FromPgChild =
  | { type: 'ready'; url: string; openMs: number }
  | { type: 'rss'; rss: number }
  | { type: 'outbox-stopped' }
  | { type: 'relay-sent' }
  | { type: 'relay-lags'; lags: number[] }
  | { type: 'stopped' };

/** The store channel of the relay probe; its payload is the sender's monotonic clock in ns. */
const RELAY_CHANNEL = 'bench.relay';

const [configDir, databaseUrl, dataDir, token, poolSize] = process.argv.slice(2);
if (!configDir || !databaseUrl || !dataDir || !token || !process.send)
  throw new Error('usage: fork(pg-server-child.ts, [configDir, databaseUrl, dataDir, token, poolSize?])');
const send = (message: FromPgChild) => void process.send!(message);

const started = performance.now();
const store = await PostgresStore.open({ url: databaseUrl, poolSize: Number(poolSize ?? 10) });
const server = await startServer({
  configDir,
  dataDir,
  port: 0,
  jobs: false,
  store,
  log: createLogger({ level: 'silent' }),
});
const openMs = performance.now() - started;

// A counter clerk's session straight in the store (every instance writes the same one: the load balancer
// may send a request to either).
await server.ctx.store.transaction((tx) =>
  tx.insertSession({
    tokenHash: hashToken(token),
    username: 'sportello.rovigo',
    roles: ['counter'],
    sede: 'rovigo',
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  }),
);

// process.hrtime is CLOCK_MONOTONIC: the same clock in every process of the machine.
const lags: number[] = [];
server.ctx.store.listen(RELAY_CHANNEL, (payload) => {
  lags.push(Number(process.hrtime.bigint() - BigInt(payload)) / 1e6);
});

let worker: OutboxWorker | undefined;

process.on('message', (message: ToPgChild) => void handle(message));

async function handle(message: ToPgChild): Promise<void> {
  switch (message.type) {
    case 'rss':
      return send({ type: 'rss', rss: process.memoryUsage().rss });
    case 'outbox-start': {
      const settings = server.ctx.config.notifications;
      const provider = new HttpSmsGateway(
        SmsGatewaySettings.parse({
          url: `${message.gatewayUrl}/sms`,
          idempotencyHeader: 'Idempotency-Key',
          bodyTemplate: { sender: '{{sender}}', recipient: ['{{to}}'], message: '{{text}}' },
          success: { jsonPath: 'result', equals: 'OK' },
          messageIdPath: 'order_id',
        }),
        settings.senderName,
      );
      worker = new OutboxWorker({
        store: server.ctx.store,
        provider,
        clock: () => new Date(),
        log: createLogger({ level: 'silent' }),
        retry: settings.retry,
        pollMs: settings.worker.pollMilliseconds,
        batchSize: settings.worker.batchSize,
        leaseMs: settings.worker.leaseSeconds * 1000,
      });
      worker.start();
      return;
    }
    case 'outbox-stop':
      await worker?.stop();
      return send({ type: 'outbox-stopped' });
    case 'relay-send':
      for (let i = 0; i < message.count; i++) {
        await server.ctx.store.transaction(async (tx) =>
          tx.notify(RELAY_CHANNEL, String(process.hrtime.bigint())),
        );
        await new Promise((resolve) => setTimeout(resolve, message.gapMs));
      }
      return send({ type: 'relay-sent' });
    case 'relay-lags':
      return send({ type: 'relay-lags', lags: lags.splice(0) });
    case 'stop':
      await worker?.stop();
      await server.stop();
      send({ type: 'stopped' });
      process.disconnect();
  }
}

send({ type: 'ready', url: server.url, openMs });

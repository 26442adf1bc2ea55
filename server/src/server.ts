// Starts and stops a whole server: config → store → app → HTTP listener → background jobs.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { startAlerts } from './alerts/alerts.service.ts';
import { createApp } from './app.ts';
import { floorHub } from './floor/floor.routes.ts';
import { loadServerSecret } from './auth/server-secret.ts';
import { loadConfig, type AppConfig } from './config/load-config.ts';
import type { AppContext } from './context.ts';
import { createGuardedServer } from './http/slow-clients.ts';
import { createLogger } from './log/logger.ts';
import { instrumentSmsProvider } from './metrics/instrument-sms.ts';
import { instrumentStore } from './metrics/instrument-store.ts';
import { createMetrics } from './metrics/metrics.ts';
import { registerStateGauges } from './metrics/state-gauges.ts';
import { announcingOutbox } from './notification/outbox-channel.ts';
import { startOutboxWorker } from './notification/outbox-worker.ts';
import { startRebookingWorker } from './calendar/rebooking-worker.ts';
import { createSmsProvider } from './notification/sms-provider.ts';
import { seedStaffAccounts } from './staff/staff-accounts.service.ts';
import { StaffDirectory } from './staff/staff-directory.ts';
import { scheduleRetention } from './retention/retention-job.ts';
import { STATION_CHANNEL_PATH } from '@sportello/protocol';
import { createStationChannel } from './station-channel/station-channel.ts';
import { seedStationRegistry } from './station/station-registry.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { TurnCheck } from './video/turn-check.ts';
import { createVideoHub, type VideoHubOptions } from './video/video-hub.ts';
import type { TeamsGraph } from './video/teams/graph-client.ts';
import { startTeamsWorker } from './video/teams/teams-worker.ts';

/** Request headers are a few hundred bytes: a client still sending them after this is holding a socket. */
const HEADERS_TIMEOUT_MS = 5_000;
/** How long a stop waits for requests under way before closing their connections. */
const STOP_GRACE_MS = 5_000;

export interface StartOptions {
  configDir: string;
  /** Overrides config/server.json's port (0 picks a free one) and data directory. */
  port?: number;
  dataDir?: string;
  clock?: () => Date;
  log?: Logger;
  /** A store the caller opened instead of the one server.json names (tests: a PostgreSQL schema of their own). */
  store?: Store;
  /** How often the video hub renews this instance's liveness, and when a silent instance is dead (tests). */
  videoLiveness?: VideoHubOptions;
  /** Run the nightly retention job and the SMS outbox worker (off in tests that want a quiet store). */
  jobs?: boolean;
  /** Time a client has to send its request headers (default 5 s); tests shorten it. */
  headersTimeoutMs?: number;
  /** Overrides config/server.json's cap on one address's open connections. */
  maxConnectionsPerAddress?: number;
  /** Microsoft Graph for Teams meetings (tests: a client of the local stand-in); by default from teams.json. */
  teamsGraph?: TeamsGraph;
}

export interface RunningServer {
  url: string;
  ctx: AppContext;
  stop(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const config: AppConfig = await loadConfig(options.configDir);
  const log = options.log ?? createLogger();
  const dataDir = path.resolve(options.dataDir ?? config.server.dataDir);
  const clock = options.clock ?? (() => new Date());
  const metrics = createMetrics();
  // Timed here, once, so every service's reads and transactions are in the metrics; every message put in
  // the outbox is announced to the SMS workers of every instance, which wake at its due time.
  const store: Store = announcingOutbox(
    instrumentStore(
      options.store ?? (await openStore(config.server.store, { dataDir, now: clock, log })),
      metrics,
    ),
  );
  const sms = instrumentSmsProvider(createSmsProvider(config.notifications, clock), metrics);
  const ctx: AppContext = {
    config,
    store,
    clock,
    secret: await loadServerSecret(dataDir, config.server.store.kind === 'postgres'),
    log,
    sms,
    metrics,
  };
  registerStateGauges(ctx, metrics);
  await seedStaffAccounts(ctx);
  const staff = (ctx.staff = await StaffDirectory.open(store));
  // The first start fills the station registry from config/stations.json; the store is the source after.
  const seeded = await seedStationRegistry(ctx);
  if (seeded > 0) log.info({ stations: seeded }, 'station registry seeded from config/stations.json');

  const video = (ctx.video = createVideoHub(ctx, options.videoLiveness));
  await video.start();
  const stationChannel = (ctx.stationChannel = createStationChannel(ctx));

  // Told at start-up (and in /readyz) rather than found out in coturn's log after calls failed.
  const turn = new TurnCheck(config.video, log);
  turn.start();

  const server = createGuardedServer(createApp(ctx, { turn }), {
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? config.server.maxConnectionsPerAddress,
    headersTimeoutMs: options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
  });
  server.on('upgrade', (req, socket, head) => {
    // Stations' agents keep their channel here; everything else on upgrade is the video hub's /ws.
    if (new URL(req.url ?? '/', 'http://x').pathname === STATION_CHANNEL_PATH)
      stationChannel.handleUpgrade(req, socket, head);
    else video.handleUpgrade(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? config.server.port, config.server.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const stopJobs = options.jobs === false ? () => undefined : scheduleRetention(ctx);
  const outbox = options.jobs === false ? undefined : startOutboxWorker(ctx, sms);
  // Bookings displaced by a closure or absence: what a stopped server left is finished now.
  const rebooking = options.jobs === false ? undefined : startRebookingWorker(ctx);
  const alerts = options.jobs === false ? undefined : startAlerts(ctx);
  // Teams meetings of booked web meetings, made and kept in step with Graph (teams.json graph).
  const teams = options.jobs === false ? undefined : startTeamsWorker(ctx, options.teamsGraph);

  return {
    url: `http://${config.server.host}:${port}`,
    ctx,
    async stop() {
      stopJobs();
      turn.stop();
      await video.close();
      await stationChannel.close();
      floorHub(ctx).close();
      server.closeIdleConnections();
      // SMS already handed to the gateway are waited for, so none is sent twice after a restart.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A client that keeps asking on a connection it holds open would keep the server up: not past this.
      const deadline = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
      await Promise.all([outbox?.stop(), alerts?.stop(), rebooking?.stop(), teams?.stop(), closed]);
      clearTimeout(deadline);
      staff.close();
      await store.close();
    },
  };
}

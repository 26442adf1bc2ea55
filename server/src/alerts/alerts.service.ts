// Starts the alert engine and its mailer for a running server, and answers the console's list of alerts.
import type { AlertListResponse, AlertView, Station } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { AlertEngine } from './alert-engine.ts';
import type { MailContext } from './alert-mail.ts';
import { AlertMailer, smtpTransport, type MailTransport } from './alert-mailer.ts';

export interface RunningAlerts {
  engine: AlertEngine;
  /** Absent when server.alerts.mail is not configured. */
  mailer?: AlertMailer;
  stop(): Promise<void>;
}

/** The station's page in the staff console (the console opens `#<section>/<id>`). */
export const stationLink = (publicUrl: string, station: string): string =>
  new URL(`/console/#stations/${encodeURIComponent(station)}`, publicUrl).href;

/** The station registry: the store's, or the configuration's until the store has been seeded. */
async function stationsOf(ctx: AppContext): Promise<Station[]> {
  const stored = await ctx.store.read((r) => r.stations());
  return stored.length > 0 ? stored : ctx.config.stations;
}

async function mailContext(ctx: AppContext): Promise<MailContext> {
  const stations = new Map((await stationsOf(ctx)).map((s) => [s.id, s]));
  return {
    station: (id) => stations.get(id),
    sedeName: (id) => ctx.config.sedi.find((s) => s.id === id)?.name,
    stationLink: (id) => stationLink(ctx.config.server.publicUrl, id),
  };
}

/**
 * The engine looks at the fleet every `checkSeconds` and after heartbeats (through `ctx.alerts`); the
 * mailer, when mail is configured, goes after every change and on the same beat for retries.
 */
export function startAlerts(ctx: AppContext, options: { transport?: MailTransport } = {}): RunningAlerts {
  const settings = ctx.config.server.alerts;
  let mailer: AlertMailer | undefined;
  const kick = () =>
    void mailer?.run().catch((error: unknown) => ctx.log.error({ err: error }, 'alerts: mailer failed'));
  const engine = new AlertEngine({
    store: ctx.store,
    clock: ctx.clock,
    log: ctx.log,
    settings,
    configStations: () => ctx.config.stations,
    onChange: kick,
  });
  const transport = settings.mail ? (options.transport ?? smtpTransport(settings.mail)) : undefined;
  if (settings.mail && transport)
    mailer = new AlertMailer({
      store: ctx.store,
      transport,
      settings: settings.mail,
      clock: ctx.clock,
      log: ctx.log,
      context: () => mailContext(ctx),
    });
  else
    ctx.log.info(
      'alert e-mails are off: server.alerts.mail is not configured; alerts show in the console only',
    );
  ctx.alerts = engine;
  engine.start();
  const timer = setInterval(kick, settings.checkSeconds * 1000);
  timer.unref();
  kick();
  return {
    engine,
    ...(mailer && { mailer }),
    async stop() {
      clearInterval(timer);
      if (ctx.alerts === engine) delete ctx.alerts;
      await engine.stop();
      await mailer?.idle();
      transport?.close?.();
    },
  };
}

/** Open alerts, then those cleared in the last `hours`, each with its station's names. */
export async function listAlerts(ctx: AppContext, hours: number): Promise<AlertListResponse> {
  const now = ctx.clock();
  const since = new Date(now.getTime() - hours * 3_600_000).toISOString();
  const [alerts, stations] = await Promise.all([ctx.store.read((r) => r.alerts(since)), stationsOf(ctx)]);
  const byId = new Map(stations.map((s) => [s.id, s]));
  const views: AlertView[] = alerts.map((alert) => {
    const station = byId.get(alert.station);
    return {
      id: alert.id,
      station: alert.station,
      stationName: station?.name ?? alert.station,
      sede: station?.sede ?? null,
      comune: station?.comune ?? null,
      kind: alert.kind,
      detail: alert.detail ?? null,
      since: alert.since ?? alert.raisedAt,
      raisedAt: alert.raisedAt,
      clearedAt: alert.clearedAt ?? null,
      raisedMailedAt: alert.raisedMailedAt ?? null,
      clearedMailedAt: alert.clearedMailedAt ?? null,
    };
  });
  // Open ones first; within each group the newest first (the store's order).
  views.sort((a, b) => Number(a.clearedAt !== null) - Number(b.clearedAt !== null));
  return {
    alerts: views,
    open: views.filter((v) => v.clearedAt === null).length,
    clearedHours: hours,
    mail: ctx.config.server.alerts.mail !== undefined,
  };
}

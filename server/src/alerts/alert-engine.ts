// Raises and clears the technicians' alerts: looks at the fleet on a timer and at one station after its
// heartbeat, raises one alert per problem (offline, out of paper, a device fault or missing) and clears it
// by itself once the station has recovered.
//
// Each look is one store transaction that reads the open alerts and writes the changes, so two server
// instances looking at once never raise one problem twice: lowdb runs transactions one at a time; in
// PostgreSQL the transaction locks the station's open alerts first
//   SELECT * FROM alerts WHERE station = ANY($1) AND cleared_at IS NULL FOR UPDATE
// and a unique index on (station, kind, coalesce(detail, '')) WHERE cleared_at IS NULL turns a raced
// insert into a retry of the transaction.
import { randomUUID } from 'node:crypto';
import type { AlertSettings, DeviceHealth, Station } from '@sportello/protocol';
import type { Logger } from 'pino';
import type { StationAlert, StationStatus, Store, StoreTx } from '../store/store.ts';
import { problemKey, stationProblems, type StationProblem } from './station-problems.ts';

export interface AlertChanges {
  raised: StationAlert[];
  cleared: StationAlert[];
}

export interface AlertEngineOptions {
  store: Store;
  clock: () => Date;
  log: Logger;
  settings: Pick<AlertSettings, 'offlineMinutes' | 'checkSeconds'>;
  /** The registry to use while the store has none (config/stations.json until it is seeded). */
  configStations: () => Station[];
  /** Told after a look that raised or cleared something (the mailer wakes up). */
  onChange?: (changes: AlertChanges) => void;
}

/** The registry as the store has it (one station, or all), or the configuration's while the store has none. */
async function registry(tx: StoreTx, configStations: () => Station[], only?: string): Promise<Station[]> {
  if (only !== undefined) {
    const stored = await tx.station(only);
    if (stored) return [stored];
  }
  const stored = await tx.stations();
  const all = stored.length > 0 ? stored : configStations();
  return only === undefined ? all : all.filter((s) => s.id === only);
}

/**
 * One look at the given stations (every station without `only`), in one transaction: raises what is new,
 * clears what is over. Alerts of a station no longer in the registry are cleared.
 */
export async function evaluateAlerts(
  store: Store,
  options: {
    now: Date;
    offlineMinutes: number;
    configStations: () => Station[];
    only?: string;
    /** When this server started: silence before it is not counted. */
    listeningSince?: Date;
  },
): Promise<AlertChanges> {
  const { now, offlineMinutes, only, listeningSince } = options;
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    // A heartbeat's look reads only its station: at 10,000 stations a look at all of them per heartbeat
    // would make the warm-up after a restart quadratic.
    const stations = await registry(tx, options.configStations, only);
    const statuses = new Map<string, StationStatus>();
    const heard = only === undefined ? await tx.stationStatuses() : [await tx.stationStatus(only)];
    for (const status of heard) if (status) statuses.set(status.station, status);
    // Cleared after now: none, so this is every open alert.
    const open = (await tx.alerts(at, only)).filter((a) => !a.clearedAt);
    const changes: AlertChanges = { raised: [], cleared: [] };
    const clear = async (alert: StationAlert) => {
      const cleared = { ...alert, clearedAt: at };
      await tx.putAlert(cleared);
      changes.cleared.push(cleared);
    };

    for (const station of stations) {
      const status = statuses.get(station.id);
      const found = stationProblems(station, status, now, offlineMinutes, listeningSince);
      const openHere = open.filter((a) => a.station === station.id);
      const wanted: StationProblem[] =
        found === 'offline' ? [{ kind: 'offline', since: status!.lastHeartbeatAt }] : found;
      const wantedKeys = new Set(wanted.map(problemKey));
      for (const problem of wanted) {
        if (openHere.some((a) => problemKey(a) === problemKey(problem))) continue;
        const alert: StationAlert = {
          id: randomUUID(),
          station: station.id,
          kind: problem.kind,
          ...(problem.detail !== undefined && { detail: problem.detail }),
          raisedAt: at,
          since: problem.since ?? at,
        };
        await tx.putAlert(alert);
        changes.raised.push(alert);
      }
      for (const alert of openHere) {
        if (wantedKeys.has(problemKey(alert))) continue;
        // An offline station's devices are unknown: their alerts wait until it speaks again.
        if (found === 'offline' && alert.kind !== 'offline') continue;
        await clear(alert);
      }
    }
    if (!only) {
      const known = new Set(stations.map((s) => s.id));
      for (const alert of open) if (!known.has(alert.station)) await clear(alert);
    }
    return changes;
  });
}

/**
 * Runs the looks: the whole fleet every `checkSeconds`, and one station when its heartbeat may have changed
 * something. A heartbeat that says what the last one said, from a station with no open alert, costs no
 * transaction (this instance's memory; a look the timer makes catches anything it missed).
 */
export class AlertEngine {
  private timer: NodeJS.Timeout | undefined;
  private readonly lastDevices = new Map<string, string>();
  private stationsWithAlerts = new Set<string>();
  /** One look at a time in this process: a heartbeat's look waits for the fleet's. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly startedAt: Date;

  constructor(private readonly options: AlertEngineOptions) {
    this.startedAt = options.clock();
  }

  start(): void {
    if (this.timer) return;
    const every = this.options.settings.checkSeconds * 1000;
    this.timer = setInterval(() => void this.checkFleet().catch(() => undefined), every);
    this.timer.unref();
    void this.checkFleet().catch(() => undefined);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
  }

  /** Looks at every station. */
  checkFleet(): Promise<AlertChanges> {
    return this.look(undefined);
  }

  /** A station's heartbeat arrived (already stored) with these devices. */
  stationHeard(station: string, devices: DeviceHealth): Promise<AlertChanges | undefined> {
    const key = JSON.stringify(devices);
    const unchanged = this.lastDevices.get(station) === key;
    this.lastDevices.set(station, key);
    if (unchanged && !this.stationsWithAlerts.has(station)) return Promise.resolve(undefined);
    return this.look(station);
  }

  private look(only: string | undefined): Promise<AlertChanges> {
    const { store, clock, log, settings, configStations, onChange } = this.options;
    const run = this.queue.then(async () => {
      try {
        const changes = await evaluateAlerts(store, {
          now: clock(),
          offlineMinutes: settings.offlineMinutes,
          configStations,
          listeningSince: this.startedAt,
          ...(only !== undefined && { only }),
        });
        for (const alert of changes.raised) {
          this.stationsWithAlerts.add(alert.station);
          log.warn(
            { station: alert.station, kind: alert.kind, detail: alert.detail },
            'station alert raised',
          );
        }
        for (const alert of changes.cleared)
          log.info(
            { station: alert.station, kind: alert.kind, detail: alert.detail },
            'station alert cleared',
          );
        if (!only) await this.refreshOpenStations();
        if (changes.raised.length + changes.cleared.length > 0) onChange?.(changes);
        return changes;
      } catch (error) {
        log.error({ err: error, station: only }, 'alerts: could not look at the fleet');
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async refreshOpenStations(): Promise<void> {
    const at = this.options.clock().toISOString();
    const open = await this.options.store.read((r) => r.alerts(at));
    this.stationsWithAlerts = new Set(open.filter((a) => !a.clearedAt).map((a) => a.station));
  }
}

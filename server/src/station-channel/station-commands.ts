// What technicians send a station over its channel, and what comes back: remote self-test runs (queued,
// delivered, waiting for the kiosk to be idle, run, reported) and the settings pushed to the running kiosk.
// Each change notifies `station:<id>`, so the server instance that holds the station's socket delivers it.
import { randomUUID } from 'node:crypto';
import {
  SelfTestResult,
  StationSettings,
  type SelfTestFailure,
  type SelfTestRunView,
  type StationSettingsResponse,
} from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { putStationRecord } from '../station/station-registry.ts';
import type { SelfTestRun, StoreTx, StoredStation } from '../store/store.ts';

/** A run nobody picked up by then: the station is offline. */
export const QUEUED_EXPIRY_MS = 3 * 60_000;
/** Citizens kept the kiosk busy all this time: the technician may ask again later. */
export const WAITING_IDLE_EXPIRY_MS = 30 * 60_000;
/** Started but never answered: the agent stopped or lost its connection. */
export const RUNNING_EXPIRY_MS = 2 * 60_000;

/** What is told on `station:<id>`; the holder of the station's socket acts on it. */
export type StationNotice =
  | { kind: 'settings' }
  | { kind: 'self-test'; run: { id: string; print: boolean } }
  /** A connection opened on instance `instance`: any other connection of the station gives way. */
  | { kind: 'connected'; instance: string };

export const stationChannelName = (station: string) => `station:${station}`;

export function notifyStation(tx: Pick<StoreTx, 'notify'>, station: string, notice: StationNotice): void {
  tx.notify(stationChannelName(station), JSON.stringify(notice));
}

const active = (run: SelfTestRun) =>
  run.status === 'queued' || run.status === 'waiting-idle' || run.status === 'running';

/** The failure a still-active run has reached by `now`, if any. */
function staleFailure(run: SelfTestRun, now: number): SelfTestFailure | undefined {
  const age = now - Date.parse(run.requestedAt);
  if (run.status === 'queued' && age > QUEUED_EXPIRY_MS) return 'station-offline';
  if (run.status === 'waiting-idle' && age > WAITING_IDLE_EXPIRY_MS) return 'kiosk-busy';
  const running = now - Date.parse(run.startedAt ?? run.requestedAt);
  if (run.status === 'running' && running > RUNNING_EXPIRY_MS) return 'no-answer';
  return undefined;
}

/** Marks the station's runs that waited too long as failed, saying why; answers the station's runs. */
async function expireStale(tx: StoreTx, station: string, now: Date): Promise<SelfTestRun[]> {
  const runs = await tx.selfTestRuns(station);
  const result: SelfTestRun[] = [];
  for (const run of runs) {
    const failure = active(run) ? staleFailure(run, now.getTime()) : undefined;
    if (!failure) {
      result.push(run);
      continue;
    }
    const failed: SelfTestRun = { ...run, status: 'failed', error: failure, finishedAt: now.toISOString() };
    await tx.putSelfTestRun(failed);
    result.push(failed);
  }
  return result;
}

export function viewOf(run: SelfTestRun): SelfTestRunView {
  const parsed = run.result === undefined ? undefined : SelfTestResult.safeParse(run.result);
  const failure = run.status === 'failed' ? failureOf(run.error) : undefined;
  return {
    id: run.id,
    station: run.station,
    requestedBy: run.requestedBy,
    requestedAt: run.requestedAt,
    print: run.print,
    status: run.status,
    ...(run.finishedAt && { finishedAt: run.finishedAt }),
    ...(parsed?.success && { result: parsed.data }),
    ...(failure && { failure }),
    ...(failure === 'agent-error' && run.error && { message: run.error.replace(/^agent-error: /, '') }),
  };
}

function failureOf(error: string | undefined): SelfTestFailure {
  if (error === 'station-offline' || error === 'kiosk-busy' || error === 'no-answer') return error;
  return 'agent-error';
}

function requireStation(station: StoredStation | undefined, id: string): StoredStation {
  if (!station) throw ApiError.notFound(`station "${id}"`);
  return station;
}

export async function startSelfTest(
  ctx: AppContext,
  station: string,
  print: boolean,
  requestedBy: string,
): Promise<SelfTestRunView> {
  const now = ctx.clock();
  const run = await ctx.store.transaction(async (tx) => {
    requireStation(await tx.station(station), station);
    const current = (await expireStale(tx, station, now)).find(active);
    if (current)
      throw new ApiError(
        409,
        'self_test_in_progress',
        'a self-test of this station is already under way; wait for its result',
        undefined,
        { run: current.id },
      );
    const created: SelfTestRun = {
      id: randomUUID(),
      station,
      requestedBy,
      requestedAt: now.toISOString(),
      print,
      status: 'queued',
    };
    await tx.putSelfTestRun(created);
    notifyStation(tx, station, { kind: 'self-test', run: { id: created.id, print } });
    return created;
  });
  ctx.log.info({ station, run: run.id, print, requestedBy }, 'self-test requested');
  return viewOf(run);
}

export async function selfTestsOf(ctx: AppContext, station: string): Promise<SelfTestRunView[]> {
  const now = ctx.clock();
  // Expiring is a write: only when something is due, so that polling stays a read.
  const runs = await ctx.store.read(async (r) => {
    requireStation(await r.station(station), station);
    return r.selfTestRuns(station);
  });
  if (!runs.some((run) => active(run) && staleFailure(run, now.getTime()))) return runs.map(viewOf);
  return (await ctx.store.transaction((tx) => expireStale(tx, station, now))).map(viewOf);
}

/** The runs to hand a station whose channel just opened: every one still active and not stale. */
export async function pendingSelfTests(ctx: AppContext, station: string): Promise<SelfTestRun[]> {
  const now = ctx.clock();
  // A fleet reconnecting after a restart reads; only a station with a stale run writes.
  const runs = await ctx.store.read((r) => r.selfTestRuns(station));
  if (!runs.some((run) => active(run) && staleFailure(run, now.getTime()))) return runs.filter(active);
  return ctx.store.transaction(async (tx) => (await expireStale(tx, station, now)).filter(active));
}

/** What the station's agent reported about a run; a report on another station's run or a finished one is dropped. */
export async function recordSelfTestReport(
  ctx: AppContext,
  station: string,
  id: string,
  report:
    | { status: 'waiting-idle' | 'running' }
    | { status: 'done'; result: SelfTestResult }
    | { status: 'failed'; message: string },
): Promise<boolean> {
  const now = ctx.clock().toISOString();
  return ctx.store.transaction(async (tx) => {
    const run = await tx.selfTestRun(id);
    if (!run || run.station !== station || !active(run)) return false;
    let next: SelfTestRun;
    if (report.status === 'done') next = { ...run, status: 'done', result: report.result, finishedAt: now };
    else if (report.status === 'failed')
      next = { ...run, status: 'failed', error: `agent-error: ${report.message}`, finishedAt: now };
    else if (report.status === 'running') next = { ...run, status: 'running', startedAt: now };
    else next = { ...run, status: report.status };
    await tx.putSelfTestRun(next);
    return true;
  });
}

// ---- settings ----

export async function settingsOf(ctx: AppContext, id: string): Promise<StationSettingsResponse> {
  const station = requireStation(await ctx.store.read((r) => r.station(id)), id);
  return {
    station: id,
    settings: station.settings ?? {},
    updatedAt: station.settings ? (station.settingsUpdatedAt ?? station.updatedAt) : null,
  };
}

/** Replaces a station's settings (an empty object puts every default back) and pushes them to it. */
export async function putSettings(
  ctx: AppContext,
  id: string,
  settings: StationSettings,
  by: string,
): Promise<StationSettingsResponse> {
  settings.services?.forEach((service, index) => {
    if (!ctx.config.services.some((s) => s.id === service))
      throw ApiError.field(`services.${index}`, `no service "${service}" in the catalog`);
  });
  if (settings.services && new Set(settings.services).size !== settings.services.length)
    throw ApiError.field('services', 'a service is listed twice');
  if (settings.languages && new Set(settings.languages).size !== settings.languages.length)
    throw ApiError.field('languages', 'a language is listed twice');
  // Italian is always offered: the kiosk's own words are Italian first.
  const normalized: StationSettings = {
    ...settings,
    ...(settings.languages && !settings.languages.includes('it')
      ? { languages: ['it', ...settings.languages] }
      : {}),
  };
  const now = ctx.clock().toISOString();
  await ctx.store.transaction(async (tx) => {
    const station = requireStation(await tx.station(id), id);
    await putStationRecord(
      tx,
      { ...station, settings: normalized, settingsUpdatedAt: now, updatedAt: now },
      'updated',
    );
    notifyStation(tx, id, { kind: 'settings' });
  });
  ctx.log.info({ station: id, by, settings: Object.keys(normalized) }, 'station settings pushed');
  return { station: id, settings: normalized, updatedAt: now };
}

/** The settings a station's channel sends on (re)connection and after every change. */
export async function currentSettings(ctx: AppContext, id: string): Promise<StationSettings> {
  return (await ctx.store.read((r) => r.station(id)))?.settings ?? {};
}

// Stations: the registry (create, move, rename, edit), one-time enrolment codes, credentials (only hashes
// kept; revoked at once), heartbeats and the fleet's health.
import { randomInt } from 'node:crypto';
import {
  CURRENT_AGENT_VERSION,
  type CreateStationBody,
  type EnrolBody,
  type EnrolResponse,
  type EnrolmentCodeResponse,
  type HeartbeatBody,
  type Station,
  type StationHealth,
  type StationListQuery,
  type StationListResponse,
  type UpdateStationBody,
} from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { hashToken, newToken, STATION_TOKEN_PREFIX } from '../auth/tokens.ts';
import type { StoredStation } from '../store/store.ts';
import { agentIsOutdated, newestAgentVersion, stationHealth } from './fleet-health.ts';
import { allStations, announce, publicStation, putStationRecord, stationById } from './station-registry.ts';

// Unambiguous when read off a screen and typed on a station keyboard.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

const normalize = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

async function requireStation(ctx: AppContext, id: string): Promise<Readonly<StoredStation>> {
  const station = await stationById(ctx, id);
  if (!station) throw ApiError.notFound(`station "${id}"`);
  return station;
}

function requireSede(ctx: AppContext, sede: string): void {
  if (!ctx.config.sedi.some((s) => s.id === sede)) throw ApiError.field('sede', `there is no sede "${sede}"`);
}

/** "Sant'Angelo Lodigiano" → "sant-angelo-lodigiano": an id's letters, digits and dashes. */
export function slugOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The comune and what kind of place, e.g. "adria-municipio"; "-2", "-3", … when taken. */
function derivedId(body: { comune: string; kind: Station['kind'] }, taken: (id: string) => boolean): string {
  const base = `${slugOf(body.comune).slice(0, 28) || 'stazione'}-${body.kind === 'municipal' ? 'municipio' : 'accoglienza'}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createStation(
  ctx: AppContext,
  body: CreateStationBody & { devices: NonNullable<CreateStationBody['devices']> },
  createdBy: string,
): Promise<Station> {
  requireSede(ctx, body.sede);
  const now = ctx.clock().toISOString();
  const station = await ctx.store.transaction(async (tx) => {
    const taken = new Set((await tx.stations()).map((s) => s.id));
    if (body.id !== undefined && taken.has(body.id))
      throw new ApiError(409, 'station_exists', `id: there is already a station "${body.id}"`, [
        { path: 'id', message: `there is already a station "${body.id}"` },
      ]);
    const record: StoredStation = {
      id: body.id ?? derivedId(body, (id) => taken.has(id)),
      name: body.name,
      kind: body.kind,
      host: body.host,
      address: body.address,
      sede: body.sede,
      comune: body.comune,
      devices: [...new Set(body.devices)],
      createdAt: now,
      updatedAt: now,
    };
    await putStationRecord(tx, record, 'created');
    return record;
  });
  ctx.log.info({ station: station.id, sede: station.sede, createdBy }, 'station created');
  return publicStation(station);
}

/** Renames, moves to another sede, or edits a station's place and expected devices; pushed settings stay. */
export async function updateStation(
  ctx: AppContext,
  id: string,
  body: UpdateStationBody,
  updatedBy: string,
): Promise<Station> {
  if (body.sede !== undefined) requireSede(ctx, body.sede);
  const station = await ctx.store.transaction(async (tx) => {
    const stored = await tx.station(id);
    if (!stored) throw ApiError.notFound(`station "${id}"`);
    const defined = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    const record: StoredStation = { ...stored, ...defined, updatedAt: ctx.clock().toISOString() };
    if (body.devices) record.devices = [...new Set(body.devices)];
    await putStationRecord(tx, record, 'updated');
    return record;
  });
  ctx.log.info({ station: id, changed: Object.keys(body), updatedBy }, 'station updated');
  return publicStation(station);
}

/**
 * Revokes a station's credential: its agent is refused from its next request on (the token no longer
 * resolves). Answers whether it had one. The `stations` channel says so, for whoever holds the station's
 * open connections.
 */
export async function revokeStation(ctx: AppContext, id: string, revokedBy: string): Promise<boolean> {
  await requireStation(ctx, id);
  const revoked = await ctx.store.transaction(async (tx) => {
    const had = await tx.deleteStationCredential(id);
    if (had) announce(tx, { station: id, change: 'revoked' });
    return had;
  });
  ctx.log.info({ station: id, revokedBy, revoked }, 'station credential revoked');
  return revoked;
}

export async function createEnrolmentCode(
  ctx: AppContext,
  stationId: string,
  createdBy: string,
): Promise<EnrolmentCodeResponse> {
  await requireStation(ctx, stationId);
  const code = newEnrolmentCode();
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.config.server.enrolmentCodeMinutes * 60_000).toISOString();
  await ctx.store.transaction((tx) =>
    tx.putEnrolmentCode({
      codeHash: hashToken(normalize(code)),
      station: stationId,
      createdBy,
      createdAt: now.toISOString(),
      expiresAt,
    }),
  );
  ctx.log.info({ station: stationId, createdBy }, 'enrolment code created');
  return { station: stationId, code, expiresAt };
}

/** Exchanges a one-time code for the station's credential; a used or expired code says so. */
export async function enrol(ctx: AppContext, body: EnrolBody): Promise<EnrolResponse> {
  const now = ctx.clock().toISOString();
  const token = newToken(STATION_TOKEN_PREFIX);
  const station = await ctx.store.transaction(async (tx) => {
    const code = await tx.enrolmentCode(hashToken(normalize(body.code)));
    if (!code)
      throw new ApiError(
        404,
        'unknown_code',
        'this enrolment code does not exist; check it or ask for a new one',
      );
    if (code.usedAt)
      throw new ApiError(410, 'code_used', 'this enrolment code has already been used; ask for a new one');
    if (code.expiresAt <= now)
      throw new ApiError(410, 'code_expired', 'this enrolment code has expired; ask for a new one');
    const record = await tx.station(code.station);
    if (!record) throw new ApiError(410, 'station_removed', 'this station is no longer in the registry');
    await tx.putEnrolmentCode({ ...code, usedAt: now });
    await tx.putStationCredential({ station: code.station, tokenHash: hashToken(token), issuedAt: now });
    announce(tx, { station: code.station, change: 'enrolled' });
    return record;
  });
  ctx.log.info({ station: station.id, agentVersion: body.agentVersion }, 'station enrolled');
  return { station: publicStation(station), token };
}

export async function recordHeartbeat(ctx: AppContext, station: string, body: HeartbeatBody): Promise<void> {
  await ctx.store.transaction((tx) =>
    tx.putStationStatus({ station, lastHeartbeatAt: ctx.clock().toISOString(), ...body }),
  );
  // Out of paper, a device back: the alert engine looks at once (it logs its own failures).
  void ctx.alerts?.stationHeard(station, body.devices).catch(() => undefined);
}

/** The calling station's own record. */
export async function ownStation(ctx: AppContext, id: string): Promise<Station> {
  return publicStation(await requireStation(ctx, id));
}

/** Everything the fleet view needs, read once for the whole fleet (four reads, whatever its size). */
async function fleetSnapshot(ctx: AppContext) {
  const [stations, [statuses, credentials, selfTests]] = await Promise.all([
    allStations(ctx),
    ctx.store.read((r) => Promise.all([r.stationStatuses(), r.stationCredentials(), r.latestSelfTestRuns()])),
  ]);
  const newest = newestAgentVersion([CURRENT_AGENT_VERSION, ...statuses.map((s) => s.agentVersion)]);
  const statusOf = new Map(statuses.map((s) => [s.station, s]));
  const enrolled = new Set(credentials.map((c) => c.station));
  const selfTestOf = new Map(selfTests.map((r) => [r.station, r]));
  const now = ctx.clock();
  const offlineMs = ctx.config.server.stationOfflineSeconds * 1000;
  const health = (station: Readonly<StoredStation>): StationHealth =>
    stationHealth({
      station: publicStation(station),
      status: statusOf.get(station.id),
      enrolled: enrolled.has(station.id),
      lastSelfTest: selfTestOf.get(station.id),
      now,
      offlineMs,
      outdated: (version) => agentIsOutdated(version, newest),
    });
  return { stations, health, newest };
}

const matches = (station: Station, words: string[]) => {
  const text = slugOf(
    [station.id, station.name, station.comune ?? '', station.host, station.address].join(' '),
  );
  return words.every((word) => text.includes(word));
};

export async function fleetHealth(
  ctx: AppContext,
  query: StationListQuery = {},
): Promise<StationListResponse> {
  const { stations, health, newest } = await fleetSnapshot(ctx);
  const all = stations.map(health);
  const counts = {
    total: all.length,
    offline: all.filter((h) => !h.online).length,
    deviceProblem: all.filter((h) => h.problems.length > 0).length,
    oldAgent: all.filter((h) => h.agentOutdated).length,
  };
  const words = query.q ? slugOf(query.q).split('-').filter(Boolean) : [];
  const shown = all.filter(
    (h) =>
      (query.sede === undefined || h.station.sede === query.sede) &&
      (query.filter !== 'offline' || !h.online) &&
      (query.filter !== 'device-problem' || h.problems.length > 0) &&
      (query.filter !== 'old-agent' || h.agentOutdated) &&
      matches(h.station, words),
  );
  const byPlace = (a: StationHealth, b: StationHealth) =>
    a.station.sede.localeCompare(b.station.sede) ||
    (a.station.comune ?? '').localeCompare(b.station.comune ?? '') ||
    a.station.name.localeCompare(b.station.name) ||
    a.station.id.localeCompare(b.station.id);
  shown.sort(byPlace);
  return {
    stations: query.limit === undefined ? shown : shown.slice(0, query.limit),
    matched: shown.length,
    newestAgentVersion: newest,
    counts,
  };
}

export async function stationDetail(ctx: AppContext, id: string) {
  await requireStation(ctx, id);
  const { stations, health, newest } = await fleetSnapshot(ctx);
  const station = stations.find((s) => s.id === id);
  if (!station) throw ApiError.notFound(`station "${id}"`);
  return { health: health(station), newestAgentVersion: newest };
}

// Stations: one-time enrolment codes, credentials (only hashes kept), heartbeats and the fleet's health.
import { randomInt } from 'node:crypto';
import type {
  EnrolBody,
  EnrolResponse,
  EnrolmentCodeResponse,
  HeartbeatBody,
  StationHealth,
} from '@sportello/protocol';
import { stationOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { hashToken, newToken, STATION_TOKEN_PREFIX } from '../auth/tokens.ts';

// Unambiguous when read off a screen and typed on a station keyboard.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

const normalize = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

export async function createEnrolmentCode(
  ctx: AppContext,
  stationId: string,
  createdBy: string,
): Promise<EnrolmentCodeResponse> {
  if (!stationOf(ctx.config, stationId)) throw ApiError.notFound(`station "${stationId}"`);
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
  const stationId = await ctx.store.transaction(async (tx) => {
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
    await tx.putEnrolmentCode({ ...code, usedAt: now });
    await tx.putStationCredential({ station: code.station, tokenHash: hashToken(token), issuedAt: now });
    return code.station;
  });
  const station = stationOf(ctx.config, stationId);
  if (!station)
    throw new ApiError(410, 'station_removed', 'this station no longer exists in the configuration');
  ctx.log.info({ station: stationId, agentVersion: body.agentVersion }, 'station enrolled');
  return { station, token };
}

export async function recordHeartbeat(ctx: AppContext, station: string, body: HeartbeatBody): Promise<void> {
  await ctx.store.transaction((tx) =>
    tx.putStationStatus({ station, lastHeartbeatAt: ctx.clock().toISOString(), ...body }),
  );
  // Out of paper, a device back: the alert engine looks at once (it logs its own failures).
  void ctx.alerts?.stationHeard(station, body.devices).catch(() => undefined);
}

export async function fleetHealth(ctx: AppContext): Promise<StationHealth[]> {
  const statuses = await ctx.store.read((r) => r.stationStatuses());
  const offlineBefore = ctx.clock().getTime() - ctx.config.server.stationOfflineSeconds * 1000;
  return ctx.config.stations.map((station) => {
    const status = statuses.find((s) => s.station === station.id);
    return {
      station,
      online: status !== undefined && Date.parse(status.lastHeartbeatAt) > offlineBefore,
      lastHeartbeatAt: status?.lastHeartbeatAt ?? null,
      agentVersion: status?.agentVersion ?? null,
      uptimeSeconds: status?.uptimeSeconds ?? null,
      devices: status?.devices ?? null,
    };
  });
}

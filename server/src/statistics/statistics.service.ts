// Kiosk session reports in, KPIs out. Days before today are rolled up once (stored with their version)
// and reused; today is computed live from its records, since it is still changing.
import type {
  KioskSessionReport,
  StatisticsChannel,
  StatisticsDimension,
  StatisticsPeriod,
  StatisticsResponse,
} from '@sportello/protocol';
import { DateTime } from 'luxon';
import pLimit from 'p-limit';
import { sedeOf, serviceOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import { DuplicateKeyError, type DayStatsRollup, type StoreReader } from '../store/store.ts';
import { groupOf } from '../video/matching.ts';
import { ROLLUP_VERSION, rollUpDay, type DayRollup } from './day-rollup.ts';
import { computeKpis, type SedeDayRollup } from './kpi.ts';

const ZONE = 'Europe/Rome';
/** Past days rolled up at once when they are missing: each reads four small partitions. */
const ROLLUP_CONCURRENCY = 8;

/** Files the kiosk's report of an ended session; the station's sede and the server's clock date it. */
export async function recordKioskSession(
  ctx: AppContext,
  report: KioskSessionReport,
  principal: Principal,
): Promise<{ duplicate: boolean }> {
  if (principal.kind !== 'station')
    throw new ApiError(403, 'not_a_station', 'only a station reports sessions');
  if (report.service) serviceOf(ctx.config, report.service);
  const now = ctx.clock();
  const endedAt = now.toISOString();
  const startedAt = new Date(now.getTime() - report.durationSeconds * 1000).toISOString();
  try {
    await ctx.store.transaction(async (tx) => {
      // The registry (moved, renamed stations) first; the configuration's list for stations not yet in it.
      const station =
        (await tx.station(principal.station)) ?? ctx.config.stations.find((s) => s.id === principal.station);
      if (!station) throw new ApiError(403, 'unknown_station', 'this station is not registered');
      await tx.appendKioskSession({
        id: report.id,
        station: principal.station,
        sede: station.sede,
        startedAt,
        endedAt,
        language: report.language,
        identification: report.identification,
        outcome: report.outcome,
        ...(report.service && { service: report.service }),
        ...(report.rating && { rating: report.rating }),
      });
    });
    return { duplicate: false };
  } catch (error) {
    // The kiosk sent it again (its answer was lost): it is already counted.
    if (error instanceof DuplicateKeyError) return { duplicate: true };
    throw error;
  }
}

export interface StatisticsInput {
  sede?: string;
  from: string;
  to: string;
  period: StatisticsPeriod;
  by: StatisticsDimension;
  sector?: string;
  service?: string;
  channel?: StatisticsChannel;
}

/** The sedi this person may see that the query asks for. */
function sediFor(ctx: AppContext, principal: Principal, wanted: string | undefined): string[] {
  const own = principal.kind === 'staff' ? principal.sede : undefined;
  if (wanted) {
    const sede = sedeOf(ctx.config, wanted, 'query.sede');
    if (own && own !== sede.id)
      throw new ApiError(403, 'wrong_sede', 'this account sees the statistics of its own sede only');
    return [sede.id];
  }
  return own ? [own] : ctx.config.sedi.map((s) => s.id);
}

export async function statistics(
  ctx: AppContext,
  input: StatisticsInput,
  principal: Principal,
): Promise<StatisticsResponse> {
  const sedi = sediFor(ctx, principal, input.sede);
  if (input.sector && !ctx.config.sectors.some((s) => s.id === input.sector))
    throw ApiError.field('query.sector', `there is no sector "${input.sector}"`);
  if (input.service) serviceOf(ctx.config, input.service, 'query.service');
  const days: SedeDayRollup[] = [];
  for (const sede of sedi) days.push(...(await rollupsOf(ctx, sede, input.from, input.to)));
  const kpis = computeKpis(days, input);
  return {
    from: input.from,
    to: input.to,
    period: input.period,
    by: input.by,
    sedi,
    filters: {
      ...(input.sector && { sector: input.sector }),
      ...(input.service && { service: input.service }),
      ...(input.channel && { channel: input.channel }),
    },
    ...kpis,
  };
}

/**
 * The rollups of a sede's days from `from` to `to`: stored ones of the current version as they are, missing
 * past days computed and stored (one transaction), today computed and not stored, days to come left out.
 */
export async function rollupsOf(
  ctx: AppContext,
  sede: string,
  from: string,
  to: string,
): Promise<SedeDayRollup[]> {
  const today = DateTime.fromJSDate(ctx.clock(), { zone: ZONE }).toISODate()!;
  const last = to < today ? to : today;
  if (last < from) return [];
  const stored = await ctx.store.read((r) => r.dayStats(sede, from, last));
  const known = new Map(
    stored
      .filter((s) => s.version === ROLLUP_VERSION && s.day < today)
      .map((s) => [s.day, s.stats as DayRollup]),
  );
  const missing = daysBetween(from, last).filter((day) => !known.has(day));
  const limit = pLimit(ROLLUP_CONCURRENCY);
  const computed = await ctx.store.read((reader) =>
    Promise.all(
      missing.map((day) => limit(async () => ({ day, rollup: await computeDay(ctx, reader, sede, day) }))),
    ),
  );
  const computedAt = ctx.clock().toISOString();
  const toStore: DayStatsRollup[] = computed
    .filter(({ day }) => day < today)
    .map(({ day, rollup }) => ({ sede, day, version: ROLLUP_VERSION, computedAt, stats: rollup }));
  if (toStore.length > 0)
    await ctx.store.transaction(async (tx) => {
      for (const rollup of toStore) await tx.putDayStats(rollup);
    });
  for (const { day, rollup } of computed) known.set(day, rollup);
  return [...known.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, rollup]) => ({ sede, day, rollup }));
}

async function computeDay(
  ctx: AppContext,
  reader: StoreReader,
  sede: string,
  day: string,
): Promise<DayRollup> {
  const group = groupOf(ctx.config, sede);
  const [tickets, bookings, calls, exits, sessions] = await Promise.all([
    reader.ticketsOfDay(sede, day),
    reader.bookingsOfDay(sede, day),
    reader.callRecordsOfDay(group, day),
    reader.videoQueueExitsOfDay(group, day),
    reader.kioskSessionsOfDay(sede, day),
  ]);
  return rollUpDay(
    sede,
    { tickets, bookings, calls, exits, sessions },
    (service) => ctx.config.services.find((s) => s.id === service)?.sector,
  );
}

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'utc' }); d.toISODate()! <= to; d = d.plus({ days: 1 }))
    days.push(d.toISODate()!);
  return days;
}

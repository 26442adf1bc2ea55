// The manager's KPIs from day rollups: rows per period (day, ISO week, month) and per channel, sede, sector
// or service, filtered by sector, service and channel. Durations of every day of a period are merged before
// the median and 90th percentile are taken, so a month's median is the median of the month's waits.
import {
  callOutcomes,
  kioskIdentifications,
  kioskOutcomes,
  languages,
  statisticsChannels,
  type KioskStatistics,
  type StatisticsChannel,
  type StatisticsDimension,
  type StatisticsGroup,
  type StatisticsPeriod,
} from '@sportello/protocol';
import { DateTime } from 'luxon';
import type { DayRollup, KioskCell, RollupCell } from './day-rollup.ts';
import { summarize } from './durations.ts';

export interface SedeDayRollup {
  sede: string;
  day: string;
  rollup: DayRollup;
}

export interface KpiQuery {
  from: string;
  to: string;
  period: StatisticsPeriod;
  by: StatisticsDimension;
  sector?: string;
  service?: string;
  channel?: StatisticsChannel;
}

export interface Kpis {
  groups: StatisticsGroup[];
  totals: StatisticsGroup[];
  overall: StatisticsGroup[];
  overallTotal: StatisticsGroup;
  kiosk: KioskStatistics[];
  kioskTotal: KioskStatistics;
}

/** The first day of the period holding `day`: itself, its week's Monday, or its month's 1st. */
export function periodStart(day: string, period: StatisticsPeriod): string {
  if (period === 'day') return day;
  return DateTime.fromISO(day, { zone: 'utc' })
    .startOf(period === 'week' ? 'week' : 'month')
    .toISODate()!;
}

/** The period's last day, cut at `to`. */
function periodEnd(start: string, period: StatisticsPeriod, to: string): string {
  if (period === 'day') return start;
  const end = DateTime.fromISO(start, { zone: 'utc' })
    .endOf(period === 'week' ? 'week' : 'month')
    .toISODate()!;
  return end < to ? end : to;
}

/** Merges cells into one growing sum; durations are concatenated, never averaged. */
interface Sum {
  arrivals: number;
  waits: number[];
  serviceTimes: number[];
  abandoned: number;
  noShows: number;
  callbacksDue: number;
  callbacksReached: number;
  callbackAttempts: number;
  calls: number;
  mediaFailed: number;
  outcomes: Record<string, number>;
}

const emptySum = (): Sum => ({
  arrivals: 0,
  waits: [],
  serviceTimes: [],
  abandoned: 0,
  noShows: 0,
  callbacksDue: 0,
  callbacksReached: 0,
  callbackAttempts: 0,
  calls: 0,
  mediaFailed: 0,
  outcomes: {},
});

function add(sum: Sum, cell: RollupCell): void {
  sum.arrivals += cell.arrivals;
  for (const w of cell.waits) sum.waits.push(w);
  for (const s of cell.serviceTimes) sum.serviceTimes.push(s);
  sum.abandoned += cell.abandoned;
  sum.noShows += cell.noShows;
  sum.callbacksDue += cell.callbacksDue;
  sum.callbacksReached += cell.callbacksReached;
  sum.callbackAttempts += cell.callbackAttempts;
  sum.calls += cell.calls;
  sum.mediaFailed += cell.mediaFailed;
  for (const [outcome, n] of Object.entries(cell.outcomes))
    sum.outcomes[outcome] = (sum.outcomes[outcome] ?? 0) + n;
}

function group(period: string, end: string, key: string, sum: Sum): StatisticsGroup {
  return {
    period,
    periodEnd: end,
    key,
    arrivals: sum.arrivals,
    wait: summarize(sum.waits),
    service: summarize(sum.serviceTimes),
    abandoned: sum.abandoned,
    noShows: sum.noShows,
    callbacks: { due: sum.callbacksDue, reached: sum.callbacksReached, attempts: sum.callbackAttempts },
    video: {
      calls: sum.calls,
      mediaFailed: sum.mediaFailed,
      outcomes: Object.fromEntries(
        callOutcomes.map((o) => [o, sum.outcomes[o] ?? 0]),
      ) as StatisticsGroup['video']['outcomes'],
    },
  };
}

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function emptyKiosk(period: string, end: string): KioskStatistics {
  return {
    period,
    periodEnd: end,
    sessions: 0,
    byLanguage: zeroes(languages),
    byIdentification: zeroes(kioskIdentifications),
    byOutcome: zeroes(kioskOutcomes),
    ratings: [0, 0, 0, 0, 0],
    ratingMean: null,
  };
}

function addKiosk(stats: KioskStatistics, cell: KioskCell): void {
  stats.sessions += cell.sessions;
  stats.byLanguage[cell.language] += cell.sessions;
  stats.byIdentification[cell.identification] += cell.sessions;
  stats.byOutcome[cell.outcome] += cell.sessions;
  cell.ratings.forEach((n, i) => (stats.ratings[i]! += n));
}

function withMean(stats: KioskStatistics): KioskStatistics {
  const given = stats.ratings.reduce((a, b) => a + b, 0);
  const points = stats.ratings.reduce((a, n, i) => a + n * (i + 1), 0);
  return { ...stats, ratingMean: given ? points / given : null };
}

function keyOf(by: StatisticsDimension, sede: string, cell: RollupCell): string {
  switch (by) {
    case 'channel':
      return cell.channel;
    case 'sede':
      return sede;
    case 'sector':
      return cell.sector;
    case 'service':
      return cell.service;
  }
}

/** Channels in the order people think of them (walk-in first); other keys alphabetically. */
function keyOrder(by: StatisticsDimension): (a: string, b: string) => number {
  if (by !== 'channel') return (a, b) => a.localeCompare(b);
  const rank = (k: string) => statisticsChannels.indexOf(k as StatisticsChannel);
  return (a, b) => rank(a) - rank(b);
}

/** The key of rows that count every channel, sede, sector or service together. */
export const ALL = '*';

export function computeKpis(days: readonly SedeDayRollup[], q: KpiQuery): Kpis {
  const keep = (cell: RollupCell) =>
    (!q.sector || cell.sector === q.sector) &&
    (!q.service || cell.service === q.service) &&
    (!q.channel || cell.channel === q.channel);
  const keepKiosk = (cell: KioskCell) =>
    (!q.sector || cell.sector === q.sector) && (!q.service || cell.service === q.service);

  const byPeriod = new Map<string, Map<string, Sum>>();
  const total = new Map<string, Sum>();
  const overallByPeriod = new Map<string, Sum>();
  const overallTotal = emptySum();
  const kioskByPeriod = new Map<string, KioskStatistics>();
  const kioskTotal = emptyKiosk(q.from, q.to);
  const clamp = (start: string) => (start < q.from ? q.from : start);

  for (const { sede, day, rollup } of days) {
    if (day < q.from || day > q.to) continue;
    const period = clamp(periodStart(day, q.period));
    for (const cell of rollup.cells) {
      if (!keep(cell)) continue;
      const key = keyOf(q.by, sede, cell);
      let sums = byPeriod.get(period);
      if (!sums) byPeriod.set(period, (sums = new Map()));
      if (!sums.has(key)) sums.set(key, emptySum());
      add(sums.get(key)!, cell);
      if (!total.has(key)) total.set(key, emptySum());
      add(total.get(key)!, cell);
      if (!overallByPeriod.has(period)) overallByPeriod.set(period, emptySum());
      add(overallByPeriod.get(period)!, cell);
      add(overallTotal, cell);
    }
    for (const cell of rollup.kiosk) {
      if (!keepKiosk(cell)) continue;
      let stats = kioskByPeriod.get(period);
      if (!stats) kioskByPeriod.set(period, (stats = emptyKiosk(period, periodEnd(period, q.period, q.to))));
      addKiosk(stats, cell);
      addKiosk(kioskTotal, cell);
    }
  }

  const order = keyOrder(q.by);
  const periods = [...byPeriod.keys()].sort();
  const groups = periods.flatMap((period) =>
    [...byPeriod.get(period)!.entries()]
      .sort(([a], [b]) => order(a, b))
      .map(([key, sum]) => group(period, periodEnd(period, q.period, q.to), key, sum)),
  );
  const totals = [...total.entries()]
    .sort(([a], [b]) => order(a, b))
    .map(([key, sum]) => group(q.from, q.to, key, sum));
  const kiosk = [...kioskByPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)).map(withMean);
  const overall = periods.map((period) =>
    group(period, periodEnd(period, q.period, q.to), ALL, overallByPeriod.get(period)!),
  );
  return {
    groups,
    totals,
    overall,
    overallTotal: group(q.from, q.to, ALL, overallTotal),
    kiosk,
    kioskTotal: withMean(kioskTotal),
  };
}

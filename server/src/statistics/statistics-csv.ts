// The KPIs as a spreadsheet: one row per period and channel (sede, sector, service), or per period for the
// kiosk sessions. Written for Excel in Italian: UTF-8 with a BOM, ";" between fields, "," in decimals,
// minutes rather than seconds.
import {
  callOutcomes,
  kioskIdentifications,
  kioskOutcomes,
  languages,
  type DurationSummary,
  type StatisticsDimension,
  type StatisticsResponse,
} from '@sportello/protocol';
import { stringify } from 'csv-stringify/sync';

const dimensionHeader: Record<StatisticsDimension, string> = {
  channel: 'Canale',
  sede: 'Sede',
  sector: 'Settore',
  service: 'Servizio',
};

/** Minutes with one decimal and an Italian comma; empty when nothing was measured. */
export function minutes(seconds: number | null): string {
  return seconds === null ? '' : (seconds / 60).toFixed(1).replace('.', ',');
}

const ratio = (n: number, of: number) => (of === 0 ? '' : ((100 * n) / of).toFixed(1).replace('.', ','));

const durationColumns = (d: DurationSummary) => [d.count, minutes(d.medianSeconds), minutes(d.p90Seconds)];

export function kpiCsv(stats: StatisticsResponse): string {
  const header = [
    'Inizio periodo',
    'Fine periodo',
    dimensionHeader[stats.by],
    'Arrivi',
    'Attese misurate',
    'Attesa mediana (min)',
    'Attesa 90° percentile (min)',
    'Servizi misurati',
    'Durata mediana del servizio (min)',
    'Durata del servizio 90° percentile (min)',
    'Abbandoni',
    'Mancate presentazioni',
    'Richiamate dovute',
    'Richiamate riuscite',
    'Richiamate riuscite (%)',
    'Tentativi di richiamata',
    'Videochiamate',
    'Videochiamate fallite (audio/video)',
    'Videochiamate fallite (%)',
    ...callOutcomes.map((o) => `Esito: ${o}`),
  ];
  const rows = stats.groups.map((g) => [
    g.period,
    g.periodEnd,
    g.key,
    g.arrivals,
    ...durationColumns(g.wait),
    ...durationColumns(g.service),
    g.abandoned,
    g.noShows,
    g.callbacks.due,
    g.callbacks.reached,
    ratio(g.callbacks.reached, g.callbacks.due),
    g.callbacks.attempts,
    g.video.calls,
    g.video.mediaFailed,
    ratio(g.video.mediaFailed, g.video.calls),
    ...callOutcomes.map((o) => g.video.outcomes[o]),
  ]);
  return write([header, ...rows]);
}

export function kioskCsv(stats: StatisticsResponse): string {
  const header = [
    'Inizio periodo',
    'Fine periodo',
    'Sessioni',
    ...languages.map((l) => `Lingua: ${l}`),
    ...kioskIdentifications.map((i) => `Identificazione: ${i}`),
    ...kioskOutcomes.map((o) => `Esito: ${o}`),
    ...[1, 2, 3, 4, 5].map((r) => `Valutazioni ${r}`),
    'Valutazione media',
  ];
  const rows = stats.kiosk.map((k) => [
    k.period,
    k.periodEnd,
    k.sessions,
    ...languages.map((l) => k.byLanguage[l]),
    ...kioskIdentifications.map((i) => k.byIdentification[i]),
    ...kioskOutcomes.map((o) => k.byOutcome[o]),
    ...k.ratings,
    k.ratingMean === null ? '' : k.ratingMean.toFixed(2).replace('.', ','),
  ]);
  return write([header, ...rows]);
}

function write(records: (string | number)[][]): string {
  return stringify(records, { delimiter: ';', bom: true, record_delimiter: 'windows' });
}

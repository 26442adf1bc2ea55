// The manager's KPIs: the JSON the screen draws, and the address of the same numbers as a CSV file.
import type { StatisticsQuery, StatisticsResponse } from '@sportello/protocol';
import { request } from './api-client.ts';

/** The query as URL parameters, leaving out what is not set. */
function params(query: StatisticsQuery, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...query, ...extra }).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return new URLSearchParams(entries).toString();
}

export const fetchStatistics = (query: StatisticsQuery) =>
  request<StatisticsResponse>('GET', `/api/v1/statistics?${params(query)}`);

/** A link the browser downloads with the session cookie: the KPI rows, or the kiosk sessions per period. */
export const statisticsCsvUrl = (query: StatisticsQuery, table: 'kpi' | 'kiosk') =>
  `/api/v1/statistics/export?${params(query, { table })}`;

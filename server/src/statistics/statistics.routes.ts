// /api/v1/statistics: the kiosk's report of each ended session, and the manager's KPIs as JSON and CSV.
import { ErrorBody, KioskSessionReport, StatisticsQuery, StatisticsResponse } from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { kioskCsv, kpiCsv } from './statistics-csv.ts';
import { recordKioskSession, statistics } from './statistics.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });

const ExportQuery = StatisticsQuery.safeExtend({
  /** kpi: the rows of `groups`; kiosk: the kiosk sessions per period. */
  table: z.enum(['kpi', 'kiosk']).default('kpi'),
});

export function statisticsRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/statistics/kiosk-sessions',
      summary:
        'A kiosk session ended: language, identification, outcome, service, rating (nothing identifying)',
      tag: 'statistics',
      roles: ['station'],
      body: KioskSessionReport,
      responses: {
        201: { description: 'Recorded' },
        200: { description: 'Already recorded (the same id sent again)' },
        400: err('Invalid field'),
      },
      handler: async ({ body, principal }) => {
        const { duplicate } = await recordKioskSession(ctx, body, principal);
        return { status: duplicate ? 200 : 201 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/statistics',
      summary:
        'KPIs by period and channel, sede, sector or service: arrivals, waits, service times, outcomes',
      tag: 'statistics',
      roles: ['manager', 'admin'],
      audience: 'a manager with a sede: that sede only',
      query: StatisticsQuery,
      responses: {
        200: { description: 'The KPIs', schema: StatisticsResponse },
        400: err('Invalid field'),
        403: err('Another sede than the manager’s'),
      },
      handler: async ({ query, principal }) => ({ body: await statistics(ctx, query, principal) }),
    }),
    defineRoute({
      method: 'get',
      path: '/statistics/export',
      summary: 'The same KPIs as CSV for Excel (UTF-8 with BOM, ";" separated, decimal comma, minutes)',
      tag: 'statistics',
      roles: ['manager', 'admin'],
      audience: 'a manager with a sede: that sede only',
      query: ExportQuery,
      responses: {
        200: {
          description: 'One row per period and key (or per period: kiosk)',
          schema: z.string(),
          contentType: 'text/csv',
        },
        400: err('Invalid field'),
        403: err('Another sede than the manager’s'),
      },
      handler: async ({ query, principal }) => {
        const { table, ...rest } = query;
        const stats = await statistics(ctx, rest, principal);
        const where = stats.sedi.length === 1 ? stats.sedi[0] : 'tutte-le-sedi';
        const name = `statistiche-${table === 'kiosk' ? 'chioschi-' : ''}${where}-${stats.from}-${stats.to}.csv`;
        return {
          body: table === 'kiosk' ? kioskCsv(stats) : kpiCsv(stats),
          contentType: 'text/csv; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="${name}"` },
        };
      },
    }),
  ];
}

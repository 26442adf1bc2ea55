// /api/v1/audit: admins read who received citizens' personal data (and what admins did), by person, action,
// subject (a booking code: who received that booking's data) and a span of days (Rome) of up to a month, a
// page at a time or as a CSV file.
import {
  AUDIT_MAX_DAYS,
  AuditQuery,
  AuditResponse,
  ErrorBody,
  type AuditEventView,
} from '@sportello/protocol';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';

const ZONE = 'Europe/Rome';
const err = (description: string) => ({ description, schema: ErrorBody });
const ExportQuery = AuditQuery.omit({ offset: true, limit: true });
type Filters = z.output<typeof ExportQuery>;

/** The days asked for, first to last; a 400 naming the field when they make no span of 1 to 31 days. */
function daysOf(query: Filters): string[] {
  const from = query.date ?? query.from;
  const to = query.date ?? query.to ?? query.from;
  if (query.date !== undefined && (query.from !== undefined || query.to !== undefined))
    throw ApiError.field('query.date', 'give either date, or from and to');
  if (from === undefined || to === undefined) throw ApiError.field('query.from', 'required (or date)');
  const first = DateTime.fromISO(from, { zone: ZONE });
  const last = DateTime.fromISO(to, { zone: ZONE });
  const span = Math.round(last.diff(first, 'days').days) + 1;
  if (span < 1) throw ApiError.field('query.to', 'must not be before from');
  if (span > AUDIT_MAX_DAYS) throw ApiError.field('query.to', `at most ${AUDIT_MAX_DAYS} days from "from"`);
  return Array.from({ length: span }, (_, i) => first.plus({ days: i }).toISODate()!);
}

async function eventsOf(ctx: AppContext, days: string[]): Promise<AuditEventView[]> {
  return ctx.store.read(async (r) => (await Promise.all(days.map((d) => r.auditOfDay(d)))).flat());
}

function matching(events: AuditEventView[], query: Filters): AuditEventView[] {
  const actor = query.actor?.toLowerCase();
  // A booking code as the desk writes it ("ABCD EFGH") is the same code.
  const subject = query.subject?.replace(/\s+/g, '').toUpperCase();
  return events.filter(
    (e) =>
      (actor === undefined || e.actor.toLowerCase() === actor) &&
      (query.action === undefined || e.action === query.action) &&
      (subject === undefined || e.subject.toUpperCase() === subject),
  );
}

/** A spreadsheet must not run a cell as a formula: such a value is written as text. */
const cell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function csvOf(events: AuditEventView[]): string {
  const rows = events.map((e) => [
    e.at,
    DateTime.fromISO(e.at, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm:ss'),
    cell(e.actor),
    cell(e.action),
    cell(e.subject),
    cell(
      Object.entries(e.details ?? {})
        .map(([k, v]) => `${k}=${String(v)}`)
        .join('; '),
    ),
  ]);
  return stringify(rows, {
    header: true,
    columns: ['at (UTC)', 'ora (Europe/Rome)', 'actor', 'action', 'subject', 'details'],
  });
}

export function auditRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      summary:
        "The audit log by day or span of days (Rome), person and action: who received a citizen's data",
      tag: 'audit',
      roles: ['admin'],
      query: AuditQuery,
      responses: {
        200: {
          description: 'A page of events, oldest first, with the total and the filters’ choices',
          schema: AuditResponse,
        },
        400: err('Bad day, span over a month, or bad paging'),
        401: err('Not signed in'),
        403: err('Not an admin'),
      },
      handler: async ({ query }) => {
        const days = daysOf(query);
        const all = await eventsOf(ctx, days);
        const found = matching(all, query);
        const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
        return {
          headers: { 'cache-control': 'no-store' },
          body: {
            date: days[0]!,
            from: days[0]!,
            to: days.at(-1)!,
            total: found.length,
            offset: query.offset,
            limit: query.limit,
            events: found.slice(query.offset, query.offset + query.limit),
            actors: sorted(all.map((e) => e.actor)),
            actions: sorted(all.map((e) => e.action)),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/audit/export',
      summary: 'The audit log of a span of days, filtered, as a CSV file',
      tag: 'audit',
      roles: ['admin'],
      query: ExportQuery,
      responses: {
        200: { description: 'RFC 4180 CSV, oldest first', schema: z.string(), contentType: 'text/csv' },
        400: err('Bad day or span over a month'),
        401: err('Not signed in'),
        403: err('Not an admin'),
      },
      handler: async ({ query }) => {
        const days = daysOf(query);
        const found = matching(await eventsOf(ctx, days), query);
        const name = `registro-accessi-${days[0]}${days.length > 1 ? `_${days.at(-1)}` : ''}.csv`;
        return {
          body: csvOf(found),
          contentType: 'text/csv; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
        };
      },
    }),
  ];
}

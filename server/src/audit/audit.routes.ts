// /api/v1/audit: admins read who received citizens' personal data, one day at a time.
import { ErrorBody, isoDate } from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';

const AuditEvent = z
  .object({
    at: z.string(),
    actor: z.string().meta({ description: 'Staff username (or station id) who received the data' }),
    action: z.string().meta({ example: 'video.call.citizen-data' }),
    subject: z.string().meta({ description: 'A call id or booking code; never personal data' }),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .meta({ id: 'AuditEvent' });

const AuditResponse = z.object({ date: z.string(), events: z.array(AuditEvent) });
const err = (description: string) => ({ description, schema: ErrorBody });

export function auditRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      summary: "The audit log of one day (Rome): each time staff received a citizen's data",
      tag: 'audit',
      roles: ['admin'],
      query: z.strictObject({ date: isoDate }),
      responses: {
        200: { description: 'Events, oldest first', schema: AuditResponse },
        400: err('Bad date'),
        401: err('Not signed in'),
        403: err('Not an admin'),
      },
      handler: async ({ query }) => ({
        headers: { 'cache-control': 'no-store' },
        body: { date: query.date, events: await ctx.store.read((r) => r.auditOfDay(query.date)) },
      }),
    }),
  ];
}

// /api/v1/alerts: the technicians' alerts, open and recently cleared, for the console's "Avvisi".
import { AlertListResponse, ErrorBody } from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { listAlerts } from './alerts.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });

export function alertRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/alerts',
      summary: 'Station alerts: the open ones, and those cleared in the last hours (default 24)',
      tag: 'stations',
      roles: ['technician', 'admin'],
      query: z.strictObject({ hours: z.coerce.number().int().min(1).max(720).default(24) }),
      responses: {
        200: { description: 'Open alerts first, newest first', schema: AlertListResponse },
        400: err('Bad hours'),
        401: err('Not signed in'),
        403: err('Not a technician or admin'),
      },
      handler: async ({ query }) => ({
        headers: { 'cache-control': 'no-store' },
        body: await listAlerts(ctx, query.hours),
      }),
    }),
  ];
}

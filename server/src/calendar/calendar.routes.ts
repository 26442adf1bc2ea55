// /api/v1/calendar: the manager's closures and absences, with the bookings they displace.
import {
  CalendarChangeListResponse,
  CalendarChangeParams,
  CalendarChangePreview,
  CalendarChangePreviewBody,
  CalendarChangeQuery,
  CalendarChangeView,
  CreateCalendarChangeBody,
  CreateCalendarChangeResponse,
  ErrorBody,
} from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { createChange, listChanges, previewChange, removeChange } from './calendar-changes.service.ts';
import { rebookingWorker } from './rebooking-worker.ts';

const err = (description: string) => ({ description, schema: ErrorBody });
const audience = 'a manager: their own sede only';

export function calendarRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/calendar/changes',
      summary: 'A sede’s closures and absences added from the console, newest first, with their rebooking',
      tag: 'calendar',
      roles: ['manager', 'admin'],
      audience,
      query: CalendarChangeQuery,
      responses: {
        200: { description: 'The changes and the sede’s officials', schema: CalendarChangeListResponse },
        403: err('Another sede'),
      },
      handler: async ({ query, principal }) => ({ body: await listChanges(ctx, principal, query.sede) }),
    }),
    defineRoute({
      method: 'post',
      path: '/calendar/changes/preview',
      summary: 'The bookings a closure or absence would displace, before it is added',
      tag: 'calendar',
      roles: ['manager', 'admin'],
      audience,
      body: CalendarChangePreviewBody,
      responses: {
        200: { description: 'Displaced bookings: time, service, mode', schema: CalendarChangePreview },
        400: err('Invalid field'),
        403: err('Another sede'),
      },
      handler: async ({ body, principal }) => ({
        body: { displaced: await previewChange(ctx, principal, body) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/calendar/changes',
      summary: 'Close the sede or remove an official’s hours; displaced bookings are moved or offered',
      tag: 'calendar',
      roles: ['manager', 'admin'],
      audience,
      body: CreateCalendarChangeBody,
      responses: {
        201: { description: 'Added; its bookings are being handled', schema: CreateCalendarChangeResponse },
        400: err('Invalid field'),
        403: err('Another sede'),
      },
      handler: async ({ body, principal }) => {
        const created = await createChange(ctx, principal, body);
        rebookingWorker(ctx)?.wake();
        return { status: 201, body: created };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/calendar/changes/:id',
      summary: 'Remove a closure or absence: its hours are offered again (bookings already moved stay)',
      tag: 'calendar',
      roles: ['manager', 'admin'],
      audience,
      params: CalendarChangeParams,
      responses: {
        200: { description: 'Removed', schema: CalendarChangeView },
        403: err('Another sede'),
        404: err('No such change'),
      },
      handler: async ({ params, principal }) => ({ body: await removeChange(ctx, principal, params.id) }),
    }),
  ];
}

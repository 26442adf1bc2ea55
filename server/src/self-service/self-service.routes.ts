// /api/v1/self-service/:key: the citizen's booking page opened from the SMS (the key is in the link).
import {
  ErrorBody,
  SelfServiceAvailabilityQuery,
  SelfServiceParams,
  SelfServiceRescheduleBody,
  SelfServiceSlots,
  SelfServiceView,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import {
  cancelSelfService,
  readSelfService,
  rescheduleSelfService,
  selfServiceCalendar,
  selfServiceSlots,
} from './self-service.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });
const audience = 'with the key of the SMS link';

export function selfServiceRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/self-service/:key',
      summary: 'The citizen’s booking, by the key in its SMS link (no codice fiscale, no phone)',
      tag: 'self-service',
      roles: 'public',
      guessable: true,
      audience,
      params: SelfServiceParams,
      responses: {
        200: { description: 'The appointment', schema: SelfServiceView },
        404: err('No booking with this key'),
      },
      handler: async ({ params }) => ({ body: await readSelfService(ctx, params.key) }),
    }),
    defineRoute({
      method: 'get',
      path: '/self-service/:key/availability',
      summary: 'Free times for the booking’s service and mode at its sede',
      tag: 'self-service',
      roles: 'public',
      guessable: true,
      audience,
      params: SelfServiceParams,
      query: SelfServiceAvailabilityQuery,
      responses: {
        200: { description: 'Free slots per day', schema: SelfServiceSlots },
        400: err('Invalid field'),
        404: err('No booking with this key'),
      },
      handler: async ({ params, query }) => ({ body: await selfServiceSlots(ctx, params.key, query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/self-service/:key/reschedule',
      summary: 'The citizen moves their booking to another free time (SMS with the new time)',
      tag: 'self-service',
      roles: 'public',
      guessable: true,
      audience,
      params: SelfServiceParams,
      body: SelfServiceRescheduleBody,
      responses: {
        200: { description: 'Moved', schema: SelfServiceView },
        400: err('Invalid field'),
        404: err('No booking with this key'),
        409: err('Taken, closed or past (with the next free times), or the booking is over'),
      },
      handler: async ({ params, body }) => ({
        body: await rescheduleSelfService(ctx, params.key, body.start),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/self-service/:key/cancel',
      summary: 'The citizen cancels their booking (SMS)',
      tag: 'self-service',
      roles: 'public',
      guessable: true,
      audience,
      params: SelfServiceParams,
      responses: {
        200: { description: 'Cancelled', schema: SelfServiceView },
        404: err('No booking with this key'),
        409: err('The booking is over or has started'),
      },
      handler: async ({ params }) => ({ body: await cancelSelfService(ctx, params.key) }),
    }),
    defineRoute({
      method: 'get',
      path: '/self-service/:key/calendar',
      summary: 'The citizen’s appointment as an iCalendar file',
      tag: 'self-service',
      roles: 'public',
      guessable: true,
      audience,
      params: SelfServiceParams,
      responses: {
        200: { description: 'An RFC 5545 calendar file', schema: z.string(), contentType: 'text/calendar' },
        404: err('No booking with this key'),
        409: err('The booking is not active'),
      },
      handler: async ({ params }) => {
        const file = await selfServiceCalendar(ctx, params.key);
        return {
          body: file.text,
          contentType: 'text/calendar; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="${file.filename}"` },
        };
      },
    }),
  ];
}

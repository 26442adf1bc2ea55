// /api/v1/appointments and /api/v1/callbacks: the official's day and callback worklist.
import {
  AppointmentSummary,
  AppointmentsResponse,
  BookingCode,
  CallbackResultBody,
  ErrorBody,
  isoDate,
  CallRecordResponse,
  RunningLateBody,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { tellRunningLate } from '../meeting/running-late.ts';
import { openTeamsCall } from '../video/teams/teams-call.service.ts';
import {
  appointmentsOfDay,
  callbacksOfDay,
  recordCallbackResult,
  scopeOf,
  today,
} from './appointments.service.ts';

// Strict: a misspelt parameter (`?data=`) is refused instead of silently showing today.
const DayQuery = z.strictObject({
  /** The day in Rome time; today when left out. */
  date: isoDate.optional(),
});
const CodeParam = z.object({ code: z.string().max(20) });
const err = (description: string) => ({ description, schema: ErrorBody });
const dayErrors = {
  400: err('Bad date'),
  401: err('Not signed in'),
  403: err('Not an official, or an account not linked to an official’s record'),
};

export function appointmentRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/appointments',
      summary: 'The day’s bookings of the official’s sede group and sectors, by start',
      tag: 'appointments',
      roles: ['official'],
      query: DayQuery,
      responses: { 200: { description: 'The day', schema: AppointmentsResponse }, ...dayErrors },
      handler: async ({ query, principal }) => {
        const scope = scopeOf(ctx, principal);
        const date = query.date ?? today(ctx);
        return { body: { date, appointments: await appointmentsOfDay(ctx, scope, date) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/callbacks',
      summary: 'The day’s callbacks still to make in the official’s group and sectors',
      tag: 'appointments',
      roles: ['official'],
      query: DayQuery,
      responses: { 200: { description: 'The worklist', schema: AppointmentsResponse }, ...dayErrors },
      handler: async ({ query, principal }) => {
        const scope = scopeOf(ctx, principal);
        const date = query.date ?? today(ctx);
        return { body: { date, appointments: await callbacksOfDay(ctx, scope, date) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/callbacks/:code/result',
      summary: 'A callback’s result: done, no answer (sends the missed-call SMS) or retry later',
      tag: 'appointments',
      roles: ['official'],
      audience: 'of the booking’s sede group and sector',
      params: CodeParam,
      body: CallbackResultBody,
      responses: {
        200: {
          description: 'The callback as it is now',
          schema: z.object({ appointment: AppointmentSummary }),
        },
        400: err('Bad field, e.g. retryAt in the past or after the callback’s day'),
        401: err('Not signed in'),
        403: err('Another sede group’s or sector’s booking (not_yours), or not an official'),
        404: err('No such booking (booking_not_found)'),
        409: err('Not a callback (not_a_callback), or no longer booked (not_active)'),
      },
      handler: async ({ params, body, principal }) => {
        const code = BookingCode.safeParse(params.code);
        if (!code.success) throw ApiError.field('path.code', 'a booking code has 8 letters and digits');
        const scope = scopeOf(ctx, principal);
        return { body: { appointment: await recordCallbackResult(ctx, scope, code.data, body) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/appointments/:code/late',
      summary: 'The official is running late: today’s web meeting’s waiting page is told by how much',
      tag: 'appointments',
      roles: ['official'],
      audience: 'of the booking’s sede group and sector',
      params: CodeParam,
      body: RunningLateBody,
      responses: {
        200: {
          description: 'The appointment, with its runningLate',
          schema: z.object({ appointment: AppointmentSummary }),
        },
        400: err('Bad field: minutes (5, 10 or 15) or the booking code'),
        401: err('Not signed in'),
        403: err('Another sede group’s or sector’s booking (not_yours), or not an official'),
        404: err('No such booking (booking_not_found)'),
        409: err(
          'Not a web meeting (not_a_web_meeting), over or cancelled (not_active), not today (not_today)',
        ),
      },
      handler: async ({ params, body, principal }) => {
        const code = BookingCode.safeParse(params.code);
        if (!code.success) throw ApiError.field('path.code', 'a booking code has 8 letters and digits');
        const scope = scopeOf(ctx, principal);
        return { body: { appointment: await tellRunningLate(ctx, scope, code.data, body) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/appointments/:code/teams-call',
      // Once opened, the record is the opening official's, as a built-in call is the answering one's.
      summary: 'Open the record of a Teams web meeting; its ID check and outcome go to /video/calls/:callId',
      tag: 'appointments',
      roles: ['official'],
      audience: 'of the booking’s sede group and sector',
      params: CodeParam,
      responses: {
        200: {
          description: 'The call record (provider teams; the read is audited)',
          schema: CallRecordResponse,
        },
        400: err('Bad booking code (path.code)'),
        401: err('Not signed in'),
        403: err(
          'Another sede group’s or sector’s booking (not_yours), recorded by another official (not_your_call), or not an official',
        ),
        404: err('No such booking (booking_not_found)'),
        409: err('No Teams meeting for this booking (not_a_teams_meeting), or cancelled (not_active)'),
      },
      handler: async ({ params, principal }) => {
        const code = BookingCode.safeParse(params.code);
        if (!code.success) throw ApiError.field('path.code', 'a booking code has 8 letters and digits');
        const scope = scopeOf(ctx, principal);
        return {
          headers: { 'cache-control': 'no-store' },
          body: { call: await openTeamsCall(ctx, scope, code.data) },
        };
      },
    }),
  ];
}

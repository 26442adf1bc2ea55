// /api/v1/messages (the outbox, for admins: by status, the pending queue's state, dead letters retried or
// cancelled), /api/v1/dev/sms (what the development provider kept),
// /api/v1/bookings/calendar (the appointment as an .ics file) and /bookings/:code/missed-call.
import {
  BookingCode,
  BookingLookupBody,
  DevSmsResponse,
  ErrorBody,
  MessagesQuery,
  MessagesResponse,
  MissedCallResponse,
  OutboxSummary,
  type OutboxMessageView,
} from '@sportello/protocol';
import { z } from 'zod';
import { reportMissedCall, scopeOf } from '../appointments/appointments.service.ts';
import { audit, auditActions } from '../audit/audit.ts';
import { lookupBooking } from '../booking/booking.service.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { principalId } from '../http/principal.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import type { OutboxMessage } from '../store/store.ts';
import { MISSED_CALL_SMS_PER_BOOKING } from './booking-messages.ts';
import { DevOutboxProvider } from './dev-outbox-provider.ts';
import { bookingCalendar } from './icalendar.ts';

const CodeParam = z.object({ code: z.string().max(20) });
const IdParam = z.object({ id: z.string().min(1).max(60) });
/** Dead letters counted for the summary: the screen lists at most this many. */
const DEAD_LIMIT = 500;

/** Every character of the number hidden but the last three digits: "+*********567". */
export function maskPhoneToLast3(e164: string): string {
  return e164.length <= 4 ? '***' : `+${'*'.repeat(e164.length - 4)}${e164.slice(-3)}`;
}
const err = (description: string) => ({ description, schema: ErrorBody });

/** No text (it may hold an admission code) and a masked number: enough to see what went wrong. */
function view(message: OutboxMessage): OutboxMessageView {
  return {
    id: message.id,
    kind: message.kind,
    bookingCode: message.bookingCode,
    to: message.personalDataRemovedAt ? message.to : maskPhoneToLast3(message.to),
    language: message.language,
    status: message.status,
    attempts: message.attempts,
    dueAt: message.dueAt,
    createdAt: message.createdAt,
    ...(message.finishedAt ? { finishedAt: message.finishedAt } : {}),
    ...(message.lastError ? { lastError: message.lastError } : {}),
    ...(message.providerMessageId ? { providerMessageId: message.providerMessageId } : {}),
  };
}

export function notificationRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/messages',
      summary: 'The SMS outbox by status: pending, sent, dead (gave up) or cancelled',
      tag: 'notifications',
      roles: ['admin'],
      query: MessagesQuery,
      responses: { 200: { description: 'Messages, numbers masked', schema: MessagesResponse } },
      handler: async ({ query }) => {
        const messages = await ctx.store.read((r) => r.outboxMessages(query));
        return { body: { messages: messages.map(view) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/messages/summary',
      summary: 'The pending queue (due now, its oldest wait, scheduled later) and the dead letters waiting',
      tag: 'notifications',
      roles: ['admin'],
      responses: { 200: { description: 'Counts', schema: OutboxSummary } },
      handler: async () => {
        const now = ctx.clock();
        const [pending, dead] = await ctx.store.read((r) =>
          Promise.all([r.pendingSummary(now), r.outboxMessages({ status: 'dead', limit: DEAD_LIMIT })]),
        );
        const oldestDueSeconds = pending.oldestDueAt
          ? Math.max(0, Math.floor((now.getTime() - Date.parse(pending.oldestDueAt)) / 1000))
          : 0;
        return {
          headers: { 'cache-control': 'no-store' },
          body: { due: pending.due, scheduled: pending.scheduled, oldestDueSeconds, dead: dead.length },
        };
      },
    }),
    ...(['retry', 'cancel'] as const).map((action) =>
      defineRoute({
        method: 'post',
        path: `/messages/:id/${action}`,
        summary:
          action === 'retry'
            ? 'Send a dead SMS again: back in the queue, due now, its tries counted from zero'
            : 'Give up on a dead SMS for good: it is marked cancelled',
        tag: 'notifications',
        roles: ['admin'],
        params: IdParam,
        responses: {
          200: {
            description: action === 'retry' ? 'Pending again' : 'Cancelled',
            schema: z.object({ id: z.string(), status: z.enum(['pending', 'cancelled']) }),
          },
          401: err('Not signed in'),
          403: err('Not an admin'),
          404: err('No dead letter with this id (never dead, or already retried or cancelled)'),
        },
        handler: async ({ params, principal }) => {
          const now = ctx.clock();
          // The dead letter's kind and booking, for the audit event (lowdb: dead letters of the last month).
          const dead = (
            await ctx.store.read((r) => r.outboxMessages({ status: 'dead', limit: DEAD_LIMIT }))
          ).find((m) => m.id === params.id);
          const done = await ctx.store.transaction(async (tx) => {
            if (!(await tx.resolveDeadMessage(params.id, action, now))) return false;
            await audit(
              tx,
              now,
              principalId(principal),
              action === 'retry' ? auditActions.smsRetried : auditActions.smsCancelled,
              params.id,
              dead ? { kind: dead.kind, booking: dead.bookingCode } : undefined,
            );
            return true;
          });
          if (!done)
            throw new ApiError(
              404,
              'not_found',
              'no dead letter with this id: it may have been retried or cancelled already',
            );
          ctx.log.info({ messageId: params.id, action, by: principalId(principal) }, 'dead letter resolved');
          return { body: { id: params.id, status: action === 'retry' ? 'pending' : 'cancelled' } };
        },
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/dev/sms',
      summary: 'SMS kept by the development provider instead of being sent, newest first',
      tag: 'notifications',
      roles: ['admin'],
      responses: {
        200: { description: 'Kept messages, numbers masked', schema: DevSmsResponse },
        404: err('The SMS provider is not the development one'),
      },
      handler: async () => {
        if (!(ctx.sms instanceof DevOutboxProvider))
          throw new ApiError(
            404,
            'not_found',
            'SMS go through a real gateway here: there is no development outbox',
          );
        return { body: { messages: ctx.sms.messages() } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/bookings/calendar',
      summary: 'The appointment as an iCalendar file, by booking code and codice fiscale',
      tag: 'bookings',
      roles: 'public',
      guessable: true,
      audience: 'with booking code and codice fiscale',
      body: BookingLookupBody,
      responses: {
        200: { description: 'An RFC 5545 calendar file', schema: z.string(), contentType: 'text/calendar' },
        404: err('No such booking for this codice fiscale'),
        409: err('The booking is cancelled'),
      },
      handler: async ({ body }) => {
        const booking = await lookupBooking(ctx, body);
        if (booking.status === 'cancelled')
          throw new ApiError(409, 'not_active', 'this booking is cancelled');
        const file = bookingCalendar(ctx, booking);
        return {
          body: file.text,
          contentType: 'text/calendar; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="${file.filename}"` },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/bookings/:code/missed-call',
      summary: 'SMS the citizen that the official called at the booked time and got no answer',
      tag: 'bookings',
      // Phoning citizens is the official's work: an admin has no callback to miss.
      roles: ['official'],
      audience: 'of the booking’s sede group and sector',
      params: CodeParam,
      responses: {
        202: {
          description: 'The SMS is in the outbox, the attempt on the callback',
          schema: MissedCallResponse,
        },
        401: err('Not signed in'),
        403: err('Another sede group’s or sector’s booking (not_yours), or not an official'),
        404: err('No such booking (booking_not_found)'),
        409: err(
          'Not a callback (not_a_callback), no longer booked (not_active), before its time (too_early), ' +
            `already ${MISSED_CALL_SMS_PER_BOOKING} missed-call SMS (missed_call_limit), or a landline (not_a_mobile)`,
        ),
      },
      handler: async ({ params, principal }) => {
        const code = BookingCode.safeParse(params.code);
        if (!code.success) throw ApiError.field('path.code', 'a booking code has 8 letters and digits');
        const scope = scopeOf(ctx, principal);
        return { status: 202, body: { messageId: await reportMissedCall(ctx, scope, code.data) } };
      },
    }),
  ];
}

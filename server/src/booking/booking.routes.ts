// /api/v1/availability and /api/v1/bookings.
import {
  AvailabilityQuery,
  AvailabilityResponse,
  BookingChangeResponse,
  BookingLookupBody,
  BookingResponse,
  CreateBookingBody,
  CreateBookingResponse,
  ErrorBody,
  RescheduleBookingBody,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { jsonOnce } from '../http/json-once.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import type { Principal } from '../http/principal.ts';
import { audit, auditActions } from '../audit/audit.ts';
import { reachableBySms } from '../notification/booking-messages.ts';
import {
  availability,
  cancelBooking,
  createBooking,
  lookupBooking,
  rescheduleBooking,
  type WithChange,
} from './booking.service.ts';

const CodeParam = z.object({ code: z.string().max(20) });
const staffAndStations = ['station', 'official', 'counter', 'contact-centre', 'admin'] as const;
const err = (description: string) => ({ description, schema: ErrorBody });

function bookedBy(principal: Principal) {
  if (principal.kind === 'station') return { channel: 'station' as const, id: principal.station };
  if (principal.kind === 'staff') return { channel: 'staff' as const, id: principal.username };
  throw new ApiError(401, 'unauthenticated', 'sign in first');
}

/** The code in the path must be the code the body proves knowledge of. */
function sameCode(params: { code: string }, body: { code: string }): void {
  if (params.code.toUpperCase().replace(/-/g, '') !== body.code)
    throw ApiError.field('code', 'does not match the code in the path');
}

/** A citizen's own change made at a kiosk is written down with the station that made it. */
function stationAudit(
  ctx: AppContext,
  principal: Principal,
  action: typeof auditActions.stationBookingCancelled | typeof auditActions.stationBookingMoved,
): WithChange | undefined {
  if (principal.kind !== 'station') return undefined;
  return (tx, booking) => audit(tx, ctx.clock(), principal.station, action, booking.code);
}

export function bookingRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/availability',
      summary: 'Free appointment slots per day for a sede, service and mode',
      tag: 'bookings',
      roles: 'public',
      query: AvailabilityQuery,
      responses: {
        200: { description: 'Days and their free slots', schema: AvailabilityResponse },
        400: err('Bad query'),
      },
      handler: async ({ query }) => jsonOnce(await availability(ctx, query)),
    }),
    defineRoute({
      method: 'post',
      path: '/bookings',
      summary: 'Book a slot; returns the booking code and the one-time admission code',
      tag: 'bookings',
      roles: staffAndStations,
      body: CreateBookingBody,
      responses: {
        201: { description: 'Booked', schema: CreateBookingResponse },
        400: err('Invalid field'),
        403: err('Strong authentication required, or a station’s strong sign-in unproven'),
        409: err(
          'Slot taken, past or closed (error.details.nextSlots suggests free ones); or the person already has ' +
            'this service that day (already_booked), another appointment at that time (overlapping_booking) ' +
            'or as many to come for this service as allowed (booking_limit)',
        ),
      },
      handler: async ({ body, principal }) => ({
        status: 201,
        body: await createBooking(
          ctx,
          body,
          bookedBy(principal),
          principal.kind === 'staff' ? principal.roles : undefined,
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/bookings/lookup',
      summary: 'Find a booking by its code and the citizen’s codice fiscale',
      tag: 'bookings',
      roles: 'public',
      guessable: true,
      audience: 'with booking code and codice fiscale',
      body: BookingLookupBody,
      responses: {
        200: { description: 'The booking', schema: BookingResponse },
        404: err('No such booking for this codice fiscale'),
      },
      handler: async ({ body }) => ({ body: { booking: await lookupBooking(ctx, body) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/bookings/:code/cancel',
      summary: 'Cancel a booking',
      tag: 'bookings',
      roles: 'public',
      guessable: true,
      audience: 'with booking code and codice fiscale',
      params: CodeParam,
      body: BookingLookupBody,
      responses: {
        200: {
          description: 'Cancelled; smsQueued: the cancellation SMS waits to go',
          schema: BookingChangeResponse,
        },
        404: err('No such booking for this codice fiscale'),
        409: err('Already cancelled or started'),
      },
      handler: async ({ params, body, principal }) => {
        sameCode(params, body);
        const booking = await cancelBooking(
          ctx,
          body,
          stationAudit(ctx, principal, auditActions.stationBookingCancelled),
        );
        return { body: { booking, smsQueued: reachableBySms(booking) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/bookings/:code/reschedule',
      summary: 'Move a booking to another free slot',
      tag: 'bookings',
      roles: 'public',
      guessable: true,
      audience: 'with booking code and codice fiscale',
      params: CodeParam,
      body: RescheduleBookingBody,
      responses: {
        200: {
          description: 'Moved; smsQueued: the SMS with the new time waits to go',
          schema: BookingChangeResponse,
        },
        404: err('No such booking for this codice fiscale'),
        409: err(
          'Slot taken (error.details.nextSlots suggests free ones), or the person has this service that day ' +
            '(already_booked) or another appointment at that time (overlapping_booking)',
        ),
      },
      handler: async ({ params, body, principal }) => {
        sameCode(params, body);
        const booking = await rescheduleBooking(
          ctx,
          body,
          stationAudit(ctx, principal, auditActions.stationBookingMoved),
        );
        return { body: { booking, smsQueued: reachableBySms(booking) } };
      },
    }),
  ];
}

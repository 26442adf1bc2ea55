// /api/v1/desk: the booking desk of counter clerks and the contact centre, acting for a citizen.
import {
  BookingCode,
  DeskBookingResponse,
  DeskCitizenBody,
  DeskCitizenResponse,
  DeskRescheduleBody,
  ErrorBody,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import {
  cancelForCitizen,
  citizenBookings,
  markArrived,
  markNoShow,
  readBooking,
  rescheduleForCitizen,
} from './desk.service.ts';

const desk = ['counter', 'contact-centre'] as const;
const CodeParam = z.object({ code: BookingCode });
const err = (description: string) => ({ description, schema: ErrorBody });
const noStore = { 'cache-control': 'no-store' };

export function deskRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/desk/citizen-bookings',
      summary: 'A citizen’s bookings by codice fiscale, upcoming and of the last days (audited)',
      tag: 'desk',
      roles: desk,
      body: DeskCitizenBody,
      responses: {
        200: { description: 'Upcoming and recent bookings', schema: DeskCitizenResponse },
        400: err('Not a valid codice fiscale'),
      },
      handler: async ({ body, principal }) => ({
        headers: noStore,
        body: await citizenBookings(ctx, body.codiceFiscale, principal),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/desk/bookings/:code',
      summary: 'One booking with its SMS and its ticket (audited)',
      tag: 'desk',
      roles: desk,
      params: CodeParam,
      responses: {
        200: { description: 'The booking', schema: DeskBookingResponse },
        404: err('No such booking'),
      },
      handler: async ({ params, principal }) => ({
        headers: noStore,
        body: { booking: await readBooking(ctx, params.code, principal) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/desk/bookings/:code/cancel',
      summary: 'Cancel a booking on the citizen’s behalf (audited; the citizen gets the SMS)',
      tag: 'desk',
      roles: desk,
      params: CodeParam,
      responses: {
        200: { description: 'Cancelled', schema: DeskBookingResponse },
        404: err('No such booking'),
        409: err('Already cancelled or started'),
      },
      handler: async ({ params, principal }) => ({
        body: { booking: await cancelForCitizen(ctx, params.code, principal) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/desk/bookings/:code/reschedule',
      summary: 'Move a booking to another free slot on the citizen’s behalf (audited; SMS)',
      tag: 'desk',
      roles: desk,
      params: CodeParam,
      body: DeskRescheduleBody,
      responses: {
        200: { description: 'Moved', schema: DeskBookingResponse },
        404: err('No such booking'),
        409: err(
          'Not active or started; slot taken (error.details.nextSlots suggests free ones), or the person ' +
            'has this service that day or another appointment at that time',
        ),
      },
      handler: async ({ params, body, principal }) => ({
        body: { booking: await rescheduleForCitizen(ctx, params.code, body.start, principal) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/desk/bookings/:code/arrived',
      summary: 'The citizen of an in-person appointment has arrived: issue its ticket (idempotent; audited)',
      tag: 'desk',
      roles: ['counter'],
      audience: 'of the appointment’s sede',
      params: CodeParam,
      responses: {
        200: { description: 'The booking with its ticket', schema: DeskBookingResponse },
        403: err('A clerk of another sede'),
        404: err('No such booking'),
        409: err('Too early, too late, cancelled or not in person'),
      },
      handler: async ({ params, principal }) => ({
        body: { booking: await markArrived(ctx, params.code, principal) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/desk/bookings/:code/no-show',
      summary: 'The citizen of an in-person appointment did not come: the booking ends as no-show (audited)',
      tag: 'desk',
      roles: ['counter'],
      audience: 'of the appointment’s sede',
      params: CodeParam,
      responses: {
        200: { description: 'The booking, no-show', schema: DeskBookingResponse },
        403: err('A clerk of another sede'),
        404: err('No such booking'),
        409: err('Not started yet, not active, not in person, or the citizen has arrived'),
      },
      handler: async ({ params, principal }) => ({
        body: { booking: await markNoShow(ctx, params.code, principal) },
      }),
    }),
  ];
}

// /api/v1/tickets: issue, check in an appointment, list a day's queue, send a number by SMS.
import {
  CheckInBody,
  ErrorBody,
  IssueTicketBody,
  TicketListQuery,
  TicketListResponse,
  TicketResponse,
  TicketSmsBody,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { checkIn, issueTicket, listTickets, notifyTicket, sendTicketBySms } from './ticket.service.ts';

/** The mobile number for "tocca a te tra poco"; the ticket keeps the language it was taken in. */
const TicketNotifyBody = TicketSmsBody.pick({ sede: true, phone: true }).meta({ id: 'TicketNotify' });

const err = (description: string) => ({ description, schema: ErrorBody });

export function ticketRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/tickets',
      summary: 'Issue a queue ticket for a service at a sede',
      tag: 'tickets',
      roles: ['station', 'counter'],
      body: IssueTicketBody,
      responses: {
        201: { description: 'Issued', schema: TicketResponse },
        400: err('Invalid field'),
        403: err('This station is not at that sede'),
        409: err('The sede is closed now'),
      },
      handler: async ({ body, principal }) => ({
        status: 201,
        body: await issueTicket(ctx, body, principal),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/check-in',
      summary: 'Check in a booked in-person appointment and get a priority ticket (idempotent)',
      tag: 'tickets',
      roles: ['station', 'counter'],
      guessable: true,
      body: CheckInBody,
      responses: {
        201: { description: 'The appointment’s ticket', schema: TicketResponse },
        404: err('No such booking for this codice fiscale'),
        409: err('Too early, too late, cancelled or not in person'),
      },
      handler: async ({ body, principal }) => ({ status: 201, body: await checkIn(ctx, body, principal) }),
    }),
    defineRoute({
      method: 'get',
      path: '/tickets',
      summary: 'The tickets of a sede for a day (today by default)',
      tag: 'tickets',
      roles: ['counter'],
      query: TicketListQuery,
      responses: { 200: { description: 'Tickets in issue order', schema: TicketListResponse } },
      handler: async ({ query }) => ({ body: { tickets: await listTickets(ctx, query.sede, query.day) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/:id/sms',
      summary: 'Send a ticket’s number by SMS (when it could not be printed); once per ticket',
      tag: 'tickets',
      roles: ['station', 'counter'],
      params: z.object({ id: z.string().max(40) }),
      body: TicketSmsBody,
      responses: {
        202: { description: 'Queued for sending' },
        404: err('No such ticket today at this sede'),
        409: err('Already sent, or the ticket is no longer waiting'),
      },
      handler: async ({ params, body, principal }) => {
        await sendTicketBySms(ctx, params.id, body, principal);
        return { status: 202 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tickets/:id/notify',
      summary: 'Send an SMS when the ticket is near the front ("tocca a te tra poco") to this mobile number',
      tag: 'tickets',
      roles: ['station', 'counter'],
      params: z.object({ id: z.string().max(40) }),
      body: TicketNotifyBody,
      responses: {
        204: { description: 'The SMS will be sent when few are ahead (at once if few already are)' },
        400: err('Not a mobile number'),
        404: err('No such ticket today at this sede'),
        409: err('The ticket is no longer waiting, or the SMS has already been sent'),
      },
      handler: async ({ params, body, principal }) => {
        await notifyTicket(ctx, params.id, body, principal);
        return { status: 204 };
      },
    }),
  ];
}

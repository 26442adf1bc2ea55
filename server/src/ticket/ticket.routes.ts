// /api/v1/tickets: issue, check in an appointment, list a day's queue.
import {
  CheckInBody,
  ErrorBody,
  IssueTicketBody,
  TicketListQuery,
  TicketListResponse,
  TicketResponse,
} from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { checkIn, issueTicket, listTickets } from './ticket.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });

export function ticketRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/tickets',
      summary: 'Issue a queue ticket for a service at a sede',
      tag: 'tickets',
      roles: ['station', 'counter', 'admin'],
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
      roles: ['station', 'counter', 'admin'],
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
      roles: ['counter', 'official', 'admin'],
      query: TicketListQuery,
      responses: { 200: { description: 'Tickets in issue order', schema: TicketListResponse } },
      handler: async ({ query }) => ({ body: { tickets: await listTickets(ctx, query.sede, query.day) } }),
    }),
  ];
}

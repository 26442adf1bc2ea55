// The booking desk (/api/v1/desk, /api/v1/bookings, /api/v1/tickets): a citizen's bookings by codice
// fiscale, a new booking on their behalf, moves, cancellations, arrival and absence, and a walk-in ticket.
import type {
  CreateBookingBody,
  CreateBookingResponse,
  DeskBooking,
  DeskBookingResponse,
  DeskCitizenResponse,
  IssueTicketBody,
  TicketResponse,
} from '@sportello/protocol';
import type { z } from 'zod';
import { request } from './api-client.ts';

const bookingPath = (code: string) => `/api/v1/desk/bookings/${encodeURIComponent(code)}`;

/** The codice fiscale travels in the body: never in a URL. */
export const findCitizenBookings = (codiceFiscale: string) =>
  request<DeskCitizenResponse>('POST', '/api/v1/desk/citizen-bookings', { codiceFiscale });

export const fetchDeskBooking = async (code: string): Promise<DeskBooking> =>
  (await request<DeskBookingResponse>('GET', bookingPath(code))).booking;

export type NewBooking = z.infer<typeof CreateBookingResponse>;

export const bookForCitizen = (body: CreateBookingBody) =>
  request<NewBooking>('POST', '/api/v1/bookings', body);

/** Actions on a booking without a body; each answers the booking as it is now. */
export type DeskAction = 'cancel' | 'arrived' | 'no-show';

export const deskAction = async (code: string, action: DeskAction): Promise<DeskBooking> =>
  (await request<DeskBookingResponse>('POST', `${bookingPath(code)}/${action}`)).booking;

export const moveBooking = async (code: string, start: string): Promise<DeskBooking> =>
  (await request<DeskBookingResponse>('POST', `${bookingPath(code)}/reschedule`, { start })).booking;

/** A ticket for a citizen without appointment, at the clerk's sede. */
export const issueWalkInTicket = (body: IssueTicketBody) =>
  request<TicketResponse>('POST', '/api/v1/tickets', body);

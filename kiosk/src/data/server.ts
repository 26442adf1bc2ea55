// Every server call the kiosk makes; screens never build request bodies themselves.
import type {
  AvailabilityResponse,
  Booking,
  BookingMode,
  CatalogResponse,
  CitizenInput,
  AuthMethod,
  IssueTicketBody,
  KioskSessionReport,
  Station,
  TicketResponse,
} from '@sportello/protocol';
import { request } from './api-client.ts';

export const fetchCatalog = () => request<CatalogResponse>('GET', '/api/v1/catalog');

export const fetchStation = async () =>
  (await request<{ station: Station }>('GET', '/api/v1/stations/me')).station;

export function fetchAvailability(q: {
  sede: string;
  service: string;
  mode: BookingMode;
  from: string;
  to: string;
}) {
  const query = new URLSearchParams(q).toString();
  return request<AvailabilityResponse>('GET', `/api/v1/availability?${query}`);
}

export interface NewBooking {
  sede: string;
  service: string;
  mode: BookingMode;
  start: string;
  citizen: CitizenInput;
  authMethod: AuthMethod;
  privacyNoticeVersion: string;
  /** The server's proof of a card-and-PIN sign-in, required for cie-pin and cns-pin from a station. */
  authProof?: string;
}

export const createBooking = (body: NewBooking) =>
  request<{ booking: Booking; admissionCode: string }>('POST', '/api/v1/bookings', body);

/** The codice fiscale travels in the body, never in a URL. */
export const issueTicket = (body: IssueTicketBody) =>
  request<TicketResponse>('POST', '/api/v1/tickets', body);

/** When the ticket could not be printed; the phone number travels in the body, never in a URL. */
export const sendTicketSms = (ticketId: string, body: { sede: string; phone: string; language: string }) =>
  request<void>('POST', `/api/v1/tickets/${encodeURIComponent(ticketId)}/sms`, body);

/** The mobile number for "tocca a te tra poco" (in the body, never in a URL); kept until the ticket ends. */
export const notifyTicket = (ticketId: string, body: { sede: string; phone: string }) =>
  request<void>('POST', `/api/v1/tickets/${encodeURIComponent(ticketId)}/notify`, body);

/** Code and codice fiscale travel in the body, never in a URL. */
export const checkIn = (code: string, codiceFiscale: string) =>
  request<TicketResponse>('POST', '/api/v1/tickets/check-in', { code, codiceFiscale });

export const lookupBooking = async (code: string, codiceFiscale: string) =>
  (await request<{ booking: Booking }>('POST', '/api/v1/bookings/lookup', { code, codiceFiscale })).booking;

/** The ended session's statistics (nothing identifying); the same id sent twice is kept once. */
export const reportSession = (report: KioskSessionReport) =>
  request<void>('POST', '/api/v1/statistics/kiosk-sessions', report);

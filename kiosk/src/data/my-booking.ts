// The citizen's own booking at the kiosk, by its code and their codice fiscale (both in the body, never in
// a URL): see it, cancel it, move it. The server sends the same SMS as from anywhere else.
import type { BookingChangeResponse } from '@sportello/protocol';
import { request } from './api-client.ts';

const path = (code: string, action: string) => `/api/v1/bookings/${encodeURIComponent(code)}/${action}`;

export const cancelMyBooking = (code: string, codiceFiscale: string) =>
  request<BookingChangeResponse>('POST', path(code, 'cancel'), { code, codiceFiscale });

export const moveMyBooking = (code: string, codiceFiscale: string, start: string) =>
  request<BookingChangeResponse>('POST', path(code, 'reschedule'), { code, codiceFiscale, start });

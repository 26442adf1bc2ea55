// The callback worklist: booked telephone callbacks of a day, by the time they are due, and what a try gave.
import type { AppointmentSummary, AppointmentsResponse, CallbackResultBody } from '@sportello/protocol';
import { request } from './api-client.ts';

/** Callbacks still to make on a day (the server's today without a date), ordered by retry time or start. */
export const fetchCallbacks = (date?: string): Promise<AppointmentsResponse> =>
  request<AppointmentsResponse>('GET', `/api/v1/callbacks${date ? `?date=${encodeURIComponent(date)}` : ''}`);

/** done completes the booking; no-answer records a try and texts the citizen; retry-later records a try. */
export const recordCallbackResult = async (
  code: string,
  body: CallbackResultBody,
): Promise<AppointmentSummary> =>
  (
    await request<{ appointment: AppointmentSummary }>(
      'POST',
      `/api/v1/callbacks/${encodeURIComponent(code)}/result`,
      body,
    )
  ).appointment;

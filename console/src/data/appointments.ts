// The official's day: appointments and web meetings of their sede group and sectors (/api/v1/appointments).
import type { AppointmentsResponse } from '@sportello/protocol';
import { request } from './api-client.ts';

/** One day's appointments; without a date, the server's today (its answer says which day that is). */
export const fetchAppointments = (date?: string): Promise<AppointmentsResponse> =>
  request<AppointmentsResponse>(
    'GET',
    `/api/v1/appointments${date ? `?date=${encodeURIComponent(date)}` : ''}`,
  );

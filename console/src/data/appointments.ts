// The official's day: appointments and web meetings of their sede group and sectors (/api/v1/appointments).
import type { AppointmentSummary, AppointmentsResponse, RunningLateBody } from '@sportello/protocol';
import { request } from './api-client.ts';

/** One day's appointments; without a date, the server's today (its answer says which day that is). */
export const fetchAppointments = (date?: string): Promise<AppointmentsResponse> =>
  request<AppointmentsResponse>(
    'GET',
    `/api/v1/appointments${date ? `?date=${encodeURIComponent(date)}` : ''}`,
  );

/** Tells today's web meeting's waiting citizen that the official is running late (5, 10 or 15 minutes). */
export const tellRunningLate = async (code: string, minutes: RunningLateBody['minutes']) =>
  (
    await request<{ appointment: AppointmentSummary }>(
      'POST',
      `/api/v1/appointments/${encodeURIComponent(code)}/late`,
      { minutes },
    )
  ).appointment;

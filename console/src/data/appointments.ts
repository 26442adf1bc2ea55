// The official's day: appointments and web meetings of their sede group and sectors (/api/v1/appointments).
import type {
  AppointmentSummary,
  AppointmentsResponse,
  CallRecord,
  RunningLateBody,
} from '@sportello/protocol';
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

/** Opens (or reopens) the console's record of a web meeting held in Teams: identification, outcome, follow-up. */
export const openTeamsCall = async (code: string) =>
  (await request<{ call: CallRecord }>('POST', `/api/v1/appointments/${encodeURIComponent(code)}/teams-call`))
    .call;

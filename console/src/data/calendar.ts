// The sede's calendar as a manager changes it: closures and absences, the bookings one would displace, adding
// one (its bookings then handled by the server) and removing one.
import type {
  CalendarChangeListResponse,
  CalendarChangePreview,
  CalendarChangePreviewBody,
  CalendarChangeView,
  CreateCalendarChangeBody,
  CreateCalendarChangeResponse,
} from '@sportello/protocol';
import { request } from './api-client.ts';

export const fetchCalendar = (sede: string) =>
  request<CalendarChangeListResponse>('GET', `/api/v1/calendar/changes?sede=${encodeURIComponent(sede)}`);

export const previewChange = (body: CalendarChangePreviewBody) =>
  request<CalendarChangePreview>('POST', '/api/v1/calendar/changes/preview', body);

export const addChange = (body: CreateCalendarChangeBody) =>
  request<CreateCalendarChangeResponse>('POST', '/api/v1/calendar/changes', body);

export const removeChange = (id: string) =>
  request<CalendarChangeView>('DELETE', `/api/v1/calendar/changes/${encodeURIComponent(id)}`);

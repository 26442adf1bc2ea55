// The citizen's booking page: their appointment by the key in the SMS link, its free times, a move, a cancel
// and the calendar file. Types only from protocol: the page carries no schema library.
import type { SelfServiceSlots, SelfServiceView } from '@sportello/protocol';
import { request } from './api-client.ts';

const base = (key: string) => `/api/v1/self-service/${encodeURIComponent(key)}`;

export const fetchBooking = (key: string) => request<SelfServiceView>('GET', base(key));

/** Free times of the booking's own service and mode, days `from` to `to` (YYYY-MM-DD, Rome). */
export const fetchFreeTimes = (key: string, from: string, to: string) =>
  request<SelfServiceSlots>('GET', `${base(key)}/availability?from=${from}&to=${to}`);

/** Answers the booking at its new time; 409 slot_taken (with details.nextSlots) when someone was quicker. */
export const moveBooking = (key: string, start: string) =>
  request<SelfServiceView>('POST', `${base(key)}/reschedule`, { start });

export const cancelBooking = (key: string) => request<SelfServiceView>('POST', `${base(key)}/cancel`);

/** The appointment as an .ics file, opened by a plain link (the phone offers its calendar). */
export const calendarHref = (key: string) => `${base(key)}/calendar`;

/** The key in the page's address: `/p/<key>`. */
export function bookingKey(pathname: string): string | undefined {
  const [first, key, ...rest] = pathname.split('/').filter(Boolean);
  if (first !== 'p' || !key || rest.length > 0) return undefined;
  try {
    return decodeURIComponent(key);
  } catch {
    return undefined;
  }
}

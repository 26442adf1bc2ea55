// The citizen's own booking page (/p/<key>, linked from the SMS): see the appointment, choose another time
// among the real free ones of the same service and mode, cancel it, add it to a calendar. The key is the
// booking code and the random token stored on the booking; a wrong token looks exactly like no booking.
import { timingSafeEqual } from 'node:crypto';
import type { Language, SelfServiceSlots, SelfServiceView } from '@sportello/protocol';
import {
  availability,
  cancelFound,
  publicBooking,
  rescheduleFound,
  type FindBooking,
} from '../booking/booking.service.ts';
import { sedeOf, serviceOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { bookingCalendar, type CalendarFile } from '../notification/icalendar.ts';
import type { StoredBooking, StoreReader } from '../store/store.ts';

async function bookingOfKey(reader: StoreReader, key: string): Promise<StoredBooking> {
  const dot = key.indexOf('.');
  const [code, token] = [key.slice(0, dot), key.slice(dot + 1)];
  const booking = dot > 0 ? await reader.bookingByCode(code) : undefined;
  if (!booking?.selfServiceToken || !sameToken(booking.selfServiceToken, token))
    throw ApiError.notFound('booking');
  return booking;
}

function sameToken(stored: string, given: string): boolean {
  const [a, b] = [Buffer.from(stored), Buffer.from(given)];
  return a.length === b.length && timingSafeEqual(a, b);
}

const findByKey =
  (key: string): FindBooking =>
  (tx) =>
    bookingOfKey(tx, key);

export async function readSelfService(ctx: AppContext, key: string): Promise<SelfServiceView> {
  return ctx.store.read(async (r) => viewOf(ctx, r, await bookingOfKey(r, key)));
}

/** Free times of the booking's own service and mode, at its sede, between two days. */
export async function selfServiceSlots(
  ctx: AppContext,
  key: string,
  range: { from: string; to: string },
): Promise<SelfServiceSlots> {
  const booking = await ctx.store.read((r) => bookingOfKey(r, key));
  const found = await availability(ctx, {
    sede: booking.sede,
    service: booking.service,
    mode: booking.mode,
    ...range,
  });
  // The booking's own time is no new choice.
  const days = found.days.map((d) => ({ ...d, slots: d.slots.filter((s) => s.start !== booking.start) }));
  return { timezone: found.timezone, days };
}

export async function rescheduleSelfService(ctx: AppContext, key: string, start: string) {
  await rescheduleFound(ctx, findByKey(key), start);
  return readSelfService(ctx, key);
}

export async function cancelSelfService(ctx: AppContext, key: string) {
  await cancelFound(ctx, findByKey(key));
  return readSelfService(ctx, key);
}

export async function selfServiceCalendar(ctx: AppContext, key: string): Promise<CalendarFile> {
  const booking = await ctx.store.read((r) => bookingOfKey(r, key));
  if (booking.status !== 'booked') throw new ApiError(409, 'not_active', `this booking is ${booking.status}`);
  return bookingCalendar(ctx, publicBooking(booking));
}

async function viewOf(
  ctx: AppContext,
  reader: StoreReader,
  booking: StoredBooking,
): Promise<SelfServiceView> {
  const sede = sedeOf(ctx.config, booking.sede);
  const service = serviceOf(ctx.config, booking.service);
  const change = booking.displacedBy ? await reader.calendarChange(booking.displacedBy) : undefined;
  const changeable = booking.status === 'booked' && Date.parse(booking.start) > ctx.clock().getTime();
  return {
    code: booking.code,
    status: booking.status,
    sede: { id: sede.id, name: sede.name, address: sede.address },
    service: { id: service.id, name: service.name },
    mode: booking.mode,
    start: booking.start,
    end: booking.end,
    language: booking.citizen.language as Language,
    changeable,
    ...(change && !change.removedAt && changeable
      ? { displaced: { reason: change.reason, kind: change.kind } }
      : {}),
  };
}

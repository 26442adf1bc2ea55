// The booking desk: counter clerks and the contact centre find a citizen's bookings by codice fiscale and
// change them on the citizen's behalf. Each disclosure is audited in the transaction that makes it.
import {
  messageKinds,
  messageStatuses,
  type DeskBooking,
  type DeskCitizenResponse,
} from '@sportello/protocol';
import { DateTime } from 'luxon';
import { auditActions, audit, citizenSubject, type AuditAction } from '../audit/audit.ts';
import { cancelFound, publicBooking, rescheduleFound, type FindBooking } from '../booking/booking.service.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { principalId, type Principal } from '../http/principal.ts';
import type { StoredBooking, StoreReader, StoreTx } from '../store/store.ts';
import { checkIn } from '../ticket/ticket.service.ts';

const ZONE = 'Europe/Rome';
/** How far back "recent" reaches: the store's hot window, which holds every booking of the last week. */
export const RECENT_DAYS = 7;
/** More SMS than one booking ever causes (confirmation, reminder, moves, missed calls, cancellation). */
const MESSAGES_PER_BOOKING = 20;

export async function citizenBookings(
  ctx: AppContext,
  codiceFiscale: string,
  principal: Principal,
): Promise<DeskCitizenResponse> {
  const now = ctx.clock();
  const from = DateTime.fromJSDate(now, { zone: ZONE }).minus({ days: RECENT_DAYS }).toISODate()!;
  return ctx.store.transaction(async (tx) => {
    const found: DeskBooking[] = [];
    for (const booking of await tx.bookingsOfCitizen(codiceFiscale, from))
      found.push(await deskBooking(tx, booking));
    await audit(
      tx,
      now,
      principalId(principal),
      auditActions.deskCitizenBookings,
      citizenSubject(ctx.secret, codiceFiscale),
      { bookings: found.map((b) => b.code).join(' ') },
    );
    const over = (b: DeskBooking) => Date.parse(b.end) <= now.getTime();
    return {
      upcoming: found.filter((b) => !over(b)),
      recent: found.filter(over).reverse(),
      recentDays: RECENT_DAYS,
    };
  });
}

export async function readBooking(ctx: AppContext, code: string, principal: Principal): Promise<DeskBooking> {
  return ctx.store.transaction(async (tx) => {
    const booking = await staffBooking(code)(tx);
    await auditDesk(ctx, tx, principal, auditActions.deskBookingRead, booking);
    return deskBooking(tx, booking);
  });
}

export async function cancelForCitizen(
  ctx: AppContext,
  code: string,
  principal: Principal,
): Promise<DeskBooking> {
  let result: DeskBooking | undefined;
  await cancelFound(ctx, staffBooking(code), async (tx, booking) => {
    await auditDesk(ctx, tx, principal, auditActions.deskBookingCancelled, booking);
    result = await deskBooking(tx, booking);
  });
  return result!;
}

export async function rescheduleForCitizen(
  ctx: AppContext,
  code: string,
  start: string,
  principal: Principal,
): Promise<DeskBooking> {
  let result: DeskBooking | undefined;
  await rescheduleFound(ctx, staffBooking(code), start, async (tx, booking) => {
    await auditDesk(ctx, tx, principal, auditActions.deskBookingMoved, booking);
    result = await deskBooking(tx, booking);
  });
  return result!;
}

/** The citizen of an in-person appointment is at the counter: its ticket is issued as at the kiosk. */
export async function markArrived(ctx: AppContext, code: string, principal: Principal): Promise<DeskBooking> {
  return ctx.store.transaction(async (tx) => {
    const booking = await staffBooking(code)(tx);
    requireClerkOfSede(principal, booking);
    await checkIn(ctx, { code: booking.code, codiceFiscale: booking.citizen.codiceFiscale }, principal, tx);
    await auditDesk(ctx, tx, principal, auditActions.deskArrived, booking);
    return deskBooking(tx, booking);
  });
}

/** The appointment's time has come and its citizen has not: the booking ends as no-show. */
export async function markNoShow(ctx: AppContext, code: string, principal: Principal): Promise<DeskBooking> {
  const now = ctx.clock();
  return ctx.store.transaction(async (tx) => {
    const booking = await staffBooking(code)(tx);
    requireClerkOfSede(principal, booking);
    if (booking.status !== 'booked')
      throw new ApiError(409, 'not_active', `this booking is ${booking.status}`);
    if (booking.mode !== 'inPerson')
      throw new ApiError(
        409,
        'not_in_person',
        'only an appointment at the sede can be missed at the counter',
      );
    if (Date.parse(booking.start) > now.getTime())
      throw new ApiError(409, 'not_started', 'the appointment has not started yet');
    const ticket = await ticketOf(tx, booking);
    if (ticket)
      throw new ApiError(409, 'arrived', `the citizen has arrived: ticket ${ticket.number}`, undefined, {
        ticket: ticket.number,
      });
    const missed: StoredBooking = { ...booking, status: 'no-show', updatedAt: now.toISOString() };
    await tx.updateBooking(missed);
    // A reminder held back by a late worker would now speak of a missed appointment.
    await tx.cancelPendingMessages(booking.code, ['reminder', 'reschedule'], now);
    await auditDesk(ctx, tx, principal, auditActions.deskNoShow, missed);
    return deskBooking(tx, missed);
  });
}

// ---- rules and views ----

/** Staff find a booking by its code alone: they act for the citizen, and every such act is audited. */
const staffBooking =
  (code: string): FindBooking =>
  async (tx) => {
    const booking = await tx.bookingByCode(code);
    if (!booking) throw ApiError.notFound('booking');
    return booking;
  };

/** Arrival and absence are seen at the sede: only its own counter clerks record them. */
function requireClerkOfSede(principal: Principal, booking: StoredBooking): void {
  if (principal.kind !== 'staff' || principal.sede !== booking.sede)
    throw new ApiError(
      403,
      'wrong_sede',
      'only a counter clerk of the appointment’s sede can record the citizen’s arrival or absence',
    );
}

function auditDesk(
  ctx: AppContext,
  tx: StoreTx,
  principal: Principal,
  action: AuditAction,
  booking: StoredBooking,
): Promise<void> {
  return audit(tx, ctx.clock(), principalId(principal), action, booking.code);
}

/** The ticket issued for an appointment on its day, if its citizen arrived. */
async function ticketOf(reader: StoreReader, booking: StoredBooking) {
  const day = DateTime.fromISO(booking.start, { zone: ZONE }).toISODate()!;
  return (await reader.ticketsOfDay(booking.sede, day)).find((t) => t.bookingCode === booking.code);
}

async function deskBooking(reader: StoreReader, booking: StoredBooking): Promise<DeskBooking> {
  const messages = [];
  for (const status of messageStatuses) {
    const found = await reader.outboxMessages({
      status,
      bookingCode: booking.code,
      limit: MESSAGES_PER_BOOKING,
    });
    messages.push(...found.map((m) => ({ kind: m.kind, status: m.status, createdAt: m.createdAt })));
  }
  // Written in one instant (a booking and its reminder), they read in the order a booking causes them.
  const order = (kind: string) => messageKinds.indexOf(kind as (typeof messageKinds)[number]);
  messages.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || order(a.kind) - order(b.kind));
  const ticket = booking.mode === 'inPerson' ? await ticketOf(reader, booking) : undefined;
  return {
    ...publicBooking(booking),
    ...(ticket && { ticket: { number: ticket.number, status: ticket.status } }),
    messages,
  };
}

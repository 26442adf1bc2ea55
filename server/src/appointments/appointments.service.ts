// The official's day: the bookings of their sede group and sectors, the callback worklist, and what came of
// each callback (done, no answer with the missed-call SMS, or try again later that day).
import type { AppointmentSummary, CallbackResultBody } from '@sportello/protocol';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { audit, auditActions, type AuditAction } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { teamsCallSummary } from '../video/teams/teams-call.service.ts';
import { teamsJoinUrl } from '../video/teams/teams-meetings.service.ts';
import { ApiError } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import {
  MISSED_CALL_SMS_PER_BOOKING,
  missedCallSmsSent,
  queueMissedCall,
} from '../notification/booking-messages.ts';
import type { StoredBooking, StoredCallback } from '../store/store.ts';
import { groupOf, officialOfAccount, sediOf } from '../video/matching.ts';

const ZONE = 'Europe/Rome';
/** retry-later without a time: call again in an hour. */
const DEFAULT_RETRY_MS = 60 * 60_000;

/** What an official may see and act on: the sedi of their group, their sectors. */
export interface OfficialScope {
  /** The staff account, the actor of audit events. */
  username: string;
  official: string;
  group: string;
  sedi: string[];
  sectors: readonly string[];
}

export function scopeOf(ctx: AppContext, principal: Principal): OfficialScope {
  if (principal.kind !== 'staff') throw new ApiError(401, 'unauthenticated', 'sign in first');
  const official = officialOfAccount(ctx, principal.username);
  if (!official)
    throw new ApiError(403, 'not_an_official', 'this account is not linked to an official’s record');
  const group = groupOf(ctx.config, official.sede);
  return {
    username: principal.username,
    official: official.id,
    group,
    sedi: sediOf(ctx.config, group).map((s) => s.id),
    sectors: official.sectors,
  };
}

export function today(ctx: AppContext): string {
  return DateTime.fromJSDate(ctx.clock(), { zone: ZONE }).toISODate()!;
}

/** Every booking of the day in the official's group and sectors, whatever its mode and status, by start. */
export function appointmentsOfDay(ctx: AppContext, scope: OfficialScope, day: string) {
  return auditedDay(ctx, scope, day, auditActions.appointmentsRead, (all) => all);
}

/** The callbacks still to make that day, the one due first (its retry time, else its start) on top. */
export function callbacksOfDay(ctx: AppContext, scope: OfficialScope, day: string) {
  const due = (a: AppointmentSummary) => Date.parse(a.callback?.retryAt ?? a.start);
  return auditedDay(ctx, scope, day, auditActions.callbacksRead, (all) =>
    all
      .filter((a) => a.mode === 'callback' && a.status === 'booked')
      .sort((a, b) => due(a) - due(b) || a.code.localeCompare(b.code)),
  );
}

/** Reads the day and appends its audit event in one transaction: no disclosure goes unrecorded. */
function auditedDay(
  ctx: AppContext,
  scope: OfficialScope,
  day: string,
  action: AuditAction,
  select: (all: AppointmentSummary[]) => AppointmentSummary[],
): Promise<AppointmentSummary[]> {
  return ctx.store
    .transaction(async (tx) => {
      const bookings = (await Promise.all(scope.sedi.map((sede) => tx.bookingsOfDay(sede, day)))).flat();
      const waiting = new Map(
        (await tx.videoQueue())
          .filter((e) => e.status === 'waiting' && e.bookingCode)
          .map((e) => [e.bookingCode!, e.id]),
      );
      const list = select(
        bookings
          .filter((b) => scope.sectors.includes(b.sector))
          .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.code.localeCompare(b.code))
          .map((b) => summaryOf(b, b.mode === 'webMeeting' ? waiting.get(b.code) : undefined)),
      );
      // The list carries the citizens' names and phone numbers.
      await audit(tx, ctx.clock(), scope.username, action, day, { group: scope.group, count: list.length });
      return list;
    })
    .then((list) => withTeamsLinks(ctx, list));
}

/**
 * Web meetings held in Teams get their join link ("Apri in Teams"), once the meeting exists, and what has
 * been recorded of them in our console.
 */
async function withTeamsLinks(ctx: AppContext, list: AppointmentSummary[]): Promise<AppointmentSummary[]> {
  return Promise.all(
    list.map(async (a) => {
      if (a.mode !== 'webMeeting') return a;
      const url = await teamsJoinUrl(ctx, a.code);
      const teamsCall = await ctx.store.read((r) => teamsCallSummary(r, a.code));
      return { ...a, ...(url ? { teamsJoinUrl: url } : {}), ...(teamsCall ? { teamsCall } : {}) };
    }),
  );
}

type ResultInput = z.output<typeof CallbackResultBody>;

export async function recordCallbackResult(
  ctx: AppContext,
  scope: OfficialScope,
  code: string,
  input: ResultInput,
): Promise<AppointmentSummary> {
  const now = ctx.clock();
  const at = now.toISOString();
  const first = await ctx.store.read((r) => r.bookingByCode(code));
  requireOwnBookedCallback(scope, first);
  const retryAt = input.result === 'retry-later' ? retryTime(first, input.retryAt, now) : undefined;
  const updated = await ctx.store.transaction(async (tx) => {
    const booking = await tx.bookingByCode(code);
    requireOwnBookedCallback(scope, booking);
    // The missed-call SMS as POST /bookings/:code/missed-call sends it, in the attempt's own transaction;
    // past the limit the attempt is still recorded, without an SMS.
    const messageId = input.result === 'no-answer' ? await queueMissedCall(ctx, tx, booking) : undefined;
    const notes = input.notes ? { notes: input.notes } : {};
    let next: StoredBooking;
    if (input.result === 'done') {
      const { retryAt: _done, ...rest } = booking.callback ?? { attempts: [] };
      next = {
        ...booking,
        status: 'completed',
        callback: { ...rest, done: { at, official: scope.official, ...notes } },
        updatedAt: at,
      };
    } else {
      const attempt = { at, official: scope.official, result: input.result, ...notes };
      next = withAttempt(booking, messageId ? { ...attempt, messageId } : attempt, retryAt);
    }
    await tx.updateBooking(next);
    await audit(tx, now, scope.username, auditActions.callbackResult, code, { result: input.result });
    return next;
  });
  return summaryOf(updated);
}

/**
 * POST /bookings/:code/missed-call: the official phoned the callback at its time and nobody answered.
 * Recorded as a no-answer attempt with the SMS; answers the message id.
 */
export async function reportMissedCall(ctx: AppContext, scope: OfficialScope, code: string): Promise<string> {
  const now = ctx.clock();
  return ctx.store.transaction(async (tx) => {
    const booking = await tx.bookingByCode(code);
    requireOwnBookedCallback(scope, booking);
    if (Date.parse(booking.start) > now.getTime())
      throw new ApiError(409, 'too_early', 'the callback’s time has not come: there is no missed call yet');
    if (missedCallSmsSent(booking) >= MISSED_CALL_SMS_PER_BOOKING)
      throw new ApiError(
        409,
        'missed_call_limit',
        `the citizen has had ${MISSED_CALL_SMS_PER_BOOKING} missed-call SMS for this booking already`,
      );
    const messageId = await queueMissedCall(ctx, tx, booking);
    if (!messageId)
      throw new ApiError(409, 'not_a_mobile', 'the citizen gave a landline, which takes no SMS');
    const at = now.toISOString();
    await tx.updateBooking(
      withAttempt(booking, { at, official: scope.official, result: 'no-answer', messageId }),
    );
    return messageId;
  });
}

function withAttempt(
  booking: StoredBooking,
  attempt: StoredCallback['attempts'][number],
  retryAt?: string,
): StoredBooking {
  const callback: StoredCallback = booking.callback ?? { attempts: [] };
  return {
    ...booking,
    callback: { ...callback, attempts: [...callback.attempts, attempt], ...(retryAt ? { retryAt } : {}) },
    updatedAt: attempt.at,
  };
}

function requireOwnBookedCallback(
  scope: OfficialScope,
  booking: StoredBooking | undefined,
): asserts booking is StoredBooking {
  if (!booking) throw new ApiError(404, 'booking_not_found', 'there is no booking with this code');
  if (!scope.sedi.includes(booking.sede) || !scope.sectors.includes(booking.sector))
    throw new ApiError(403, 'not_yours', 'this booking is for another sede group or sector than yours');
  if (booking.mode !== 'callback')
    throw new ApiError(409, 'not_a_callback', 'this booking is not a callback');
  if (booking.status !== 'booked')
    throw new ApiError(409, 'not_active', `this callback is ${booking.status}, not waiting for a call`);
}

/** When to call again: later than now and still on the callback's own day (its worklist). */
function retryTime(booking: StoredBooking, asked: string | undefined, now: Date): string {
  const retryAt = asked ?? DateTime.fromMillis(now.getTime() + DEFAULT_RETRY_MS, { zone: ZONE }).toISO()!;
  const dayEnd = DateTime.fromISO(booking.start, { zone: ZONE }).endOf('day');
  if (Date.parse(retryAt) <= now.getTime()) throw ApiError.field('retryAt', 'must be later than now');
  if (Date.parse(retryAt) > dayEnd.toMillis())
    throw ApiError.field(
      'retryAt',
      `must be on the callback's day (by ${dayEnd.toFormat('HH:mm')} of ${dayEnd.toISODate()}): book a new callback instead`,
    );
  return retryAt;
}

export function summaryOf(booking: StoredBooking, waitingEntryId?: string): AppointmentSummary {
  const { callback } = booking;
  return {
    code: booking.code,
    sede: booking.sede,
    service: booking.service,
    sector: booking.sector,
    mode: booking.mode,
    start: booking.start,
    end: booking.end,
    status: booking.status,
    citizen: {
      firstName: booking.citizen.firstName,
      lastName: booking.citizen.lastName,
      phone: booking.citizen.phone,
    },
    ...(waitingEntryId ? { waitingEntryId } : {}),
    ...(booking.runningLate
      ? { runningLate: { minutes: booking.runningLate.minutes, at: booking.runningLate.at } }
      : {}),
    ...(callback
      ? {
          callback: {
            attempts: callback.attempts.map(({ at, official, result }) => ({ at, official, result })),
            ...(callback.retryAt ? { retryAt: callback.retryAt } : {}),
          },
        }
      : {}),
  };
}

// Admission to a booked web meeting from home: the SMS admission code, checked against the booking's HMAC,
// with wrong codes counted on the booking itself (5, then a 15-minute lock) so the limit survives restarts.
import type { MeetingAdmitResponse } from '@sportello/protocol';
import { DateTime } from 'luxon';
import { admissionCodeMatches } from '../booking/booking-codes.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { StoredBooking } from '../store/store.ts';
import { teamsJoinUrl, teamsSettingsFor } from '../video/teams/teams-meetings.service.ts';

/** The waiting room opens this long before the start. */
export const OPENS_BEFORE_MS = 15 * 60_000;
export const MAX_WRONG_CODES = 5;
export const LOCK_MS = 15 * 60_000;

export interface Admission {
  meeting: MeetingAdmitResponse['meeting'];
  /** The cookie's token expires then (the meeting's end), ms since the epoch. */
  expiresAt: number;
}

type Outcome =
  | { kind: 'admitted'; booking: StoredBooking }
  | { kind: 'wrong'; failures: number }
  | { kind: 'locked'; retryAt: string; justNow: boolean };

export async function admitToMeeting(
  ctx: AppContext,
  input: { code: string; admissionCode: string },
): Promise<Admission> {
  const now = ctx.clock();
  // The count is written even though the answer is an error, so the transaction returns and we throw after.
  const outcome = await ctx.store.transaction(async (tx): Promise<Outcome> => {
    const booking = await tx.bookingByCode(input.code);
    if (!booking) throw new ApiError(404, 'booking_not_found', 'there is no booking with this code');
    if (booking.mode !== 'webMeeting')
      throw new ApiError(409, 'not_a_web_meeting', 'this booking is not a web meeting');
    if (booking.status === 'cancelled')
      throw new ApiError(409, 'booking_cancelled', 'this web meeting has been cancelled');
    if (booking.status !== 'booked' || Date.parse(booking.end) <= now.getTime())
      throw new ApiError(410, 'meeting_over', 'this web meeting is over', undefined, { end: booking.end });

    const failures = booking.admissionFailures;
    const lockedUntil = failures?.lockedUntil;
    if (lockedUntil && Date.parse(lockedUntil) > now.getTime())
      return { kind: 'locked', retryAt: lockedUntil, justNow: false };

    if (admissionCodeMatches(ctx.secret, booking.code, input.admissionCode, booking.admissionCodeHash)) {
      if (failures) {
        const { admissionFailures: _reset, ...rest } = booking;
        await tx.updateBooking({ ...rest, updatedAt: now.toISOString() });
      }
      return { kind: 'admitted', booking };
    }

    // A lock that has run out starts a fresh count.
    const count = (lockedUntil ? 0 : (failures?.count ?? 0)) + 1;
    const lock = count >= MAX_WRONG_CODES ? new Date(now.getTime() + LOCK_MS).toISOString() : undefined;
    await tx.updateBooking({
      ...booking,
      admissionFailures: lock ? { count, lockedUntil: lock } : { count },
      updatedAt: now.toISOString(),
    });
    return lock ? { kind: 'locked', retryAt: lock, justNow: true } : { kind: 'wrong', failures: count };
  });

  if (outcome.kind === 'wrong' || (outcome.kind === 'locked' && outcome.justNow)) {
    // The booking code only: never the citizen's data nor the digits typed.
    ctx.log.warn(
      {
        booking: input.code,
        failures: outcome.kind === 'wrong' ? outcome.failures : MAX_WRONG_CODES,
        locked: outcome.kind === 'locked',
      },
      'wrong web-meeting admission code',
    );
  }
  if (outcome.kind === 'wrong') {
    const attemptsLeft = MAX_WRONG_CODES - outcome.failures;
    throw new ApiError(
      403,
      'wrong_admission_code',
      `admissionCode: this is not the code of the SMS; ${attemptsLeft} tries left`,
      [{ path: 'admissionCode', message: 'this is not the code of the SMS' }],
      { attemptsLeft },
    );
  }
  if (outcome.kind === 'locked') {
    throw new ApiError(429, 'too_many_attempts', 'too many wrong codes: try again in 15 minutes', undefined, {
      retryAt: outcome.retryAt,
    });
  }

  const { booking } = outcome;
  // In the booking's own offset, as its start and end are written.
  const opensAt = DateTime.fromISO(booking.start, { setZone: true })
    .minus({ milliseconds: OPENS_BEFORE_MS })
    .toISO({ suppressMilliseconds: true })!;
  if (now.getTime() < Date.parse(opensAt)) {
    throw new ApiError(
      409,
      'meeting_not_open',
      'the waiting room opens 15 minutes before the start',
      undefined,
      {
        opensAt,
      },
    );
  }
  // A Teams meeting not made by now is held on this page (the fallback), as the page tells the citizen.
  const teams = teamsSettingsFor(ctx, booking)
    ? ((await teamsJoinUrl(ctx, booking.code)) ?? false)
    : undefined;
  return {
    meeting: {
      code: booking.code,
      service: booking.service,
      sede: booking.sede,
      start: booking.start,
      end: booking.end,
      opensAt,
      firstName: booking.citizen.firstName,
      ...(teams ? { teamsJoinUrl: teams } : teams === false ? { teamsFallback: true } : {}),
    },
    expiresAt: Date.parse(booking.end),
  };
}

// The official's "Sono in ritardo di alcuni minuti": kept on today's web meeting, audited, and announced on a
// channel so that the hub holding the citizen's waiting page (on any instance) tells it at once.
import type { RunningLateBody, ServerMessage } from '@sportello/protocol';
import { DateTime } from 'luxon';
import { audit, auditActions } from '../audit/audit.ts';
import type { OfficialScope } from '../appointments/appointments.service.ts';
import { summaryOf } from '../appointments/appointments.service.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { StoredBooking } from '../store/store.ts';

export const RUNNING_LATE_CHANNEL = 'meeting-running-late';
const ZONE = 'Europe/Rome';

/** What the hub relays: the booking whose page must hear it, and the message itself. */
export interface RunningLateNotice {
  code: string;
  message: Extract<ServerMessage, { type: 'meeting.late' }>;
}

export async function tellRunningLate(
  ctx: AppContext,
  scope: OfficialScope,
  code: string,
  input: RunningLateBody,
) {
  const now = ctx.clock();
  const at = now.toISOString();
  const updated = await ctx.store.transaction(async (tx) => {
    const booking = await tx.bookingByCode(code);
    requireOwnMeetingOfToday(scope, booking, now);
    const next: StoredBooking = {
      ...booking,
      runningLate: { minutes: input.minutes, at, official: scope.official },
      updatedAt: at,
    };
    await tx.updateBooking(next);
    await audit(tx, now, scope.username, auditActions.meetingRunningLate, code, { minutes: input.minutes });
    const notice: RunningLateNotice = { code, message: lateMessageOf(next)! };
    tx.notify(RUNNING_LATE_CHANNEL, JSON.stringify(notice));
    return next;
  });
  return summaryOf(updated);
}

/** The message a waiting page gets for this booking, if its official said they are late. */
export function lateMessageOf(booking: StoredBooking): RunningLateNotice['message'] | undefined {
  const late = booking.runningLate;
  return late ? { type: 'meeting.late', minutes: late.minutes, at: late.at } : undefined;
}

function requireOwnMeetingOfToday(
  scope: OfficialScope,
  booking: StoredBooking | undefined,
  now: Date,
): asserts booking is StoredBooking {
  if (!booking) throw new ApiError(404, 'booking_not_found', 'there is no booking with this code');
  if (!scope.sedi.includes(booking.sede) || !scope.sectors.includes(booking.sector))
    throw new ApiError(403, 'not_yours', 'this booking is for another sede group or sector than yours');
  if (booking.mode !== 'webMeeting')
    throw new ApiError(409, 'not_a_web_meeting', 'this booking is not a web meeting');
  if (booking.status !== 'booked' || Date.parse(booking.end) <= now.getTime())
    throw new ApiError(
      409,
      'not_active',
      `this web meeting is ${booking.status === 'booked' ? 'over' : booking.status}`,
    );
  const day = (iso: string | Date) =>
    (typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso)).setZone(ZONE).toISODate();
  if (day(booking.start) !== day(now))
    throw new ApiError(409, 'not_today', 'only today’s web meetings can be told the official is late');
}

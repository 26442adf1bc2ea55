// A booked web meeting held in Teams has no media in our console, but its identification checklist, outcome
// and follow-up are recorded here all the same: on a call record of provider `teams` tied to the booking,
// which the built-in call routes (/video/calls/:callId/…) then fill in as for any call.
import { Language, type CallRecord } from '@sportello/protocol';
import { audit, auditActions } from '../../audit/audit.ts';
import type { OfficialScope } from '../../appointments/appointments.service.ts';
import type { AppContext } from '../../context.ts';
import { ApiError } from '../../http/api-error.ts';
import type { StoreReader } from '../../store/store.ts';

/** One record per booking: opening it again answers the same record. */
export const teamsCallId = (bookingCode: string) => `teams-${bookingCode}`;

/**
 * Opens (or reopens) the record of a Teams web meeting for the official: only a booking of their sede group
 * and sector, held in Teams and not cancelled; once opened, the record is that official's, as a built-in
 * call is the official's who answered it. The answer carries the citizen, so the read is audited.
 */
export function openTeamsCall(ctx: AppContext, scope: OfficialScope, code: string): Promise<CallRecord> {
  return ctx.store.transaction(async (tx) => {
    const booking = await tx.bookingByCode(code);
    if (!booking) throw new ApiError(404, 'booking_not_found', 'there is no booking with this code');
    if (!scope.sedi.includes(booking.sede) || !scope.sectors.includes(booking.sector))
      throw new ApiError(403, 'not_yours', 'this booking is for another sede group or sector than yours');
    const meeting = await tx.teamsMeeting(code);
    if (!meeting || booking.mode !== 'webMeeting')
      throw new ApiError(409, 'not_a_teams_meeting', 'this booking has no Teams meeting');
    if (meeting.cancelled || booking.status === 'cancelled')
      throw new ApiError(409, 'not_active', 'this web meeting has been cancelled');
    const now = ctx.clock();
    const at = now.toISOString();
    const callId = teamsCallId(code);
    const existing = await tx.callRecord(callId);
    if (existing && existing.official !== scope.official)
      throw new ApiError(403, 'not_your_call', 'this meeting is recorded by another official');
    let record: CallRecord;
    if (existing) record = existing;
    else {
      const c = booking.citizen;
      const language = Language.safeParse(c.language);
      record = {
        callId,
        entryId: callId,
        origin: 'web',
        provider: 'teams',
        group: scope.group,
        sector: booking.sector,
        service: booking.service,
        sede: booking.sede,
        bookingCode: code,
        official: scope.official,
        citizen: {
          codiceFiscale: c.codiceFiscale,
          firstName: c.firstName,
          lastName: c.lastName,
          phone: c.phone,
          ...(language.success ? { language: language.data } : {}),
          authMethod: booking.authMethod,
        },
        // Nobody waited in our room: the wait is not ours to count.
        waitedSince: at,
        startedAt: at,
      };
      await tx.putCallRecord(record);
    }
    await audit(tx, now, scope.username, auditActions.callRead, callId, { route: 'teams-call' });
    return record;
  });
}

/** What the appointment list shows of a Teams meeting's record. */
export async function teamsCallSummary(reader: StoreReader, code: string) {
  const record = await reader.callRecord(teamsCallId(code));
  if (!record) return undefined;
  return {
    callId: record.callId,
    identificationRecorded: record.identification !== undefined,
    outcomeRecorded: record.outcome !== undefined,
  };
}

// Booked web meetings held in Microsoft Teams: the booking's transaction writes what Graph should hold
// (store/teams-meetings.ts) and the worker (teams-worker.ts) makes it so. The confirmation SMS is held until
// the meeting exists, or goes at its due time anyway with the built-in meeting page as the fallback.
import { webMeetingProviderOf, type Booking, type TeamsGraphSettings } from '@sportello/protocol';
import type { AppContext } from '../../context.ts';
import type { StoreTx } from '../../store/store.ts';
import type { TeamsMeeting } from '../../store/teams-meetings.ts';

/** Told on commit to every instance's worker: a record has work due now. */
export const TEAMS_CHANNEL = 'teams-meetings';

/** The Graph settings when this booking's meeting is a Teams one; undefined for the built-in page. */
export function teamsSettingsFor(
  ctx: Pick<AppContext, 'config'>,
  booking: Pick<Booking, 'mode' | 'sede' | 'service'>,
): (TeamsGraphSettings & { organizer: string }) | undefined {
  const graph = ctx.config.teams?.graph;
  if (booking.mode !== 'webMeeting' || webMeetingProviderOf(graph, booking.sede, booking.service) !== 'teams')
    return undefined;
  const organizer = graph?.organizers[booking.sede];
  return graph && organizer ? { ...graph, organizer } : undefined;
}

/**
 * Until when the confirmation of a new Teams web meeting waits for its meeting: the configured wait, but
 * never past ten minutes before the slot.
 */
export function smsHoldUntil(settings: TeamsGraphSettings, booking: Pick<Booking, 'start'>, now: Date): Date {
  const wait = now.getTime() + settings.smsWaitMinutes * 60_000;
  const latest = Date.parse(booking.start) - 10 * 60_000;
  return new Date(Math.max(now.getTime(), Math.min(wait, latest)));
}

/** The meeting's subject: the booking code only, never the citizen's name or service. */
export const meetingSubject = (code: string) => `Appuntamento INPS ${code}`;

/** A new Teams web meeting: its record, due now, in the booking's transaction. */
export async function scheduleTeamsMeeting(
  ctx: AppContext,
  tx: StoreTx,
  booking: Booking,
  heldMessageId: string | undefined,
): Promise<void> {
  const settings = teamsSettingsFor(ctx, booking);
  if (!settings) return;
  const now = ctx.clock().toISOString();
  await tx.putTeamsMeeting({
    bookingCode: booking.code,
    sede: booking.sede,
    organizer: settings.organizer,
    start: new Date(booking.start).toISOString(),
    end: new Date(booking.end).toISOString(),
    subject: meetingSubject(booking.code),
    cancelled: false,
    version: 1,
    syncedVersion: 0,
    ...(heldMessageId ? { heldMessageId } : {}),
    dueAt: now,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  });
  tx.notify(TEAMS_CHANNEL, booking.code);
}

/** A moved booking: its meeting gets the new time (a PATCH). */
export function rescheduleTeamsMeeting(ctx: AppContext, tx: StoreTx, booking: Booking): Promise<void> {
  return change(ctx, tx, booking.code, (m) => ({
    ...m,
    start: new Date(booking.start).toISOString(),
    end: new Date(booking.end).toISOString(),
  }));
}

/** A cancelled booking: its meeting is deleted, and a confirmation still held is not sent. */
export async function cancelTeamsMeeting(ctx: AppContext, tx: StoreTx, booking: Booking): Promise<void> {
  const meeting = await tx.teamsMeeting(booking.code);
  if (!meeting) return;
  if (meeting.heldMessageId) await tx.cancelPendingMessages(booking.code, ['confirmation'], ctx.clock());
  await change(ctx, tx, booking.code, (m) => ({ ...m, cancelled: true }));
}

async function change(
  ctx: AppContext,
  tx: StoreTx,
  code: string,
  edit: (meeting: TeamsMeeting) => TeamsMeeting,
): Promise<void> {
  const meeting = await tx.teamsMeeting(code);
  if (!meeting) return;
  const now = ctx.clock().toISOString();
  // A lease under way stays: its worker sees the higher version when it finishes and leaves the work due.
  await tx.putTeamsMeeting({
    ...edit(meeting),
    version: meeting.version + 1,
    dueAt: now,
    attempts: 0,
    updatedAt: now,
  });
  tx.notify(TEAMS_CHANNEL, code);
}

/** The Teams link of a booking's meeting, once it exists and is not cancelled. */
export async function teamsJoinUrl(ctx: AppContext, code: string): Promise<string | undefined> {
  const meeting = await ctx.store.read((r) => r.teamsMeeting(code));
  return meeting && !meeting.cancelled ? meeting.joinUrl : undefined;
}

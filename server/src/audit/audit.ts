// The audit log's vocabulary: every time staff receive a citizen's personal data, one event is appended in
// the same store transaction as the read or change that discloses it; so is every admin's action on staff
// accounts and on the SMS outbox. Subjects are call ids, booking codes, keyed hashes, usernames or message
// ids, never the codice fiscale or a citizen's name.
import { createHmac } from 'node:crypto';
import type { AuditEvent, StoreTx } from '../store/store.ts';

export const auditActions = {
  /** An official was given the citizen of a call (call.started on /ws). */
  callCitizenData: 'video.call.citizen-data',
  /** A call record, with its citizen, was read or answered after a change over REST. */
  callRead: 'video.call.read',
  /** A follow-up appointment was booked for the citizen of a call; its booking came back to the official. */
  callFollowUp: 'video.call.follow-up',
  /** An official read the day's bookings of their group and sectors (subject: the day). */
  appointmentsRead: 'appointments.read',
  /** An official read the day's callback worklist (subject: the day). */
  callbacksRead: 'callbacks.read',
  /** An official recorded what came of a callback; its summary came back (subject: the booking). */
  callbackResult: 'callbacks.result',
  /** An official told today's web meeting's citizen they are running late (subject: the booking; details: minutes). */
  meetingRunningLate: 'meetings.running-late',
  /** A counter clerk called a ticket that carries a citizen (codice fiscale, booking): subject the ticket id. */
  ticketCitizenData: 'floor.ticket.citizen-data',
  /** The desk looked up a citizen's bookings (subject: citizenSubject of the codice fiscale; details: the codes). */
  deskCitizenBookings: 'desk.citizen-bookings',
  /** The desk read one booking, with its citizen (subject: the booking). */
  deskBookingRead: 'desk.booking.read',
  /** The desk cancelled a booking on the citizen's behalf (subject: the booking). */
  deskBookingCancelled: 'desk.booking.cancel',
  /** The desk moved a booking on the citizen's behalf (subject: the booking). */
  deskBookingMoved: 'desk.booking.reschedule',
  /** A counter clerk marked an appointment's citizen arrived and issued its ticket (subject: the booking). */
  deskArrived: 'desk.booking.arrived',
  /** A counter clerk marked an appointment's citizen absent (subject: the booking). */
  deskNoShow: 'desk.booking.no-show',
  /** An admin created a staff account (subject: the username; details: roles, sede, official). */
  staffCreated: 'staff.account.created',
  /** An admin changed an account's name, roles, sede or official (subject: the username). */
  staffUpdated: 'staff.account.updated',
  /** An admin disabled an account and ended its sessions (subject: the username). */
  staffDisabled: 'staff.account.disabled',
  /** An admin enabled a disabled account again (subject: the username). */
  staffEnabled: 'staff.account.enabled',
  /** An admin gave an account a new password, to be changed at its next sign-in (subject: the username). */
  staffPasswordReset: 'staff.account.password-reset',
  /** A person chose their own password at sign-in (actor and subject: the username). */
  staffPasswordChanged: 'staff.password.changed',
  /** An admin sent a dead SMS again (subject: the message id; details: kind, booking). */
  smsRetried: 'sms.dead-letter.retried',
  /** An admin gave up on a dead SMS for good (subject: the message id; details: kind, booking). */
  smsCancelled: 'sms.dead-letter.cancelled',
  /** The citizen cancelled their booking at a kiosk (actor: the station; subject: the booking). */
  stationBookingCancelled: 'station.booking.cancel',
  /** The citizen moved their booking at a kiosk (actor: the station; subject: the booking). */
  stationBookingMoved: 'station.booking.reschedule',
} as const;
export type AuditAction = (typeof auditActions)[keyof typeof auditActions];

export function audit(
  tx: StoreTx,
  at: Date,
  actor: string,
  action: AuditAction,
  subject: string,
  details?: AuditEvent['details'],
): Promise<void> {
  return tx.appendAudit({ at: at.toISOString(), actor, action, subject, ...(details && { details }) });
}

/**
 * A citizen as an audit subject: a keyed hash of the codice fiscale, the same for every look-up of that
 * person, which names nobody without the server's secret (a plain hash of so small a space is reversible).
 */
export function citizenSubject(secret: Buffer, codiceFiscale: string): string {
  return `cf:${createHmac('sha256', secret).update(`audit-citizen:${codiceFiscale}`).digest('hex').slice(0, 24)}`;
}

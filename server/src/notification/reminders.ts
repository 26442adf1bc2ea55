// When a reminder is due, and whether a message still makes sense at the moment it would go out.
import type { Booking, NotificationSettings } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import type { OutboxMessage } from '../store/store.ts';

/** A reminder falling this close to the booking itself is skipped: the confirmation has just arrived. */
export const REMINDER_MIN_NOTICE_MINUTES = 15;

export function reminderDueAt(
  settings: NotificationSettings,
  booking: Pick<Booking, 'mode' | 'start'>,
): Date {
  return new Date(Date.parse(booking.start) - settings.reminderLeadMinutes[booking.mode] * 60_000);
}

export function reminderWanted(
  settings: NotificationSettings,
  booking: Pick<Booking, 'mode' | 'start'>,
  now: Date,
): boolean {
  return reminderDueAt(settings, booking).getTime() - now.getTime() >= REMINDER_MIN_NOTICE_MINUTES * 60_000;
}

/**
 * Why a claimed message should not go out now, or undefined to send it. Checked just before sending,
 * whatever happened since it was enqueued: no reminder for a slot cancelled, moved or already begun.
 */
export async function reasonNotToSend(ctx: AppContext, message: OutboxMessage): Promise<string | undefined> {
  // These speak of something that has already happened, or of a queue ticket (no booking behind it).
  if (
    message.kind === 'cancellation' ||
    message.kind === 'missed-call' ||
    message.kind === 'ticket' ||
    message.kind === 'ticket-almost'
  )
    return undefined;
  const booking = await ctx.store.read((r) => r.bookingByCode(message.bookingCode));
  if (!booking) return 'the booking no longer exists';
  if (Date.parse(booking.start) <= ctx.clock().getTime()) return 'the appointment has already started';
  if (message.kind === 'reminder') {
    if (booking.status !== 'booked') return `the booking is ${booking.status}`;
    if (Date.parse(booking.start) !== Date.parse(message.slotStart)) return 'the appointment was moved';
  }
  return undefined;
}

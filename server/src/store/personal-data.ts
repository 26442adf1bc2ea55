// What the retention job strips from each kind of record, the same in every store.
import type { CallRecord } from '@sportello/protocol';
import { REMOVED, type StoredBooking, type StoredTicket } from './store.ts';

/** Blanks the citizen of a booking and the officials' free-text notes on it; false if already done. */
export function removeFromBooking(booking: StoredBooking, stamp: string): boolean {
  if (booking.personalDataRemovedAt) return false;
  booking.citizen = {
    ...booking.citizen,
    codiceFiscale: REMOVED,
    firstName: REMOVED,
    lastName: REMOVED,
    phone: REMOVED,
  };
  // Officials' notes on callbacks are free text about the citizen.
  for (const attempt of booking.callback?.attempts ?? []) delete attempt.notes;
  if (booking.callback?.done) delete booking.callback.done.notes;
  booking.personalDataRemovedAt = stamp;
  return true;
}

/** Drops a ticket's codice fiscale and mobile number; false if already done. */
export function removeFromTicket(ticket: StoredTicket, stamp: string): boolean {
  if (ticket.personalDataRemovedAt) return false;
  delete ticket.codiceFiscale;
  delete ticket.notifyPhone;
  ticket.personalDataRemovedAt = stamp;
  return true;
}

/**
 * Strips what identifies a person from a call record: the citizen, the assistant's name, the notes
 * (free text about the case). Times, sector, service, outcome and the checklist's ticks stay for
 * statistics. Answers whether anything was removed.
 */
export function removeFromCallRecord(record: CallRecord): boolean {
  let changed = false;
  if (record.citizen) {
    delete record.citizen;
    changed = true;
  }
  if (record.assistedBy !== undefined) {
    delete record.assistedBy;
    changed = true;
  }
  if (record.identification?.assistant && record.identification.assistant.name !== REMOVED) {
    record.identification.assistant.name = REMOVED;
    changed = true;
  }
  if (record.outcome?.notes !== undefined) {
    delete record.outcome.notes;
    changed = true;
  }
  return changed;
}

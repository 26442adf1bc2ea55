// The office's rule for who is called next: checked-in appointments at their time, then everyone by
// arrival, priorities credited with a bounded head start (so nobody is starved), then by number.
import type { FloorSettings, Ticket } from '@sportello/protocol';

type Queued = Pick<
  Ticket,
  'id' | 'number' | 'status' | 'service' | 'priority' | 'issuedAt' | 'appointmentStart' | 'targetCounter'
>;

/** A counter as the rule sees it: which services it calls. */
export interface CallingCounter {
  id: string;
  services: string[];
}

/** The waiting tickets of a sede in the order "call next" takes them (all services together). */
export function queueOrder<T extends Queued>(tickets: readonly T[], now: Date, settings: FloorSettings): T[] {
  const keyed = tickets
    .filter((t) => t.status === 'waiting')
    .map((ticket) => ({ ticket, key: sortKey(ticket, now.getTime(), settings) }));
  keyed.sort(
    (a, b) =>
      a.key.band - b.key.band ||
      a.key.at - b.key.at ||
      Date.parse(a.ticket.issuedAt) - Date.parse(b.ticket.issuedAt) ||
      // Numerically: A1000 comes after A999.
      a.ticket.number.localeCompare(b.ticket.number, 'en', { numeric: true }),
  );
  return keyed.map((k) => k.ticket);
}

/** May this counter call this ticket? Its service, and its own counter after a transfer to one. */
export function servesTicket(
  counter: CallingCounter,
  ticket: Pick<Ticket, 'service' | 'targetCounter'>,
): boolean {
  return (
    counter.services.includes(ticket.service) &&
    (ticket.targetCounter === undefined || ticket.targetCounter === counter.id)
  );
}

/** The first ticket of the order this counter may call. */
export function nextFor<T extends Queued>(ordered: readonly T[], counter: CallingCounter): T | undefined {
  return ordered.find((t) => servesTicket(counter, t));
}

/**
 * Band 0: appointments whose time has come (by appointment time). Band 1: everyone else by arrival, less
 * the priority's head start. Band 2: appointments checked in early — called before their time only when
 * nobody else waits for that counter.
 */
function sortKey(ticket: Queued, now: number, settings: FloorSettings): { band: number; at: number } {
  if (ticket.priority === 'appointment' && ticket.appointmentStart) {
    const start = Date.parse(ticket.appointmentStart);
    const due = start - settings.appointmentEarlyMinutes * 60_000 <= now;
    return { band: due ? 0 : 2, at: start };
  }
  const headStart =
    ticket.priority === 'none' || ticket.priority === 'appointment'
      ? 0
      : settings.priorityMinutes[ticket.priority];
  return { band: 1, at: Date.parse(ticket.issuedAt) - headStart * 60_000 };
}

// One sede's day in numbers: what the KPIs need of its tickets, bookings, video calls and kiosk sessions,
// small enough to keep for years and exact when days are combined (durations kept one by one). Computed
// live for today and once, then stored, for days that are over.
import type {
  CallOutcome,
  CallRecord,
  KioskIdentification,
  KioskOutcome,
  Language,
  StatisticsChannel,
} from '@sportello/protocol';
import type { KioskSessionStat, StoredBooking, StoredTicket, VideoQueueExit } from '../store/store.ts';
import { secondsBetween } from './durations.ts';

/** The shape below; a stored rollup of another version is computed again from the day's records. */
export const ROLLUP_VERSION = 2;

/** Everything of one channel and one service on that day. */
export interface RollupCell {
  channel: StatisticsChannel;
  service: string;
  sector: string;
  arrivals: number;
  /** Seconds, one per citizen called or answered. */
  waits: number[];
  /** Seconds, one per service finished. */
  serviceTimes: number[];
  abandoned: number;
  noShows: number;
  callbacksDue: number;
  callbacksReached: number;
  callbackAttempts: number;
  calls: number;
  mediaFailed: number;
  outcomes: Partial<Record<CallOutcome, number>>;
}

/** Kiosk sessions alike in every field, counted together. */
export interface KioskCell {
  service?: string;
  sector?: string;
  language: Language;
  identification: KioskIdentification;
  outcome: KioskOutcome;
  sessions: number;
  /** How many ratings of 1, 2, 3, 4 and 5. */
  ratings: [number, number, number, number, number];
}

export interface DayRollup {
  cells: RollupCell[];
  kiosk: KioskCell[];
}

export interface DayRecords {
  tickets: readonly StoredTicket[];
  bookings: readonly StoredBooking[];
  /** The calls of the sede group that day; only the sede's own are counted. */
  calls: readonly CallRecord[];
  /** The group's citizens who left the video waiting room unanswered; only the sede's own are counted. */
  exits: readonly VideoQueueExit[];
  sessions: readonly KioskSessionStat[];
}

export function rollUpDay(
  sede: string,
  records: DayRecords,
  sectorOfService: (service: string) => string | undefined,
): DayRollup {
  const cells = new Map<string, RollupCell>();
  const cell = (channel: StatisticsChannel, service: string, sector: string): RollupCell => {
    const key = `${channel}\u0000${service}`;
    let found = cells.get(key);
    if (!found) {
      found = {
        channel,
        service,
        sector,
        arrivals: 0,
        waits: [],
        serviceTimes: [],
        abandoned: 0,
        noShows: 0,
        callbacksDue: 0,
        callbacksReached: 0,
        callbackAttempts: 0,
        calls: 0,
        mediaFailed: 0,
        outcomes: {},
      };
      cells.set(key, found);
    }
    return found;
  };

  for (const ticket of records.tickets) {
    // An appointment's ticket at check-in belongs to its booking: the booking counts the arrival.
    const channel = ticket.bookingCode ? 'inPerson' : 'ticket';
    const c = cell(channel, ticket.service, ticket.sector);
    if (channel === 'ticket') c.arrivals++;
    if (ticket.calledAt) {
      // A citizen early for an appointment waits, for the office, from the appointment's start.
      const from =
        ticket.appointmentStart && Date.parse(ticket.appointmentStart) > Date.parse(ticket.issuedAt)
          ? ticket.appointmentStart
          : ticket.issuedAt;
      c.waits.push(secondsBetween(from, ticket.calledAt));
    }
    if (ticket.status === 'done' && ticket.servingAt && ticket.finishedAt)
      c.serviceTimes.push(secondsBetween(ticket.servingAt, ticket.finishedAt));
    if (ticket.status === 'cancelled') c.abandoned++;
    if (ticket.status === 'no-show') c.noShows++;
  }

  const bookingStart = new Map<string, string>();
  for (const booking of records.bookings) {
    bookingStart.set(booking.code, booking.start);
    if (booking.status === 'cancelled') continue;
    const c = cell(booking.mode, booking.service, booking.sector);
    c.arrivals++;
    if (booking.status === 'no-show') c.noShows++;
    if (booking.mode === 'callback') {
      c.callbacksDue++;
      const reached = booking.status === 'completed' || booking.callback?.done !== undefined;
      if (reached) c.callbacksReached++;
      c.callbackAttempts += (booking.callback?.attempts.length ?? 0) + (reached ? 1 : 0);
    }
  }

  for (const call of records.calls) {
    if (call.sede !== sede) continue;
    const channel = call.origin === 'web' ? 'webMeeting' : 'videoNow';
    const c = cell(channel, call.service, call.sector);
    // A web meeting is a booking (counted above); a call asked for at a kiosk is an arrival of its own.
    if (channel === 'videoNow') c.arrivals++;
    const start = call.bookingCode ? bookingStart.get(call.bookingCode) : undefined;
    const from = start && Date.parse(start) > Date.parse(call.waitedSince) ? start : call.waitedSince;
    // A meeting held in Teams waited in Teams' lobby: its record is opened when the official records it.
    if (call.provider !== 'teams') c.waits.push(secondsBetween(from, call.startedAt));
    if (call.endedAt) c.serviceTimes.push(secondsBetween(call.startedAt, call.endedAt));
    c.calls++;
    if (call.endReason === 'media-failed') c.mediaFailed++;
    if (call.outcome) c.outcomes[call.outcome.outcome] = (c.outcomes[call.outcome.outcome] ?? 0) + 1;
  }

  for (const exit of records.exits) {
    if (exit.sede !== sede) continue;
    const channel = exit.origin === 'web' ? 'webMeeting' : 'videoNow';
    const c = cell(channel, exit.service, exit.sector);
    // A kiosk's citizen asked for a call and gave up; a web meeting's booking is already counted.
    if (channel === 'videoNow') c.arrivals++;
    c.abandoned++;
  }

  const kiosk = new Map<string, KioskCell>();
  for (const session of records.sessions) {
    const key = [session.service ?? '', session.language, session.identification, session.outcome].join(
      '\u0000',
    );
    let k = kiosk.get(key);
    if (!k) {
      const sector = session.service ? sectorOfService(session.service) : undefined;
      k = {
        ...(session.service && { service: session.service }),
        ...(sector && { sector }),
        language: session.language,
        identification: session.identification,
        outcome: session.outcome,
        sessions: 0,
        ratings: [0, 0, 0, 0, 0],
      };
      kiosk.set(key, k);
    }
    k.sessions++;
    if (session.rating && session.rating >= 1 && session.rating <= 5) k.ratings[session.rating - 1]!++;
  }

  return { cells: [...cells.values()], kiosk: [...kiosk.values()] };
}

// Queue tickets for a sede's reception: REST bodies for /api/v1/tickets.
import { z } from 'zod';
import { BookingLookupBody } from './booking.ts';
import { CodiceFiscale, MobilePhoneNumber } from './citizen.ts';
import { isoDate, Language } from './config.ts';

/** Who goes ahead of the ordinary queue, as offices usually grant by law or practice. */
export const priorities = ['none', 'disability', 'pregnancy', 'elderly', 'appointment'] as const;
export const Priority = z.enum(priorities);
export type Priority = z.infer<typeof Priority>;

/** Prefix of tickets for booked appointments (appuntamento) checked in at a kiosk; no service may use it. */
export const APPOINTMENT_TICKET_PREFIX = 'A';

export const IssueTicketBody = z
  .object({
    sede: z.string().min(1).max(40),
    service: z.string().min(1).max(40),
    priority: Priority.exclude(['appointment']).default('none'),
    language: Language.default('it'),
    /** The citizen's, when the kiosk identified them: the elderly priority is checked against its birth date. */
    codiceFiscale: CodiceFiscale.optional(),
    /** A mobile number for "tocca a te tra poco" when three are ahead; kept only until the ticket ends. */
    notifyPhone: MobilePhoneNumber.optional(),
  })
  .meta({ id: 'IssueTicket' });
export type IssueTicketBody = z.input<typeof IssueTicketBody>;

export const CheckInBody = BookingLookupBody.meta({ id: 'CheckIn' });

/**
 * A ticket's life: waiting → called (to a counter; recalls counted) → serving → done, or no-show after the
 * recalls, parked (set aside, back in the queue when the clerk says), cancelled by the citizen. A transfer
 * sends a called or served ticket back to waiting for another service or counter, keeping its arrival.
 */
export const ticketStatuses = [
  'waiting',
  'called',
  'serving',
  'done',
  'no-show',
  'parked',
  'cancelled',
] as const;
export const TicketStatus = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof TicketStatus>;
/** Statuses a ticket never leaves. */
export const finishedTicketStatuses = [
  'done',
  'no-show',
  'cancelled',
] as const satisfies readonly TicketStatus[];

/** How a served ticket ended, for the statistics; optional at "done". */
export const ticketOutcomes = ['resolved', 'appointment-booked', 'referred', 'not-resolved'] as const;
export const TicketOutcome = z.enum(ticketOutcomes);
export type TicketOutcome = z.infer<typeof TicketOutcome>;

export const TicketTransfer = z.object({
  at: z.iso.datetime({ offset: true }),
  by: z.string(),
  fromService: z.string(),
  fromCounter: z.string().optional(),
  toService: z.string(),
  /** Only this counter may call it next. */
  toCounter: z.string().optional(),
  note: z.string().max(200).optional(),
});
export type TicketTransfer = z.infer<typeof TicketTransfer>;

export const Ticket = z
  .object({
    id: z.string(),
    /** What the display board shows and the citizen hears: prefix and three digits, e.g. "A007". */
    number: z.string(),
    sede: z.string(),
    service: z.string(),
    sector: z.string(),
    day: isoDate,
    priority: Priority,
    status: TicketStatus,
    /** Arrival: the queue's order, kept through transfers and parking. */
    issuedAt: z.iso.datetime({ offset: true }),
    /** The language the citizen took it in: the board and the phone speak it too. */
    language: Language.default('it'),
    bookingCode: z.string().optional(),
    /** Booked appointments: the slot's start, the time from which the ticket goes first. */
    appointmentStart: z.iso.datetime({ offset: true }).optional(),
    /** The counter it was called to (or is served at), and by whom. */
    counter: z.string().optional(),
    calledBy: z.string().optional(),
    calledAt: z.iso.datetime({ offset: true }).optional(),
    /** Times it was called again after the first call. */
    recalls: z.number().int().min(0).default(0),
    servingAt: z.iso.datetime({ offset: true }).optional(),
    finishedAt: z.iso.datetime({ offset: true }).optional(),
    outcome: TicketOutcome.optional(),
    parkedAt: z.iso.datetime({ offset: true }).optional(),
    /** Set by a transfer to a counter: only it calls the ticket next. */
    targetCounter: z.string().optional(),
    transfers: z.array(TicketTransfer).default([]),
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;

export const TicketResponse = z.object({
  ticket: Ticket,
  /** Tickets waiting that will be called before this one, as the office's rule orders them now. */
  ahead: z.number().int().min(0),
  /** From the day's real service times and the counters open now. */
  estimatedWaitMinutes: z.number().int().min(0),
  /** The page that follows this ticket on the citizen's phone (printed as the ticket's QR). */
  followUrl: z.url().optional(),
});
export type TicketResponse = z.infer<typeof TicketResponse>;

/** The ticket's number by SMS, when the printer could not print it. */
export const TicketSmsBody = z
  .object({ sede: z.string().min(1).max(40), phone: MobilePhoneNumber, language: Language.default('it') })
  .meta({ id: 'TicketSms' });
export type TicketSmsBody = z.input<typeof TicketSmsBody>;

export const TicketListQuery = z.object({ sede: z.string().min(1).max(40), day: isoDate.optional() });
export const TicketListResponse = z.object({ tickets: z.array(Ticket) });

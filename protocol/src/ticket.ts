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
    language: z.string().min(2).max(5).default('it'),
    /** The citizen's, when the kiosk identified them: the elderly priority is checked against its birth date. */
    codiceFiscale: CodiceFiscale.optional(),
  })
  .meta({ id: 'IssueTicket' });
export type IssueTicketBody = z.input<typeof IssueTicketBody>;

export const CheckInBody = BookingLookupBody.meta({ id: 'CheckIn' });

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
    status: z.enum(['waiting', 'called', 'served', 'no-show', 'cancelled']),
    issuedAt: z.iso.datetime({ offset: true }),
    bookingCode: z.string().optional(),
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;

export const TicketResponse = z.object({
  ticket: Ticket,
  /** Tickets of the same sector waiting ahead of this one. */
  ahead: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0),
});
export type TicketResponse = z.infer<typeof TicketResponse>;

/** The ticket's number by SMS, when the printer could not print it. */
export const TicketSmsBody = z
  .object({ sede: z.string().min(1).max(40), phone: MobilePhoneNumber, language: Language.default('it') })
  .meta({ id: 'TicketSms' });
export type TicketSmsBody = z.input<typeof TicketSmsBody>;

export const TicketListQuery = z.object({ sede: z.string().min(1).max(40), day: isoDate.optional() });
export const TicketListResponse = z.object({ tickets: z.array(Ticket) });

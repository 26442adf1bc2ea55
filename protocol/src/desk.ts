// The booking desk: counter clerks and the contact centre find a citizen's bookings by codice fiscale and
// change them on the citizen's behalf. REST bodies for /api/v1/desk.
import { z } from 'zod';
import { Booking } from './booking.ts';
import { CodiceFiscale } from './citizen.ts';
import { MessageKind, MessageStatus } from './notification.ts';
import { TicketStatus } from './ticket.ts';

const offsetDateTime = z.iso.datetime({ offset: true, message: 'expected an ISO date-time with offset' });

/** The codice fiscale goes in the body, never in a URL that proxies and logs keep. */
export const DeskCitizenBody = z.object({ codiceFiscale: CodiceFiscale }).meta({ id: 'DeskCitizen' });
export type DeskCitizenBody = z.input<typeof DeskCitizenBody>;

/** One SMS a booking caused: which and whether it went; never its text or number. */
export const DeskMessage = z.object({
  kind: MessageKind,
  status: MessageStatus,
  createdAt: offsetDateTime,
});
export type DeskMessage = z.infer<typeof DeskMessage>;

export const DeskBooking = Booking.extend({
  /** An in-person appointment whose citizen has arrived: the ticket issued for it at the sede. */
  ticket: z.object({ number: z.string(), status: TicketStatus }).optional(),
  /** Its SMS, oldest first. */
  messages: z.array(DeskMessage),
}).meta({ id: 'DeskBooking' });
export type DeskBooking = z.infer<typeof DeskBooking>;

export const DeskCitizenResponse = z.object({
  /** Not over yet (its end is to come), soonest first, whatever their status. */
  upcoming: z.array(DeskBooking),
  /** Over in the last days (see `recentDays`), latest first. */
  recent: z.array(DeskBooking),
  recentDays: z.number().int().min(1),
});
export type DeskCitizenResponse = z.infer<typeof DeskCitizenResponse>;

export const DeskRescheduleBody = z.object({ start: offsetDateTime }).meta({ id: 'DeskReschedule' });
export type DeskRescheduleBody = z.input<typeof DeskRescheduleBody>;

export const DeskBookingResponse = z.object({ booking: DeskBooking });
export type DeskBookingResponse = z.infer<typeof DeskBookingResponse>;

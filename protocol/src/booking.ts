// Bookings and availability: REST bodies for /api/v1/availability and /api/v1/bookings.
import { z } from 'zod';
import { BOOKING_CODE_PATTERN, compactBookingCode } from './booking-code.ts';
import { AuthMethod, Citizen, CodiceFiscale } from './citizen.ts';
import { BookingMode, isoDate } from './config.ts';

const offsetDateTime = z.iso
  .datetime({ offset: true, message: 'expected an ISO date-time with offset' })
  .meta({ example: '2026-12-01T08:30:00+01:00' });
const slugId = z.string().min(1).max(40);

export const AvailabilityQuery = z.object({
  sede: slugId,
  service: slugId,
  mode: BookingMode,
  from: isoDate,
  to: isoDate,
});
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;

export const Slot = z
  .object({
    start: offsetDateTime,
    end: offsetDateTime,
    /** How many more bookings this slot can take. */
    free: z.number().int().min(1),
  })
  .meta({ id: 'Slot' });
export type Slot = z.infer<typeof Slot>;

export const AvailabilityResponse = z.object({
  sede: z.string(),
  service: z.string(),
  mode: BookingMode,
  timezone: z.string(),
  days: z.array(z.object({ date: isoDate, slots: z.array(Slot) })),
});
export type AvailabilityResponse = z.infer<typeof AvailabilityResponse>;

export const bookingStatuses = ['booked', 'cancelled', 'completed', 'no-show'] as const;
export const BookingStatus = z.enum(bookingStatuses);
export type BookingStatus = z.infer<typeof BookingStatus>;

/** Short, unambiguous, readable aloud: 8 Crockford base-32 characters, e.g. "K7M2QX9D". */
export const BookingCode = z
  .string()
  .transform(compactBookingCode)
  .pipe(z.string().regex(BOOKING_CODE_PATTERN, 'a booking code has 8 letters and digits'));

export const CreateBookingBody = z
  .object({
    sede: slugId,
    service: slugId,
    mode: BookingMode,
    start: offsetDateTime,
    citizen: Citizen,
    authMethod: AuthMethod,
    /** The privacy notice version the citizen read and accepted. */
    privacyNoticeVersion: z.string().min(1),
    /** From /citizen-auth/verify: a station claiming cie-pin or cns-pin must show it. */
    authProof: z.string().max(2000).optional(),
  })
  .meta({ id: 'CreateBooking' });
export type CreateBookingBody = z.input<typeof CreateBookingBody>;

export const BookedBy = z.object({ channel: z.enum(['station', 'staff', 'web']), id: z.string() });

export const Booking = z
  .object({
    code: z.string(),
    sede: z.string(),
    service: z.string(),
    sector: z.string(),
    mode: BookingMode,
    start: offsetDateTime,
    end: offsetDateTime,
    status: BookingStatus,
    citizen: z.object({
      codiceFiscale: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      phone: z.string(),
      language: z.string(),
    }),
    authMethod: AuthMethod,
    privacyNoticeVersion: z.string(),
    bookedBy: BookedBy,
    createdAt: offsetDateTime,
    updatedAt: offsetDateTime,
  })
  .meta({ id: 'Booking' });
export type Booking = z.infer<typeof Booking>;

export const CreateBookingResponse = z.object({
  booking: Booking,
  /** Six digits, shown once: only its hash is kept. Entered to be admitted to a web meeting. */
  admissionCode: z.string().regex(/^\d{6}$/),
});

/** Proves the caller knows the booking: code plus the citizen's codice fiscale (never in a URL). */
export const BookingLookupBody = z.object({ code: BookingCode, codiceFiscale: CodiceFiscale });
export type BookingLookupBody = z.input<typeof BookingLookupBody>;

export const RescheduleBookingBody = BookingLookupBody.extend({ start: offsetDateTime });
export type RescheduleBookingBody = z.input<typeof RescheduleBookingBody>;

export const BookingResponse = z.object({ booking: Booking });
/** A cancelled or moved booking, and whether its SMS was queued (a callback's landline takes none). */
export const BookingChangeResponse = BookingResponse.extend({ smsQueued: z.boolean() });
export type BookingChangeResponse = z.infer<typeof BookingChangeResponse>;

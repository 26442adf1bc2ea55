// The office's calendar changed from the console (a sede's closure, an official's absence) and the citizen's
// own booking page opened from the SMS (/p/<key>): REST bodies for /api/v1/calendar and /api/v1/self-service.
import { z } from 'zod';
import { BookingStatus, Slot } from './booking.ts';
import { BookingMode, isoDate, Language, LocalizedText } from './config.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM, e.g. 08:30');
const slugId = z.string().min(1).max(40);
const offsetDateTime = z.iso.datetime({ offset: true, message: 'expected an ISO date-time with offset' });

export const calendarChangeKinds = ['closure', 'absence'] as const;
export const CalendarChangeKind = z.enum(calendarChangeKinds);
export type CalendarChangeKind = z.infer<typeof CalendarChangeKind>;

/** offer: each citizen gets an SMS with a link to choose a new time; move: to the nearest free slot. */
export const rebookings = ['offer', 'move'] as const;
export const Rebooking = z.enum(rebookings);
export type Rebooking = z.infer<typeof Rebooking>;

/** The longest change one form may add: a longer closure is a configuration matter. */
export const MAX_CHANGE_DAYS = 62;

const changeFields = {
  sede: slugId,
  kind: CalendarChangeKind,
  /** absence: whose hours are removed (an official of the sede). */
  official: slugId.optional(),
  /** First and last day (YYYY-MM-DD, both inclusive) in the sede's zone. */
  from: isoDate,
  to: isoDate,
  /** Only these hours of each day (sede time); the whole day when absent. */
  hours: z.object({ from: hhmm, to: hhmm }).optional(),
  /** Said to the citizens and shown to staff, e.g. "Sciopero", "Allagamento". */
  reason: z.string().trim().min(1, 'say why, e.g. "Sciopero"').max(120),
};

type ChangeShape = {
  kind: CalendarChangeKind;
  official?: string | undefined;
  from: string;
  to: string;
  hours?: { from: string; to: string } | undefined;
};

/** The rules shared by the preview and the change itself; each problem names its field. */
function checkChange(change: ChangeShape, ctx: z.RefinementCtx): void {
  if (change.to < change.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before "from"' });
  const days = (Date.parse(change.to) - Date.parse(change.from)) / 86_400_000;
  if (days >= MAX_CHANGE_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_CHANGE_DAYS} days at a time` });
  if (change.hours && change.hours.to <= change.hours.from)
    ctx.addIssue({ code: 'custom', path: ['hours', 'to'], message: 'must be after "hours.from"' });
  if (change.kind === 'absence' && !change.official)
    ctx.addIssue({ code: 'custom', path: ['official'], message: 'an absence names the official' });
  if (change.kind === 'closure' && change.official)
    ctx.addIssue({ code: 'custom', path: ['official'], message: 'a closure is of the whole sede' });
}

/** What a manager asks to see before confirming: the bookings the change would displace. */
export const CalendarChangePreviewBody = z
  .strictObject(changeFields)
  .superRefine(checkChange)
  .meta({ id: 'CalendarChangePreview' });
export type CalendarChangePreviewBody = z.input<typeof CalendarChangePreviewBody>;

export const CreateCalendarChangeBody = z
  .strictObject({ ...changeFields, rebooking: Rebooking })
  .superRefine(checkChange)
  .meta({ id: 'CreateCalendarChange' });
export type CreateCalendarChangeBody = z.input<typeof CreateCalendarChangeBody>;

/** A booking the change displaces, as the console lists it: no name, no phone, no codice fiscale. */
export const DisplacedBooking = z
  .object({
    code: z.string(),
    service: z.string(),
    mode: BookingMode,
    start: offsetDateTime,
    end: offsetDateTime,
  })
  .meta({ id: 'DisplacedBooking' });
export type DisplacedBooking = z.infer<typeof DisplacedBooking>;

export const CalendarChangePreview = z.object({ displaced: z.array(DisplacedBooking) });
export type CalendarChangePreview = z.infer<typeof CalendarChangePreview>;

export const handledResults = ['offered', 'moved', 'cancelled', 'skipped'] as const;

export const CalendarChangeView = z
  .object({
    id: z.string(),
    sede: z.string(),
    kind: CalendarChangeKind,
    official: z.string().optional(),
    /** The official's name, for an absence. */
    officialName: z.string().optional(),
    from: isoDate,
    to: isoDate,
    hours: z.object({ from: hhmm, to: hhmm }).optional(),
    reason: z.string(),
    rebooking: Rebooking,
    createdBy: z.string(),
    createdAt: offsetDateTime,
    removedAt: offsetDateTime.optional(),
    removedBy: z.string().optional(),
    /** Bookings it displaced: the handled ones and those still to handle. */
    displaced: z.number().int(),
    /** Offered a new time and not yet moved or cancelled: the citizens the desk may want to call. */
    awaitingChoice: z.number().int(),
    pending: z.array(z.string()),
    /**
     * What became of each: offered (SMS with the link), moved (to newStart), cancelled (the booking was over
     * before its turn came), skipped (it fits again, e.g. after the change was removed).
     */
    handled: z.array(
      z.object({
        code: z.string(),
        result: z.enum(handledResults),
        newStart: offsetDateTime.optional(),
        at: offsetDateTime,
      }),
    ),
  })
  .meta({ id: 'CalendarChange' });
export type CalendarChangeView = z.infer<typeof CalendarChangeView>;

export const CalendarChangeQuery = z.strictObject({ sede: slugId.optional() });

export const CalendarChangeListResponse = z.object({
  sede: z.string(),
  /** The sede's officials, for the absence form. */
  officials: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Newest first, removed ones too. */
  changes: z.array(CalendarChangeView),
});
export type CalendarChangeListResponse = z.infer<typeof CalendarChangeListResponse>;

export const CreateCalendarChangeResponse = z.object({
  change: CalendarChangeView,
  displaced: z.array(DisplacedBooking),
});
export type CreateCalendarChangeResponse = z.infer<typeof CreateCalendarChangeResponse>;

export const CalendarChangeParams = z.object({ id: z.string().min(1).max(60) });

// ---- the citizen's booking page (/p/<key>) ----

/** `<booking code>.<random token>`: the code finds the booking, the token (stored on it) proves the SMS. */
export const SelfServiceParams = z.object({ key: z.string().min(20).max(80) });

/** What the citizen's page shows: their own appointment, without their codice fiscale or phone. */
export const SelfServiceView = z
  .object({
    code: z.string(),
    status: BookingStatus,
    sede: z.object({ id: z.string(), name: z.string(), address: z.string() }),
    service: z.object({ id: z.string(), name: LocalizedText }),
    mode: BookingMode,
    start: offsetDateTime,
    end: offsetDateTime,
    language: Language,
    /** Whether it can still be moved or cancelled (booked, not started). */
    changeable: z.boolean(),
    /** Set while the office asked the citizen to choose a new time: why (the closure's reason). */
    displaced: z.object({ reason: z.string(), kind: CalendarChangeKind }).optional(),
  })
  .meta({ id: 'SelfServiceView' });
export type SelfServiceView = z.infer<typeof SelfServiceView>;

export const SelfServiceAvailabilityQuery = z.strictObject({ from: isoDate, to: isoDate });

export const SelfServiceRescheduleBody = z.strictObject({ start: offsetDateTime });

export const SelfServiceSlots = z.object({
  timezone: z.string(),
  days: z.array(z.object({ date: isoDate, slots: z.array(Slot) })),
});
export type SelfServiceSlots = z.infer<typeof SelfServiceSlots>;

// Booking rules: availability, taking a slot atomically, lookup, cancel and reschedule.
import {
  isStrongAuth,
  MOBILE_NEEDED,
  type AuthMethod,
  parsePhone,
  type AvailabilityQuery,
  type AvailabilityResponse,
  type BookedBy,
  type Booking,
  type BookingLookupBody,
  type BookingMode,
  type CreateBookingBody,
  type RescheduleBookingBody,
  type Sede,
  type Service,
  type Slot,
  type StaffRole,
} from '@sportello/protocol';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import {
  checkSlot,
  computeAvailability,
  nextFreeSlots,
  type BookedInterval,
} from '../calendar/availability.ts';
import { adjustmentsOf } from '../calendar/adjustments.ts';
import { datesBetween, daysFromTo, instantOf, romeDayOf } from '../calendar/rome-time.ts';
import { sedeOf, serviceOf } from '../catalog/catalog.ts';
import { verifyAuthProof } from '../citizen-auth/auth-proof.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import {
  newSelfServiceToken,
  queueCancellation,
  queueConfirmation,
  queueReschedule,
  reachableBySms,
} from '../notification/booking-messages.ts';
import {
  DuplicateKeyError,
  type BookedTime,
  type StoreReader,
  type StoredBooking,
  type StoreTx,
} from '../store/store.ts';
import {
  cancelTeamsMeeting,
  rescheduleTeamsMeeting,
  scheduleTeamsMeeting,
  smsHoldUntil,
  teamsSettingsFor,
} from '../video/teams/teams-meetings.service.ts';
import { AvailabilityMemo } from './availability-memo.ts';
import { hashAdmissionCode, newAdmissionCode, newBookingCode } from './booking-codes.ts';

const ZONE = 'Europe/Rome';
const SUGGESTIONS = 3;
const SUGGESTION_DAYS = 14;
/** The widest availability query, so one request cannot make the server walk a year of days. */
const MAX_RANGE_DAYS = 62;
/** Conflicts after which the citizen is offered the next free times. */
const SLOT_CONFLICTS = new Set(['slot_taken', 'slot_past', 'sede_closed']);

type CreateInput = z.output<typeof CreateBookingBody>;
type LookupInput = z.output<typeof BookingLookupBody>;
type RescheduleInput = z.output<typeof RescheduleBookingBody>;

export async function availability(ctx: AppContext, query: AvailabilityQuery): Promise<AvailabilityResponse> {
  const sede = sedeOf(ctx.config, query.sede);
  const service = bookableService(ctx, query.service, query.mode);
  if (query.to < query.from) throw ApiError.field('to', 'must not be before "from"');
  // Calendar days, counted without a time-zone library: this runs on every availability request.
  if (daysFromTo(query.from, query.to) >= MAX_RANGE_DAYS)
    throw ApiError.field('to', `ask for at most ${MAX_RANGE_DAYS} days at a time`);
  const { from, to, mode } = query;
  const [booked, adjustments] = await ctx.store.read(async (r) => {
    const days: (readonly BookedTime[])[] = [];
    for (const day of datesBetween(from, to)) days.push(await r.bookedTimesOfDay(sede.id, day));
    return [days, await adjustmentsOf(r, sede.id)] as const;
  });
  const input = calendarInput(ctx, sede, service, mode);
  const inputs = { ...input, booked, adjustments };
  const memo = memoOf(ctx);
  const key = `${sede.id}\u001f${service.id}\u001f${mode}\u001f${from}\u001f${to}`;
  const kept = memo.get(key, inputs);
  if (kept) return kept;
  const bookings = booked.flat();
  const days = computeAvailability({ ...input, from, to, bookings, adjustments });
  const answer: AvailabilityResponse = { sede: sede.id, service: service.id, mode, timezone: ZONE, days };
  const first = days.find((d) => d.slots.length > 0)?.slots[0];
  memo.set(key, inputs, answer, first ? Date.parse(first.start) : Infinity);
  return answer;
}

/** Availability answers are kept per store: the lists it gives are what tells an answer still holds. */
const memos = new WeakMap<object, AvailabilityMemo<AvailabilityResponse>>();

function memoOf(ctx: AppContext): AvailabilityMemo<AvailabilityResponse> {
  let memo = memos.get(ctx.store);
  if (!memo) memos.set(ctx.store, (memo = new AvailabilityMemo()));
  return memo;
}

/** `staffRoles`: the roles of the staff member booking, who vouches for the method they checked. */
export async function createBooking(
  ctx: AppContext,
  input: CreateInput,
  bookedBy: z.output<typeof BookedBy>,
  staffRoles?: readonly StaffRole[],
): Promise<{ booking: Booking; admissionCode: string }> {
  const sede = sedeOf(ctx.config, input.sede);
  const service = bookableService(ctx, input.service, input.mode);
  if (staffRoles) requireCheckableByStaff(staffRoles, input.authMethod);
  requireAuthLevel(service, input.mode, input.authMethod);
  requireMobileForSms(input.mode, input.citizen.phone);
  requireProofFromStation(ctx, input, bookedBy);
  if (input.privacyNoticeVersion !== ctx.config.server.privacyNoticeVersion) {
    throw ApiError.field(
      'privacyNoticeVersion',
      `the citizen must read and accept the current privacy notice (version ${ctx.config.server.privacyNoticeVersion})`,
    );
  }
  const admissionCode = newAdmissionCode();
  const now = ctx.clock().toISOString();
  for (let attempt = 0; ; attempt++) {
    const code = newBookingCode();
    try {
      const booking = await ctx.store.transaction(async (tx) => {
        const slot = await takeSlot(ctx, tx, sede, service, input.mode, input.start);
        await requireFreePerson(ctx, tx, input.citizen.codiceFiscale, service, slot);
        const stored: StoredBooking = {
          code,
          sede: sede.id,
          service: service.id,
          sector: service.sector,
          mode: input.mode,
          start: slot.start,
          end: slot.end,
          status: 'booked',
          citizen: input.citizen,
          authMethod: input.authMethod,
          privacyNoticeVersion: input.privacyNoticeVersion,
          bookedBy,
          createdAt: now,
          updatedAt: now,
          admissionCodeHash: hashAdmissionCode(ctx.secret, code, admissionCode),
          // The SMS links the citizen's page: made now, so the booking is written once, not again to add it.
          ...(reachableBySms(input) ? { selfServiceToken: newSelfServiceToken() } : {}),
        };
        await tx.insertBooking(stored);
        const teams = teamsSettingsFor(ctx, stored);
        const held = await queueConfirmation(
          ctx,
          tx,
          stored,
          admissionCode,
          teams && smsHoldUntil(teams, stored, ctx.clock()),
        );
        await scheduleTeamsMeeting(ctx, tx, stored, held);
        return stored;
      });
      return { booking: publicBooking(booking), admissionCode };
    } catch (error) {
      // A code collision is astronomically rare; draw another.
      if (error instanceof DuplicateKeyError && attempt < 3) continue;
      throw await withSuggestions(ctx, error, sede, service, input.mode, input.start);
    }
  }
}

export async function lookupBooking(ctx: AppContext, input: LookupInput): Promise<Booking> {
  return publicBooking(await ownBooking(ctx.store.read.bind(ctx.store), input));
}

export async function cancelBooking(
  ctx: AppContext,
  input: LookupInput,
  also?: WithChange,
): Promise<Booking> {
  return cancelFound(ctx, (tx) => ownBooking((fn) => fn(tx), input), also);
}

/**
 * Finds, inside a change's transaction, the booking the change is about: the citizen's by code and codice
 * fiscale, or staff's by code alone. Throws when there is none.
 */
export type FindBooking = (tx: StoreTx) => Promise<StoredBooking>;
/** Written in the same transaction as a change, once it is made (staff's audit event). */
export type WithChange = (tx: StoreTx, booking: StoredBooking) => Promise<void>;

/** Cancels the booking `find` picks, with its SMS; `also` is written with it. */
export async function cancelFound(ctx: AppContext, find: FindBooking, also?: WithChange): Promise<Booking> {
  const booking = await ctx.store.transaction(async (tx) => {
    const booking = await find(tx);
    requireChangeable(ctx, booking);
    const cancelled: StoredBooking = {
      ...booking,
      status: 'cancelled',
      updatedAt: ctx.clock().toISOString(),
    };
    await tx.updateBooking(cancelled);
    await queueCancellation(ctx, tx, cancelled);
    await cancelTeamsMeeting(ctx, tx, cancelled);
    await also?.(tx, cancelled);
    return cancelled;
  });
  return publicBooking(booking);
}

export async function rescheduleBooking(
  ctx: AppContext,
  input: RescheduleInput,
  also?: WithChange,
): Promise<Booking> {
  return rescheduleFound(ctx, (tx) => ownBooking((fn) => fn(tx), input), input.start, also);
}

/** Moves the booking `find` picks to a free `start`, with its SMS; `also` is written with it. */
export async function rescheduleFound(
  ctx: AppContext,
  find: FindBooking,
  start: string,
  also?: WithChange,
): Promise<Booking> {
  let target: { sede: Sede; service: Service; mode: BookingMode } | undefined;
  try {
    const booking = await ctx.store.transaction(async (tx) => {
      const booking = await find(tx);
      requireChangeable(ctx, booking);
      target = {
        sede: sedeOf(ctx.config, booking.sede),
        service: bookableService(ctx, booking.service, booking.mode),
        mode: booking.mode,
      };
      const moved = await moveWithin(ctx, tx, booking, start);
      await also?.(tx, moved);
      return moved;
    });
    return publicBooking(booking);
  } catch (error) {
    if (!target) throw error;
    throw await withSuggestions(ctx, error, target.sede, target.service, target.mode, start);
  }
}

/**
 * Moves an active booking to `start` inside the caller's transaction, under the rules of every move (the slot
 * free and open, the citizen's other appointments), with the reschedule SMS. Throws an ApiError, having
 * written nothing, when the time cannot be taken.
 */
export async function moveWithin(
  ctx: AppContext,
  tx: StoreTx,
  booking: StoredBooking,
  start: string,
): Promise<StoredBooking> {
  const sede = sedeOf(ctx.config, booking.sede);
  const service = bookableService(ctx, booking.service, booking.mode);
  const slot = await takeSlot(ctx, tx, sede, service, booking.mode, start, booking.code);
  await requireFreePerson(ctx, tx, booking.citizen.codiceFiscale, service, slot, booking.code);
  // A displaced booking, moved, is an ordinary booking again.
  const { displacedBy: _displaced, ...rest } = booking;
  const moved: StoredBooking = {
    ...rest,
    start: slot.start,
    end: slot.end,
    updatedAt: ctx.clock().toISOString(),
  };
  await tx.updateBooking(moved);
  await queueReschedule(ctx, tx, moved);
  await rescheduleTeamsMeeting(ctx, tx, moved);
  return moved;
}

// ---- rules ----

export function bookableService(ctx: AppContext, id: string, mode: BookingMode): Service {
  const service = serviceOf(ctx.config, id);
  if (!service.channels[mode]) {
    const offered = (['inPerson', 'callback', 'webMeeting'] as const).filter((m) => service.channels[m]);
    throw ApiError.field(
      'mode',
      `this service cannot be booked as ${mode}; it offers: ${offered.join(', ') || 'no booking'}`,
    );
  }
  return service;
}

/** In person and web meeting are confirmed and reminded by SMS; only a callback may ring a landline. */
function requireMobileForSms(mode: BookingMode, phone: string): void {
  if (mode !== 'callback' && !parsePhone(phone)?.mobile) throw ApiError.field('citizen.phone', MOBILE_NEEDED);
}

function requireAuthLevel(service: Service, mode: BookingMode, method: CreateInput['authMethod']): void {
  if (isStrongAuth(method)) return;
  if (mode === 'webMeeting') {
    throw new ApiError(
      403,
      'strong_authentication_required',
      'a web meeting needs the citizen to sign in with CIE, CNS or SPID',
    );
  }
  if (service.strongAuthRequired) {
    throw new ApiError(
      403,
      'strong_authentication_required',
      'this service needs the citizen to sign in with CIE, CNS or SPID',
    );
  }
}

/** What someone on the phone can check: the caller's telephone PIN, or nothing beyond what they say. */
const CHECKABLE_BY_PHONE: readonly AuthMethod[] = ['inps-pin', 'typed'];

/** Staff vouch only for what they could check: a contact-centre operator hears the caller and sees no card. */
function requireCheckableByStaff(roles: readonly StaffRole[], method: AuthMethod): void {
  const onThePhoneOnly = roles.every((role) => role === 'contact-centre');
  if (onThePhoneOnly && !CHECKABLE_BY_PHONE.includes(method))
    throw ApiError.field(
      'authMethod',
      'on the phone only the INPS telephone PIN can be checked (inps-pin), or nothing (typed)',
    );
}

/**
 * A station's word that the citizen signed in with card and PIN is not enough: it must show the proof the
 * server issued when it verified the card's signature. Staff vouch for what they checked themselves.
 */
function requireProofFromStation(
  ctx: AppContext,
  input: CreateInput,
  bookedBy: z.output<typeof BookedBy>,
): void {
  if (bookedBy.channel !== 'station' || !isStrongAuth(input.authMethod)) return;
  if (input.authMethod === 'spid' || input.authMethod === 'inps-pin') {
    throw new ApiError(
      403,
      'strong_authentication_unproven',
      `${input.authMethod === 'spid' ? 'SPID is' : 'the INPS telephone PIN is'} not available at a station; use the card and its PIN`,
    );
  }
  if (!input.authProof) {
    throw new ApiError(403, 'strong_authentication_unproven', 'sign in with the card and its PIN first');
  }
  const claims = verifyAuthProof(ctx.secret, input.authProof, bookedBy.id, ctx.clock());
  if (claims.codiceFiscale !== input.citizen.codiceFiscale || claims.method !== input.authMethod) {
    throw new ApiError(
      403,
      'strong_authentication_unproven',
      'the proof of authentication is for another citizen',
    );
  }
}

/** Checks the slot and its capacity inside the caller's transaction; `except` is a booking being moved. */
async function takeSlot(
  ctx: AppContext,
  tx: StoreReader,
  sede: Sede,
  service: Service,
  mode: BookingMode,
  start: string,
  except?: string,
): Promise<{ start: string; end: string }> {
  const day = localDay(start);
  const bookings = (await activeIntervals(tx, sede.id, day, day, except)) satisfies BookedInterval[];
  const adjustments = await adjustmentsOf(tx, sede.id);
  const result = checkSlot({ ...calendarInput(ctx, sede, service, mode), start, bookings, adjustments });
  if (result.ok) return { start: result.start, end: result.end };
  switch (result.reason) {
    case 'full':
      throw new ApiError(409, 'slot_taken', 'this time has just been taken; here are the next free times');
    case 'past':
      throw new ApiError(
        409,
        'slot_past',
        'this time has passed or is too close to book; here are the next free times',
      );
    case 'closed':
      throw new ApiError(409, 'sede_closed', 'the sede is closed that day; here are the next free times');
    case 'beyond-horizon':
      throw ApiError.field(
        'start',
        `appointments can be booked at most ${ctx.config.server.bookingHorizonDays} days ahead`,
      );
    case 'not-a-slot':
      throw ApiError.field('start', 'this is not one of the offered times; ask /availability for them');
  }
}

/**
 * One person's other appointments, read in the transaction that takes the slot: one per service a day,
 * none overlapping in time whatever its mode or sede, and a few still to come per service. The refusals
 * never say which booking is in the way: whoever books does not always know the person's booking code.
 * `moving` is the booking being rescheduled, which keeps its place in the count.
 */
async function requireFreePerson(
  ctx: AppContext,
  tx: StoreReader,
  codiceFiscale: string,
  service: Service,
  slot: { start: string; end: string },
  moving?: string,
): Promise<void> {
  const now = ctx.clock().getTime();
  const today = romeDayOf(now);
  const others = (await tx.bookingsOfCitizen(codiceFiscale, today)).filter(
    (b) => b.status === 'booked' && b.code !== moving,
  );
  const day = localDay(slot.start);
  if (others.some((b) => b.service === service.id && localDay(b.start) === day))
    throw new ApiError(
      409,
      'already_booked',
      'this citizen already has an appointment for this service that day',
    );
  const [start, end] = [Date.parse(slot.start), Date.parse(slot.end)];
  if (others.some((b) => Date.parse(b.start) < end && start < Date.parse(b.end)))
    throw new ApiError(
      409,
      'overlapping_booking',
      'this citizen already has another appointment at this time',
    );
  const max = ctx.config.server.maxOpenBookingsPerService;
  const open = others.filter((b) => b.service === service.id && Date.parse(b.start) > now);
  if (!moving && open.length >= max)
    throw new ApiError(
      409,
      'booking_limit',
      `this citizen already has ${max} appointments to come for this service: one must take place or be cancelled first`,
    );
}

export function requireChangeable(ctx: AppContext, booking: StoredBooking): void {
  if (booking.status !== 'booked') throw new ApiError(409, 'not_active', `this booking is ${booking.status}`);
  if (Date.parse(booking.start) <= ctx.clock().getTime()) {
    throw new ApiError(409, 'already_started', 'this appointment has already started or passed');
  }
}

/** Code and codice fiscale must both match; a wrong pair looks exactly like a missing booking. */
async function ownBooking(
  read: <T>(fn: (r: StoreReader) => Promise<T>) => Promise<T>,
  input: LookupInput,
): Promise<StoredBooking> {
  const booking = await read((r) => r.bookingByCode(input.code));
  if (!booking || booking.citizen.codiceFiscale !== input.codiceFiscale) throw ApiError.notFound('booking');
  return booking;
}

async function withSuggestions(
  ctx: AppContext,
  error: unknown,
  sede: Sede,
  service: Service,
  mode: BookingMode,
  start: string,
): Promise<unknown> {
  if (!(error instanceof ApiError) || !SLOT_CONFLICTS.has(error.code)) return error;
  const nowDay = DateTime.fromJSDate(ctx.clock(), { zone: ZONE });
  const asked = DateTime.fromISO(start, { zone: ZONE });
  const from = asked > nowDay ? asked.toISODate()! : nowDay.toISODate()!;
  const to = DateTime.fromISO(from, { zone: ZONE }).plus({ days: SUGGESTION_DAYS }).toISODate()!;
  const [bookings, adjustments] = await ctx.store.read(
    async (r) => [await activeIntervals(r, sede.id, from, to), await adjustmentsOf(r, sede.id)] as const,
  );
  const nextSlots: Slot[] = nextFreeSlots(
    { ...calendarInput(ctx, sede, service, mode), from, to, bookings, adjustments },
    SUGGESTIONS,
  );
  return new ApiError(error.status, error.code, error.message, undefined, { nextSlots });
}

function calendarInput(ctx: AppContext, sede: Sede, service: Service, mode: BookingMode) {
  return {
    sede,
    service,
    mode,
    officials: ctx.config.officials,
    now: ctx.clock(),
    leadMinutes: ctx.config.server.bookingLeadMinutes,
    horizonDays: ctx.config.server.bookingHorizonDays,
  };
}

async function activeIntervals(
  reader: StoreReader,
  sede: string,
  from: string,
  to: string,
  except?: string,
): Promise<BookedInterval[]> {
  const intervals: BookedInterval[] = [];
  for (const day of datesBetween(from, to))
    for (const b of await reader.bookedTimesOfDay(sede, day)) if (b.code !== except) intervals.push(b);
  return intervals;
}

function localDay(iso: string): string {
  const ms = instantOf(iso);
  if (Number.isNaN(ms)) throw ApiError.field('start', 'expected an ISO date-time with offset');
  return romeDayOf(ms);
}

/** Strips what only the store may see. */
export function publicBooking({
  admissionCodeHash: _hash,
  personalDataRemovedAt: _removed,
  admissionFailures: _failures,
  callback: _callback,
  selfServiceToken: _token,
  displacedBy: _displaced,
  ...booking
}: StoredBooking): Booking {
  return booking;
}

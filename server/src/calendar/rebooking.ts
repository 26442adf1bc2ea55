// Handles the bookings a calendar change displaced, one booking per transaction: the booking's change (moved,
// or offered a new time by SMS), its outbox message and the change's pending → handled land together, so a
// server stopped half-way neither loses nor repeats one when it starts again.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { bookableService, moveWithin } from '../booking/booking.service.ts';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { queueRebookOffer } from '../notification/booking-messages.ts';
import type { CalendarChange, StoredBooking, StoreTx } from '../store/store.ts';
import { adjustmentOf, adjustmentsOf } from './adjustments.ts';
import { computeAvailability, type BookedInterval } from './availability.ts';
import { daysOf } from './calendar-changes.service.ts';
import { displacedBookings } from './displaced.ts';

const ZONE = 'Europe/Rome';
/** How far past the displaced day a move looks for the nearest free time. */
const MOVE_SEARCH_DAYS = 14;
/** Free times tried, nearest first, before the citizen is offered the choice instead. */
const MOVE_TRIES = 12;

type Handled = CalendarChange['handled'][number];

/** The changes with bookings still to handle, oldest first. */
export async function changesToHandle(ctx: AppContext): Promise<string[]> {
  const all = await ctx.store.read((r) => r.calendarChanges());
  return all
    .filter((c) => c.pending.length > 0)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((c) => c.id);
}

/**
 * Handles the change's next pending booking; answers what became of it, or undefined when none was left.
 * In PostgreSQL one short transaction, the change's row locked so that two instances never take the same one:
 *   SELECT * FROM calendar_changes WHERE id = $1 FOR UPDATE;
 *   SELECT * FROM bookings WHERE code = $2 FOR UPDATE;   -- then the move or the offer, and its outbox row
 *   UPDATE calendar_changes SET pending = pending[2:], handled = handled || $3 WHERE id = $1;
 */
export async function handleNext(ctx: AppContext, changeId: string): Promise<Handled | undefined> {
  return ctx.store.transaction(async (tx) => {
    const change = await tx.calendarChange(changeId);
    const code = change?.pending[0];
    if (!change || code === undefined) return undefined;
    const handled = await handleBooking(ctx, tx, change, code);
    await tx.putCalendarChange({
      ...change,
      pending: change.pending.slice(1),
      handled: [...change.handled, handled],
    });
    return handled;
  });
}

async function handleBooking(
  ctx: AppContext,
  tx: StoreTx,
  change: CalendarChange,
  code: string,
): Promise<Handled> {
  const now = ctx.clock();
  const at = now.toISOString();
  const booking = await tx.bookingByCode(code);
  if (!booking || booking.status !== 'booked' || Date.parse(booking.start) <= now.getTime())
    return { code, result: 'cancelled', at };
  if (change.removedAt || !(await stillDisplaced(ctx, tx, change, booking)))
    return { code, result: 'skipped', at };
  if (change.rebooking === 'move') {
    const moved = await moveToNearest(ctx, tx, booking);
    if (moved) return { code, result: 'moved', newStart: moved.start, at };
  }
  const offered: StoredBooking = {
    ...booking,
    selfServiceToken: booking.selfServiceToken ?? randomBytes(16).toString('base64url'),
    displacedBy: change.id,
    updatedAt: at,
  };
  await tx.updateBooking(offered);
  await queueRebookOffer(ctx, tx, offered);
  return { code, result: 'offered', at };
}

/** The booking may have been moved, or the hours given back, since the change listed it. */
async function stillDisplaced(
  ctx: AppContext,
  tx: StoreTx,
  change: CalendarChange,
  booking: StoredBooking,
): Promise<boolean> {
  const day = DateTime.fromISO(booking.start, { zone: ZONE }).toISODate()!;
  if (day < change.from || day > change.to) return false;
  const adjustments = await adjustmentsOf(tx, change.sede);
  const codes = displacedBookings({
    sede: change.sede,
    officials: ctx.config.officials,
    change: adjustmentOf(change),
    adjustments,
    bookings: await tx.bookingsOfDay(change.sede, day),
    now: ctx.clock(),
  });
  return codes.includes(booking.code);
}

/**
 * The nearest free time of the same service and mode at the same sede, before or after, under the rules of
 * every move; undefined when none is found (then the citizen chooses).
 */
async function moveToNearest(
  ctx: AppContext,
  tx: StoreTx,
  booking: StoredBooking,
): Promise<StoredBooking | undefined> {
  const sede = sedeOf(ctx.config, booking.sede);
  const service = bookableService(ctx, booking.service, booking.mode);
  const today = DateTime.fromJSDate(ctx.clock(), { zone: ZONE });
  const original = DateTime.fromISO(booking.start, { zone: ZONE });
  const from = today.toISODate()!;
  const to = original.plus({ days: MOVE_SEARCH_DAYS }).toISODate()!;
  const bookings: BookedInterval[] = [];
  for (const day of daysOf(from, to))
    for (const b of await tx.bookingsOfDay(sede.id, day))
      if (b.status === 'booked' && b.code !== booking.code) bookings.push(b);
  const days = computeAvailability({
    sede,
    service,
    mode: booking.mode,
    officials: ctx.config.officials,
    now: ctx.clock(),
    leadMinutes: ctx.config.server.bookingLeadMinutes,
    horizonDays: ctx.config.server.bookingHorizonDays,
    from,
    to,
    bookings,
    adjustments: await adjustmentsOf(tx, sede.id),
  });
  const wanted = original.toMillis();
  const nearest = days
    .flatMap((d) => d.slots)
    .map((s) => ({ start: s.start, distance: Math.abs(Date.parse(s.start) - wanted) }))
    // Equally near: the later time, which the citizen has not yet planned something else for.
    .sort((a, b) => a.distance - b.distance || Date.parse(b.start) - Date.parse(a.start))
    .slice(0, MOVE_TRIES);
  for (const slot of nearest) {
    try {
      return await moveWithin(ctx, tx, booking, slot.start);
    } catch (error) {
      // This time clashes with the citizen's other appointments: the next nearest.
      if (error instanceof ApiError && error.status === 409) continue;
      throw error;
    }
  }
  return undefined;
}

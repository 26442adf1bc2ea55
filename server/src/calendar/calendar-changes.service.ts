// A manager's changes to the office's calendar: a closure of the sede or an official's absence, the bookings
// they displace (shown before confirming), and the change written with those bookings to handle in one
// transaction; the rebooking worker then handles them one by one.
import { randomUUID } from 'node:crypto';
import type {
  CalendarChangePreviewBody,
  CalendarChangeListResponse,
  CalendarChangeView,
  CreateCalendarChangeBody,
  CreateCalendarChangeResponse,
  DisplacedBooking,
} from '@sportello/protocol';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import type { CalendarChange, StoredBooking, StoreReader } from '../store/store.ts';
import { adjustmentOf } from './adjustments.ts';
import type { CalendarAdjustment } from './availability.ts';
import { displacedBookings } from './displaced.ts';

const ZONE = 'Europe/Rome';

type PreviewInput = z.output<typeof CalendarChangePreviewBody>;
type CreateInput = z.output<typeof CreateCalendarChangeBody>;

/** The sede a staff member may change: a manager their own, an admin any they name. */
export function sedeInScope(ctx: AppContext, principal: Principal, asked: string | undefined): string {
  if (principal.kind !== 'staff') throw new ApiError(401, 'unauthenticated', 'sign in first');
  const isAdmin = principal.roles.includes('admin');
  const sede = asked ?? (isAdmin ? undefined : principal.sede);
  if (!sede) throw ApiError.field('sede', 'name the sede');
  sedeOf(ctx.config, sede);
  if (!isAdmin && sede !== principal.sede)
    throw new ApiError(403, 'wrong_sede', 'a manager changes the calendar of their own sede only');
  return sede;
}

export async function listChanges(
  ctx: AppContext,
  principal: Principal,
  asked?: string,
): Promise<CalendarChangeListResponse> {
  const sede = sedeInScope(ctx, principal, asked);
  const views = await ctx.store.read(async (r) =>
    Promise.all((await r.calendarChanges(sede)).map(async (c) => viewOf(ctx, c, await awaitingChoice(r, c)))),
  );
  return {
    sede,
    officials: ctx.config.officials
      .filter((o) => o.sede === sede)
      .map((o) => ({ id: o.id, name: o.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it')),
    changes: views,
  };
}

export async function previewChange(
  ctx: AppContext,
  principal: Principal,
  input: PreviewInput,
): Promise<DisplacedBooking[]> {
  const sede = sedeInScope(ctx, principal, input.sede);
  requireValid(ctx, sede, input);
  return ctx.store.read(async (r) => (await displaced(ctx, r, sede, input)).map(displacedView));
}

export async function createChange(
  ctx: AppContext,
  principal: Principal,
  input: CreateInput,
): Promise<CreateCalendarChangeResponse> {
  const sede = sedeInScope(ctx, principal, input.sede);
  requireValid(ctx, sede, input);
  const now = ctx.clock().toISOString();
  // The change and the list of bookings it displaces land together: a stop after this finishes the list.
  return ctx.store.transaction(async (tx) => {
    const found = await displaced(ctx, tx, sede, input);
    const change: CalendarChange = {
      id: randomUUID(),
      sede,
      kind: input.kind,
      ...(input.official ? { official: input.official } : {}),
      from: input.from,
      to: input.to,
      ...(input.hours ? { hours: input.hours } : {}),
      reason: input.reason,
      rebooking: input.rebooking,
      createdBy: principalName(principal),
      createdAt: now,
      pending: found.map((b) => b.code),
      handled: [],
    };
    await tx.putCalendarChange(change);
    return { change: viewOf(ctx, change), displaced: found.map(displacedView) };
  });
}

/** Ends the change: the hours are offered again at once; bookings already moved stay where they are. */
export async function removeChange(
  ctx: AppContext,
  principal: Principal,
  id: string,
): Promise<CalendarChangeView> {
  return ctx.store.transaction(async (tx) => {
    const change = await tx.calendarChange(id);
    if (!change) throw ApiError.notFound('calendar change');
    sedeInScope(ctx, principal, change.sede);
    if (change.removedAt) return viewOf(ctx, change);
    const removed: CalendarChange = {
      ...change,
      removedAt: ctx.clock().toISOString(),
      removedBy: principalName(principal),
    };
    await tx.putCalendarChange(removed);
    return viewOf(ctx, removed);
  });
}

/**
 * The bookings of the sede, still to come, that no longer fit once `input` is in force with the other
 * changes, by start.
 */
async function displaced(
  ctx: AppContext,
  reader: StoreReader,
  sede: string,
  input: PreviewInput,
): Promise<StoredBooking[]> {
  const change: CalendarAdjustment = adjustmentOf({ ...input, sede } as CalendarChange);
  const others = (await reader.calendarChanges(sede)).filter((c) => !c.removedAt);
  const adjustments = [...others.map(adjustmentOf), change];
  // A booking an earlier change is still handling gets one SMS or one move, not one per change.
  const handling = new Set(others.flatMap((c) => c.pending));
  const bookings: StoredBooking[] = [];
  for (const day of daysOf(input.from, input.to)) bookings.push(...(await reader.bookingsOfDay(sede, day)));
  const codes = displacedBookings({
    sede,
    officials: ctx.config.officials,
    change,
    adjustments,
    bookings,
    now: ctx.clock(),
  });
  const byCode = new Map(bookings.map((b) => [b.code, b]));
  return codes.filter((code) => !handling.has(code)).map((code) => byCode.get(code)!);
}

function requireValid(ctx: AppContext, sede: string, input: PreviewInput): void {
  const today = DateTime.fromJSDate(ctx.clock(), { zone: ZONE }).toISODate()!;
  if (input.to < today) throw ApiError.field('to', 'the days are over: a change is for today or later');
  if (input.from < today) throw ApiError.field('from', 'a change starts today at the earliest');
  if (input.official && !ctx.config.officials.some((o) => o.id === input.official && o.sede === sede))
    throw ApiError.field('official', `no official "${input.official}" works at this sede`);
}

export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: ZONE }); d.toISODate()! <= to; d = d.plus({ days: 1 }))
    days.push(d.toISODate()!);
  return days;
}

function displacedView(b: StoredBooking): DisplacedBooking {
  return { code: b.code, service: b.service, mode: b.mode, start: b.start, end: b.end };
}

function principalName(principal: Principal): string {
  return principal.kind === 'staff' ? principal.username : 'system';
}

/** The offered bookings still at the time the change took from them. */
async function awaitingChoice(reader: StoreReader, change: CalendarChange): Promise<number> {
  let count = 0;
  for (const h of change.handled) {
    if (h.result !== 'offered') continue;
    const booking = await reader.bookingByCode(h.code);
    if (booking?.status === 'booked' && booking.displacedBy === change.id) count++;
  }
  return count;
}

/** `waiting`: how many citizens offered a new time have not chosen one yet (read with the list). */
export function viewOf(ctx: AppContext, change: CalendarChange, waiting = 0): CalendarChangeView {
  const official = change.official ? ctx.config.officials.find((o) => o.id === change.official) : undefined;
  return {
    id: change.id,
    sede: change.sede,
    kind: change.kind,
    ...(change.official ? { official: change.official } : {}),
    ...(official ? { officialName: official.name } : {}),
    from: change.from,
    to: change.to,
    ...(change.hours ? { hours: change.hours } : {}),
    reason: change.reason,
    rebooking: change.rebooking,
    createdBy: change.createdBy,
    createdAt: change.createdAt,
    ...(change.removedAt ? { removedAt: change.removedAt } : {}),
    ...(change.removedBy ? { removedBy: change.removedBy } : {}),
    displaced: change.pending.length + change.handled.length,
    awaitingChoice: waiting,
    pending: change.pending,
    handled: change.handled,
  };
}

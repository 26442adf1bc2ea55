// The citizen's phone following a printed ticket: the key in the QR names the sede, the day and a random
// token of the ticket (never its id), so a look-up reads one day's tickets and nobody can guess another's.
import type { BoardView, FollowView } from '@sportello/protocol';
import { timingSafeEqual } from 'node:crypto';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { StoredTicket } from '../store/store.ts';
import { announceFloorChange } from './floor-channel.ts';
import { FloorSnapshot } from './floor-snapshot.ts';

const KEY = /^([a-z0-9-]{1,40})\.(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9_-]{22})$/;

/** The key printed in the ticket's QR and put in its link. */
export const followKey = (ticket: Pick<StoredTicket, 'sede' | 'day' | 'followToken'>) =>
  `${ticket.sede}.${ticket.day}.${ticket.followToken}`;

/** The phone page of a ticket. */
export const followUrl = (ctx: AppContext, ticket: Pick<StoredTicket, 'sede' | 'day' | 'followToken'>) =>
  `${ctx.config.server.publicUrl.replace(/\/+$/, '')}/t/${followKey(ticket)}`;

/** The public page of a sede's queue, opened from the board's QR. */
export const sedeQueueUrl = (ctx: AppContext, sede: string) =>
  `${ctx.config.server.publicUrl.replace(/\/+$/, '')}/t/sede/${encodeURIComponent(sede)}`;

export interface FollowedTicket {
  sede: string;
  ticketId: string;
}

/**
 * The ticket a key names, or 404: a key of another day, a wrong token and a malformed key look the same.
 * `today` answers the sede's floor already read for others, when there is one (thousands of phones connect).
 */
export async function followedTicket(
  ctx: AppContext,
  key: string,
  today?: (sede: string) => Promise<FloorSnapshot | undefined>,
): Promise<FollowedTicket> {
  const match = KEY.exec(key);
  const sede = match && ctx.config.sedi.find((s) => s.id === match[1]);
  if (!match || !sede) throw ApiError.notFound('ticket');
  const known = await today?.(sede.id);
  const tickets =
    known && known.day === match[2]
      ? known.tickets
      : await ctx.store.read((r) => r.ticketsOfDay(sede.id, match[2]!));
  const ticket = tickets.find((t) => sameToken(t.followToken, match[3]!));
  if (!ticket) throw ApiError.notFound('ticket');
  return { sede: sede.id, ticketId: ticket.id };
}

export async function readFollow(ctx: AppContext, key: string): Promise<FollowView> {
  const { sede, ticketId } = await followedTicket(ctx, key);
  const snap = await ctx.store.read((r) =>
    FloorSnapshot.read(r, ctx.config, sedeOf(ctx.config, sede), ctx.clock()),
  );
  return snap.followView(snap.ticket(ticketId)!);
}

/** "Vado via": the citizen gives up a ticket still waiting (or parked); its place goes to the next. */
export async function cancelFollowed(ctx: AppContext, key: string): Promise<FollowView> {
  const { sede: sedeId, ticketId } = await followedTicket(ctx, key);
  const sede = sedeOf(ctx.config, sedeId);
  await ctx.store.transaction(async (tx) => {
    const snap = await FloorSnapshot.read(tx, ctx.config, sede, ctx.clock());
    const ticket = snap.ticket(ticketId)!;
    if (ticket.status === 'cancelled') return;
    if (ticket.status !== 'waiting' && ticket.status !== 'parked') {
      throw new ApiError(409, 'not_waiting', 'this ticket has already been called');
    }
    const { notifyPhone: _phone, ...rest } = ticket;
    await tx.updateTicket({ ...rest, status: 'cancelled', finishedAt: ctx.clock().toISOString() });
    announceFloorChange(tx, sede.id, {});
  });
  return readFollow(ctx, key);
}

/** A sede's queue for anyone: numbers called and waits, nothing about anybody. */
export async function publicQueue(ctx: AppContext, sedeId: string): Promise<BoardView> {
  const sede = sedeOf(ctx.config, sedeId);
  const snap = await ctx.store.read((r) => FloorSnapshot.read(r, ctx.config, sede, ctx.clock()));
  return snap.boardView(sedeQueueUrl(ctx, sede.id));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

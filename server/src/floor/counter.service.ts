// What a counter clerk does with the queue: open, pause and close a counter, call the next ticket (one
// transaction: two counters never get the same one), recall, serve, finish, mark no-show, transfer, park.
// Each change is one store transaction that notifies the sede's floor channel when it commits.
import type {
  CounterState,
  CounterStatus,
  CounterView,
  Sede,
  TicketOutcome,
  TransferTicketBody,
} from '@sportello/protocol';
import type { z } from 'zod';
import { audit, auditActions } from '../audit/audit.ts';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import type { StoredTicket, StoreReader, StoreTx } from '../store/store.ts';
import { enqueueAlmostTurn } from './almost-turn.ts';
import { announceFloorChange } from './floor-channel.ts';
import { boardCall, countersOf, FloorSnapshot, type ConfiguredCounter } from './floor-snapshot.ts';
import { nextFor, servesTicket } from './queue-order.ts';

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
type TransferInput = z.output<typeof TransferTicketBody>;

export type TicketAction =
  | { kind: 'call' }
  | { kind: 'recall' }
  | { kind: 'start' }
  | { kind: 'done'; outcome?: TicketOutcome }
  | { kind: 'no-show' }
  | { kind: 'park' }
  | { kind: 'unpark' }
  | { kind: 'transfer'; to: TransferInput };

export async function listCounters(
  ctx: AppContext,
  principal: Principal,
  sedeId: string,
): Promise<{ counters: CounterState[] }> {
  const sede = sedeFor(ctx, principal, sedeId);
  const snap = await ctx.store.read((r) => FloorSnapshot.read(r, ctx.config, sede, ctx.clock()));
  return { counters: snap.counters.map((c) => snap.states.get(c.id)!) };
}

export async function readCounter(
  ctx: AppContext,
  principal: Principal,
  sedeId: string,
  counterId: string,
): Promise<CounterView> {
  const sede = sedeFor(ctx, principal, sedeId);
  counterFor(ctx, sede, counterId);
  return viewOf(ctx, sede, counterId);
}

export async function setCounterStatus(
  ctx: AppContext,
  principal: Principal,
  sedeId: string,
  counterId: string,
  status: CounterStatus,
): Promise<CounterView> {
  const clerk = staff(principal);
  return change(ctx, principal, sedeId, counterId, async ({ tx, snap, counter, now }) => {
    const state = snap.states.get(counter.id)!;
    if (state.status !== 'closed' && state.clerk && state.clerk !== clerk.username) {
      throw new ApiError(409, 'counter_taken', `${counter.name} is open with another clerk`);
    }
    if (status === state.status) return;
    if (status === 'open') {
      const elsewhere = snap.counters.find(
        (c) =>
          c.id !== counter.id &&
          snap.states.get(c.id)!.status !== 'closed' &&
          snap.states.get(c.id)!.clerk === clerk.username,
      );
      if (elsewhere) {
        throw new ApiError(
          409,
          'already_at_counter',
          `close ${elsewhere.name} first: a clerk holds one counter`,
        );
      }
    } else if (currentOf(snap, counter)) {
      throw new ApiError(409, 'ticket_open', 'finish, park or transfer the ticket at the counter first');
    }
    await tx.putCounterState({
      ...state,
      day: snap.day,
      status,
      since: now.toISOString(),
      ...(status === 'closed' ? { clerk: undefined } : { clerk: clerk.username }),
    });
  });
}

export async function callNext(
  ctx: AppContext,
  principal: Principal,
  sedeId: string,
  counterId: string,
): Promise<CounterView> {
  return change(ctx, principal, sedeId, counterId, async (step) => {
    requireOpen(step);
    if (currentOf(step.snap, step.counter)) {
      throw new ApiError(409, 'ticket_open', 'finish, park or transfer the ticket at the counter first');
    }
    const next = nextFor(step.snap.ordered, step.counter);
    if (!next) throw new ApiError(409, 'nobody_waiting', 'nobody is waiting for this counter');
    return call(step, next);
  });
}

export async function actOnTicket(
  ctx: AppContext,
  principal: Principal,
  sedeId: string,
  counterId: string,
  ticketId: string,
  action: TicketAction,
): Promise<CounterView> {
  return change(ctx, principal, sedeId, counterId, async (step) => {
    const { snap, counter, tx, now, clerk } = step;
    const ticket = snap.ticket(ticketId);
    if (!ticket) throw ApiError.notFound('ticket');
    requireClerk(step);
    const at = now.toISOString();

    if (action.kind === 'call') {
      requireOpen(step);
      if (currentOf(snap, counter)) {
        throw new ApiError(409, 'ticket_open', 'finish, park or transfer the ticket at the counter first');
      }
      if (ticket.status !== 'waiting' && ticket.status !== 'parked') {
        throw new ApiError(409, 'not_waiting', `ticket ${ticket.number} is ${ticket.status}`);
      }
      if (!counter.services.includes(ticket.service)) {
        throw new ApiError(
          409,
          'not_for_this_counter',
          `${counter.name} does not serve this ticket's service`,
        );
      }
      return call(step, ticket);
    }
    if (action.kind === 'unpark') {
      if (ticket.status !== 'parked')
        throw new ApiError(409, 'not_parked', `ticket ${ticket.number} is ${ticket.status}`);
      if (!counter.services.includes(ticket.service)) {
        throw new ApiError(
          409,
          'not_for_this_counter',
          `${counter.name} does not serve this ticket's service`,
        );
      }
      const { parkedAt: _parked, counter: _counter, ...rest } = ticket;
      await tx.updateTicket({ ...rest, status: 'waiting' });
      return;
    }

    // The rest act on the ticket at this counter.
    if (snap.states.get(counter.id)!.ticketId !== ticket.id || !currentOf(snap, counter)) {
      throw new ApiError(409, 'not_yours', `ticket ${ticket.number} is not at ${counter.name}`);
    }
    switch (action.kind) {
      case 'recall': {
        if (ticket.status !== 'called')
          throw new ApiError(409, 'not_called', 'only a called ticket is called again');
        const recalled = { ...ticket, recalls: ticket.recalls + 1 };
        await tx.updateTicket(recalled);
        return { ...boardCall(recalled, counter.name), at };
      }
      case 'start':
        if (ticket.status !== 'called')
          throw new ApiError(409, 'not_called', `ticket ${ticket.number} is ${ticket.status}`);
        await tx.updateTicket({ ...ticket, status: 'serving', servingAt: at });
        return;
      case 'done':
        await finish(step, {
          ...ticket,
          status: 'done',
          ...(action.outcome ? { outcome: action.outcome } : {}),
        });
        return;
      case 'no-show': {
        if (ticket.status !== 'called')
          throw new ApiError(409, 'not_called', 'a ticket being served is not absent');
        const needed = ctx.config.server.floor.recallsBeforeNoShow;
        if (ticket.recalls < needed) {
          throw new ApiError(
            409,
            'recalls_needed',
            `call it again first (${needed - ticket.recalls} more)`,
            undefined,
            {
              recallsLeft: needed - ticket.recalls,
            },
          );
        }
        await finish(step, { ...ticket, status: 'no-show' });
        return;
      }
      case 'park':
        await tx.updateTicket({ ...ticket, status: 'parked', parkedAt: at });
        await release(step);
        return;
      case 'transfer': {
        const to = action.to;
        const service = ctx.config.services.find((s) => s.id === to.service);
        if (!service || !snap.counters.some((c) => c.services.includes(service.id))) {
          throw ApiError.field('service', 'no counter of this sede serves that service');
        }
        let target: ConfiguredCounter | undefined;
        if (to.counter) {
          target = snap.counter(to.counter);
          if (!target || !servesTicket(target, { service: service.id })) {
            throw ApiError.field(
              'counter',
              'that counter does not exist here or does not serve that service',
            );
          }
        }
        const { counter: _c, calledAt: _a, calledBy: _b, servingAt: _s, targetCounter: _t, ...rest } = ticket;
        await tx.updateTicket({
          ...rest,
          status: 'waiting',
          service: service.id,
          sector: service.sector,
          recalls: 0,
          ...(target ? { targetCounter: target.id } : {}),
          transfers: [
            ...ticket.transfers,
            {
              at,
              by: clerk.username,
              fromService: ticket.service,
              fromCounter: counter.id,
              toService: service.id,
              ...(target ? { toCounter: target.id } : {}),
              ...(to.note ? { note: to.note } : {}),
            },
          ],
        });
        await release(step);
        return;
      }
    }
  });
}

// ---- one change, in one transaction ----

interface Step {
  ctx: AppContext;
  tx: StoreTx;
  snap: FloorSnapshot;
  sede: Sede;
  counter: ConfiguredCounter;
  clerk: StaffPrincipal;
  now: Date;
}

/** A change answers the call to announce on the board, if it made one. */
type Change = (step: Step) => Promise<ReturnType<typeof boardCall> | void>;

async function change(
  ctx: AppContext,
  principal: Principal,
  sedeId: string,
  counterId: string,
  fn: Change,
): Promise<CounterView> {
  const sede = sedeFor(ctx, principal, sedeId);
  const counter = counterFor(ctx, sede, counterId);
  const clerk = staff(principal);
  await ctx.store.transaction(async (tx) => {
    const now = ctx.clock();
    const snap = await FloorSnapshot.read(tx, ctx.config, sede, now);
    const step: Step = { ctx, tx, snap, sede, counter, clerk, now };
    const announced = await fn(step);
    // Those now close to the front of the queue get their "almost your turn" SMS.
    const after = await FloorSnapshot.read(tx, ctx.config, sede, now);
    await enqueueAlmostTurn(tx, ctx, sede, after.ordered, (t: StoredTicket) => after.aheadOf(t), now);
    announceFloorChange(tx, sede.id, announced ? { call: announced } : {});
  });
  return viewOf(ctx, sede, counter.id);
}

async function call(step: Step, ticket: StoredTicket) {
  const { tx, counter, clerk, now, snap } = step;
  const at = now.toISOString();
  const { parkedAt: _parked, targetCounter: _target, ...rest } = ticket;
  const called: StoredTicket = {
    ...rest,
    status: 'called',
    counter: counter.id,
    calledBy: clerk.username,
    calledAt: at,
    recalls: 0,
  };
  await tx.updateTicket(called);
  await tx.putCounterState({ ...snap.states.get(counter.id)!, day: snap.day, ticketId: ticket.id });
  if (ticket.codiceFiscale || ticket.bookingCode) {
    await audit(tx, now, clerk.username, auditActions.ticketCitizenData, ticket.id, { counter: counter.id });
  }
  return boardCall(called, counter.name);
}

async function finish(step: Step, ticket: StoredTicket): Promise<void> {
  // The number for the SMS was wanted only while the ticket waited.
  const { notifyPhone: _phone, ...rest } = ticket;
  await step.tx.updateTicket({ ...rest, finishedAt: step.now.toISOString() });
  await release(step);
}

async function release({ tx, snap, counter }: Step): Promise<void> {
  const { ticketId: _t, ...state } = snap.states.get(counter.id)!;
  await tx.putCounterState({ ...state, day: snap.day });
}

function currentOf(snap: FloorSnapshot, counter: ConfiguredCounter): StoredTicket | undefined {
  const id = snap.states.get(counter.id)!.ticketId;
  const ticket = id ? snap.ticket(id) : undefined;
  return ticket && (ticket.status === 'called' || ticket.status === 'serving') ? ticket : undefined;
}

function requireClerk({ snap, counter, clerk }: Step): void {
  const state = snap.states.get(counter.id)!;
  if (state.status === 'closed') throw new ApiError(409, 'counter_not_open', `open ${counter.name} first`);
  if (state.clerk !== clerk.username)
    throw new ApiError(409, 'counter_taken', `${counter.name} is open with another clerk`);
}

function requireOpen(step: Step): void {
  requireClerk(step);
  const state = step.snap.states.get(step.counter.id)!;
  if (state.status !== 'open')
    throw new ApiError(409, 'counter_not_open', `${step.counter.name} is paused: open it to call`);
}

async function viewOf(ctx: AppContext, sede: Sede, counterId: string): Promise<CounterView> {
  return ctx.store.read(async (r) =>
    counterViewOf(r, await FloorSnapshot.read(r, ctx.config, sede, ctx.clock()), counterId),
  );
}

/** The counter's view with the name of a booked citizen, read from the booking for the clerk who called them. */
export async function counterViewOf(
  r: StoreReader,
  snap: FloorSnapshot,
  counterId: string,
): Promise<CounterView> {
  const view = snap.counterView(counterId);
  const citizen = view.current?.citizen;
  if (!citizen?.bookingCode) return view;
  const booking = await r.bookingByCode(citizen.bookingCode);
  if (booking && !booking.personalDataRemovedAt) {
    citizen.name = `${booking.citizen.firstName} ${booking.citizen.lastName}`;
  }
  return view;
}

/** A clerk works at their own sede; staff without one (national roles) may open any. */
function sedeFor(ctx: AppContext, principal: Principal, sedeId: string): Sede {
  const sede = sedeOf(ctx.config, sedeId);
  if (principal.kind === 'staff' && principal.sede && principal.sede !== sede.id) {
    throw new ApiError(403, 'wrong_sede', 'this account works at another sede');
  }
  return sede;
}

function counterFor(ctx: AppContext, sede: Sede, counterId: string): ConfiguredCounter {
  const counter = countersOf(ctx.config, sede).find((c) => c.id === counterId);
  if (!counter) throw ApiError.notFound('counter');
  return counter;
}

function staff(principal: Principal): StaffPrincipal {
  if (principal.kind !== 'staff') throw new ApiError(403, 'forbidden', 'counters are worked by staff');
  return principal;
}

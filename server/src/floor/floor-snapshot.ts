// A sede's floor at one instant — today's tickets, its counters, the order "call next" follows and the
// estimated waits — and the views the counter console, the board and the phone page are given from it.
import {
  weekdays,
  type BoardCall,
  type BoardView,
  type CalledCitizen,
  type CounterState,
  type CounterView,
  type FollowView,
  type QueuedTicket,
  type Sede,
  type Ticket,
} from '@sportello/protocol';
import { DateTime } from 'luxon';
import type { AppConfig } from '../config/load-config.ts';
import type { StoredTicket, StoreReader } from '../store/store.ts';
import { queueOrder, servesTicket, type CallingCounter } from './queue-order.ts';
import { estimateWaits } from './wait-estimate.ts';

export const ZONE = 'Europe/Rome';
/** Calls the board keeps on screen, newest first. */
const BOARD_CALLS = 6;

export interface ConfiguredCounter extends CallingCounter {
  name: string;
}

/** The counters of a sede as configured: each calls its own services, or every service of its sectors. */
export function countersOf(config: AppConfig, sede: Sede): ConfiguredCounter[] {
  return sede.counters.map((c) => ({
    id: c.id,
    name: c.name,
    services: c.services ?? config.services.filter((s) => c.sectors.includes(s.sector)).map((s) => s.id),
  }));
}

export function todayOf(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!;
}

export class FloorSnapshot {
  readonly counters: ConfiguredCounter[];
  readonly states: Map<string, CounterState>;
  /** Waiting tickets in call order. */
  readonly ordered: StoredTicket[];
  private readonly waits: Map<string, number>;
  /** Computed once per snapshot: thousands of phones may ask. */
  private readonly ahead = new Map<string, number>();

  constructor(
    readonly config: AppConfig,
    readonly sede: Sede,
    readonly now: Date,
    readonly tickets: StoredTicket[],
    states: CounterState[],
    /** Today's in-person appointments at the sede not checked in yet: they will go first at their time. */
    private readonly appointments: { service: string; start: string }[] = [],
  ) {
    this.day = todayOf(now);
    this.counters = countersOf(config, sede);
    this.states = new Map(this.counters.map((c) => [c.id, this.stateOf(c, states)]));
    this.ordered = queueOrder(tickets, now, config.server.floor);
    this.waits = this.estimate();
  }

  static async read(r: StoreReader, config: AppConfig, sede: Sede, now: Date): Promise<FloorSnapshot> {
    const day = todayOf(now);
    const [tickets, states] = await Promise.all([
      r.ticketsOfDay(sede.id, day),
      r.counterStatesOfDay(sede.id, day),
    ]);
    return new FloorSnapshot(config, sede, now, tickets, states);
  }

  /** Today, in the sede's time zone. */
  readonly day: string;

  counter(id: string): ConfiguredCounter | undefined {
    return this.counters.find((c) => c.id === id);
  }

  ticket(id: string): StoredTicket | undefined {
    return this.tickets.find((t) => t.id === id);
  }

  /** Waiting tickets ahead of this one that compete for the same counters. */
  aheadOf(ticket: Pick<Ticket, 'id' | 'service' | 'targetCounter'>): number {
    const known = this.ahead.get(ticket.id);
    if (known !== undefined) return known;
    const index = this.ordered.findIndex((t) => t.id === ticket.id);
    if (index < 0) return 0;
    const mine = this.counters.filter((c) => servesTicket(c, ticket));
    const ahead = this.ordered
      .slice(0, index)
      .filter((other) => mine.some((c) => servesTicket(c, other))).length;
    this.ahead.set(ticket.id, ahead);
    return ahead;
  }

  estimatedWaitMinutes(ticketId: string): number {
    return this.waits.get(ticketId) ?? 0;
  }

  /** The counter's view; the citizen of its current ticket is given only to it (disclosed when called). */
  counterView(counterId: string): CounterView {
    const counter = this.counter(counterId)!;
    const state = this.states.get(counterId)!;
    const current = state.ticketId ? this.ticket(state.ticketId) : undefined;
    const mine = this.tickets.filter((t) => t.counter === counterId);
    const served = mine.filter((t) => t.status === 'done');
    const minutes = served.map((t) => serviceMinutes(t)).filter((m): m is number => m !== undefined);
    return {
      counter: state,
      ...(current && (current.status === 'called' || current.status === 'serving')
        ? { current: { ticket: publicTicket(current), ...citizenOf(current) } }
        : {}),
      queue: this.ordered.filter((t) => servesTicket(counter, t)).map((t) => this.queued(t)),
      parked: this.tickets
        .filter((t) => t.status === 'parked' && counter.services.includes(t.service))
        .map(publicTicket),
      today: {
        served: served.length,
        noShows: mine.filter((t) => t.status === 'no-show').length,
        ...(minutes.length > 0
          ? { averageServiceMinutes: round1(minutes.reduce((a, b) => a + b, 0) / minutes.length) }
          : {}),
      },
      recallsBeforeNoShow: this.config.server.floor.recallsBeforeNoShow,
    };
  }

  boardView(followUrl: string): BoardView {
    const weekday = weekdays[DateTime.fromJSDate(this.now, { zone: ZONE }).weekday - 1]!;
    const waiting = new Map<string, StoredTicket[]>();
    for (const t of this.ordered) waiting.set(t.service, [...(waiting.get(t.service) ?? []), t]);
    return {
      sede: { id: this.sede.id, name: this.sede.name },
      day: this.day,
      calls: this.calls().slice(0, BOARD_CALLS),
      waiting: this.config.services
        .filter((s) => s.channels.ticket && this.counters.some((c) => c.services.includes(s.id)))
        .map((s) => {
          const queue = waiting.get(s.id) ?? [];
          const last = queue.at(-1);
          return {
            service: s.id,
            name: s.name.it,
            prefix: s.channels.ticket!.prefix,
            count: queue.length,
            estimatedWaitMinutes: last ? this.estimatedWaitMinutes(last.id) : 0,
          };
        }),
      hours: this.sede.publicHours[weekday] ?? [],
      followUrl,
    };
  }

  followView(ticket: StoredTicket): FollowView {
    const service = this.config.services.find((s) => s.id === ticket.service);
    const serviceName = service ? (service.name[ticket.language] ?? service.name.it) : ticket.service;
    const counter = ticket.counter ? this.counter(ticket.counter) : undefined;
    const called = ticket.status === 'called' || ticket.status === 'serving';
    return {
      number: ticket.number,
      status: ticket.status,
      language: ticket.language,
      sede: { id: this.sede.id, name: this.sede.name },
      service: ticket.service,
      serviceName,
      ahead: ticket.status === 'waiting' ? this.aheadOf(ticket) : 0,
      estimatedWaitMinutes: ticket.status === 'waiting' ? this.estimatedWaitMinutes(ticket.id) : 0,
      ...(called && counter ? { counter: { id: counter.id, name: counter.name } } : {}),
      ...(ticket.calledAt ? { calledAt: ticket.calledAt } : {}),
      recalls: ticket.recalls,
    };
  }

  /** The day's calls, newest first: the board shows the last few, served since or not. */
  calls(): BoardCall[] {
    return (
      this.tickets
        .filter((t) => t.status !== 'waiting' && t.status !== 'cancelled' && t.counter && t.calledAt)
        // At the same instant, the one still at its counter is the newer call.
        .sort(
          (a, b) =>
            Date.parse(b.calledAt!) - Date.parse(a.calledAt!) ||
            Number(isAtCounter(b)) - Number(isAtCounter(a)),
        )
        .map((t) => boardCall(t, this.counter(t.counter!)?.name ?? t.counter!))
    );
  }

  queued(ticket: StoredTicket): QueuedTicket {
    return {
      ticket: publicTicket(ticket),
      ahead: this.aheadOf(ticket),
      estimatedWaitMinutes: this.estimatedWaitMinutes(ticket.id),
    };
  }

  private stateOf(counter: ConfiguredCounter, states: CounterState[]): CounterState {
    const stored = states.find((s) => s.counter === counter.id);
    // Config wins for the name and services: a counter renamed today shows its new name.
    if (stored) return { ...stored, name: counter.name, services: counter.services };
    return {
      sede: this.sede.id,
      counter: counter.id,
      name: counter.name,
      services: counter.services,
      status: 'closed',
      since: `${this.day}T00:00:00+01:00`,
    };
  }

  private estimate(): Map<string, number> {
    const open = this.counters.filter((c) => this.states.get(c.id)?.status === 'open');
    const early = this.config.server.floor.appointmentEarlyMinutes * 60_000;
    const dueAt = (start: string) => Date.parse(start) - early;
    return estimateWaits({
      now: this.now.getTime(),
      waiting: this.ordered.map((t) => ({
        id: t.id,
        service: t.service,
        ...(t.targetCounter ? { targetCounter: t.targetCounter } : {}),
        ...(t.appointmentStart ? { dueAt: dueAt(t.appointmentStart) } : {}),
      })),
      upcoming: this.appointments.map((b) => ({ service: b.service, dueAt: dueAt(b.start) })),
      counters: open.map((c) => {
        const ticketId = this.states.get(c.id)?.ticketId;
        const busy = ticketId ? this.ticket(ticketId) : undefined;
        const since = busy?.servingAt ?? busy?.calledAt;
        return {
          id: c.id,
          services: c.services,
          ...(busy && since ? { busy: { service: busy.service, since: Date.parse(since) } } : {}),
        };
      }),
      history: this.tickets.flatMap((t) => {
        if (!t.finishedAt) return [];
        if (t.status === 'done') {
          const minutes = serviceMinutes(t);
          return minutes === undefined
            ? []
            : [{ service: t.service, minutes, endedAt: Date.parse(t.finishedAt) }];
        }
        if (t.status === 'no-show' && t.calledAt) {
          const minutes = (Date.parse(t.finishedAt) - Date.parse(t.calledAt)) / 60_000;
          return [{ service: t.service, minutes, endedAt: Date.parse(t.finishedAt), noShow: true }];
        }
        return [];
      }),
      defaultServiceMinutes: this.config.server.floor.defaultServiceMinutes,
    });
  }
}

export function boardCall(ticket: StoredTicket, counterName: string): BoardCall {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    counter: ticket.counter!,
    counterName,
    language: ticket.language,
    at: ticket.calledAt!,
    recall: ticket.recalls,
  };
}

function citizenOf(ticket: StoredTicket): { citizen?: CalledCitizen } {
  if (!ticket.codiceFiscale && !ticket.bookingCode) return {};
  return {
    citizen: {
      ...(ticket.codiceFiscale ? { codiceFiscale: ticket.codiceFiscale } : {}),
      ...(ticket.bookingCode ? { bookingCode: ticket.bookingCode } : {}),
    },
  };
}

const isAtCounter = (t: StoredTicket) => t.status === 'called' || t.status === 'serving';

/** Minutes from the start of service (or the call) to done. */
function serviceMinutes(t: StoredTicket): number | undefined {
  const from = t.servingAt ?? t.calledAt;
  if (!from || !t.finishedAt) return undefined;
  return (Date.parse(t.finishedAt) - Date.parse(from)) / 60_000;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** What any screen may be given of a ticket: no codice fiscale, phone or keys. */
export function publicTicket({
  codiceFiscale: _cf,
  notifyPhone: _phone,
  followToken: _follow,
  almostTurnSentAt: _almost,
  personalDataRemovedAt: _removed,
  ...ticket
}: StoredTicket): Ticket {
  return ticket;
}

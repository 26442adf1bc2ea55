// The estimated wait of every waiting ticket at a sede: the day's real service times per service, the counters
// open now and what each may call, walked down the queue in call order. Pure: the caller brings the clock.

export interface EstimateInput {
  now: number; // epoch ms
  /** Waiting tickets in the exact order "call next" takes them (already ordered by the office's rule). */
  waiting: {
    id: string;
    service: string;
    targetCounter?: string;
    /** An appointment checked in before its time: it goes first from then (its start less the early minutes). */
    dueAt?: number;
  }[];
  /** Counters open now (not paused/closed), each with the services it may call and what it is doing. */
  counters: { id: string; services: string[]; busy?: { service: string; since: number } }[];
  /**
   * Today's finished tickets at this sede: service id and minutes from service start (or call) to done. A
   * no-show (`noShow: true`) gives the minutes its counter lost between the call and giving up.
   */
  history: { service: string; minutes: number; endedAt: number; noShow?: boolean }[];
  defaultServiceMinutes: number; // used before the day has its own figures
  /**
   * Today's booked appointments at this sede not checked in yet, whose start is still ahead: each goes first
   * from `dueAt` (its start less the minutes an appointment may go first early), if the citizen comes.
   */
  upcoming?: { service: string; dueAt: number }[];
}

const MINUTE = 60_000;
/** A sample this old counts half as much as one just finished: the afternoon's pace follows the late morning. */
const HALF_LIFE_MINUTES = 120;
/** A service time counts at most this many times the service's median. */
const CAP = 4;
/** The prior counts as this many samples: a service's first few figures move the estimate only partly. */
const PRIOR_SAMPLES = 4;
/** Before the day shows otherwise, this share of called tickets are expected not to answer… */
const NO_SHOW_PRIOR_RATE = 0.05;
const NO_SHOW_PRIOR_SAMPLES = 20;
/** …and each to cost its counter this long (the recalls). */
const NO_SHOW_PRIOR_MINUTES = 1.5;
/** Share of booked appointments whose citizen comes (a typical figure for in-person bookings). */
const APPOINTMENT_SHOW_RATE = 0.8;
/** A busy counter past its expected time still needs this share of it: a long case is rarely about to end. */
const REMAINING_FLOOR_SHARE = 0.3;

interface Figure {
  minutes: number;
  /** Recency-weighted number of samples behind it. */
  weight: number;
}

interface Sample {
  minutes: number;
  weight: number;
}

/**
 * The samples with every one above CAP × their weighted median counted at that cap: a forgotten ticket or a
 * single two-hour case moves the mean little, while the ordinary long tail, which the queue does pay for,
 * stays in (a trimmed mean or the median would leave it out and announce waits too short).
 */
function capTail<S extends Sample>(samples: S[]): S[] {
  const total = samples.reduce((sum, s) => sum + s.weight, 0);
  const sorted = [...samples].sort((a, b) => a.minutes - b.minutes);
  let below = 0;
  const median = sorted.find((s) => (below += s.weight) >= total / 2)?.minutes ?? 0;
  return samples.map((s) => ({ ...s, minutes: Math.min(s.minutes, CAP * median) }));
}

function weightedMean(samples: Sample[]): Figure | undefined {
  const weight = samples.reduce((sum, s) => sum + s.weight, 0);
  return weight > 0
    ? { minutes: samples.reduce((sum, s) => sum + s.weight * s.minutes, 0) / weight, weight }
    : undefined;
}

/** Shrinks a figure towards the prior: with few samples it stays near the prior, with many near itself. */
const blend = (own: Figure | undefined, prior: number) =>
  own ? (own.minutes * own.weight + prior * PRIOR_SAMPLES) / (own.weight + PRIOR_SAMPLES) : prior;

/** Expected service minutes per service from `samples`, and what a case already under way still needs. */
function serviceTimes(samples: (Sample & { service: string })[], defaultMinutes: number) {
  // Day first, default behind it: a service new today starts from how fast the whole sede works today.
  const day = blend(weightedMean(capTail(samples)), defaultMinutes);
  const perService = new Map<string, { expected: number; samples: Sample[] }>();
  const figures = (service: string) => {
    let figure = perService.get(service);
    if (!figure) {
      const own = capTail(samples.filter((s) => s.service === service));
      figure = { expected: blend(weightedMean(own), day), samples: own };
      perService.set(service, figure);
    }
    return figure;
  };
  return {
    expected: (service: string) => figures(service).expected,
    /**
     * What a case already `elapsed` minutes long still needs: on a long tail, more than expected minus
     * elapsed, so the day's cases of that service that lasted longer say how much more they took.
     */
    remaining: (service: string, elapsed: number) => {
      const { expected, samples: own } = figures(service);
      const prior = Math.max(expected - elapsed, expected * REMAINING_FLOOR_SHARE);
      const longer = own
        .filter((s) => s.minutes > elapsed)
        .map((s) => ({ ...s, minutes: s.minutes - elapsed }));
      return blend(weightedMean(longer), prior);
    },
  };
}

/** What each ticket costs a counter, from today's history and the cases under way now. */
function serviceModel(input: EstimateInput) {
  const recency = (endedAt: number) => 0.5 ** (Math.max(0, input.now - endedAt) / MINUTE / HALF_LIFE_MINUTES);
  const usable = input.history.filter((h) => Number.isFinite(h.minutes) && h.minutes >= 0);
  const served = usable.filter((h) => !h.noShow);
  const done = served.map((h) => ({ service: h.service, minutes: h.minutes, weight: recency(h.endedAt) }));
  // Only finished cases are in the history, and at any moment the long ones are likelier still under way:
  // without them the figure comes out too short. So each case under way counts too, at its expected length.
  const first = serviceTimes(done, input.defaultServiceMinutes);
  const running = input.counters.flatMap((c) => {
    if (!c.busy) return [];
    const elapsed = Math.max(0, (input.now - c.busy.since) / MINUTE);
    return [
      { service: c.busy.service, minutes: elapsed + first.remaining(c.busy.service, elapsed), weight: 1 },
    ];
  });
  const times = running.length ? serviceTimes([...done, ...running], input.defaultServiceMinutes) : first;

  const noShows = usable.filter((h) => h.noShow);
  const noShowRate =
    (noShows.length + NO_SHOW_PRIOR_RATE * NO_SHOW_PRIOR_SAMPLES) /
    (noShows.length + served.length + NO_SHOW_PRIOR_SAMPLES);
  const noShowMinutes =
    (noShows.reduce((sum, h) => sum + h.minutes, 0) + NO_SHOW_PRIOR_MINUTES * PRIOR_SAMPLES) /
    (noShows.length + PRIOR_SAMPLES);

  return {
    serviceMinutes: times.expected,
    remainingMinutes: first.remaining,
    /** What a waiting ticket will cost its counter, counting the chance that nobody answers the call. */
    ticketMinutes: (service: string) =>
      (1 - noShowRate) * times.expected(service) + noShowRate * noShowMinutes,
  };
}

/** Ticket id → estimated minutes until it is called (integer ≥ 0) for every waiting ticket. */
export function estimateWaits(input: EstimateInput): Map<string, number> {
  const model = serviceModel(input);
  const counters = input.counters.map((c) => ({
    id: c.id,
    services: new Set(c.services),
    /** Minutes from now until it calls again. */
    freeIn: c.busy
      ? model.remainingMinutes(c.busy.service, Math.max(0, (input.now - c.busy.since) / MINUTE))
      : 0,
  }));
  type Waiting = EstimateInput['waiting'][number];
  // As queue-order.ts's servesTicket: its service, and only its counter after a transfer to one.
  const mayCall = (c: (typeof counters)[number], t: Waiting) =>
    c.services.has(t.service) && (t.targetCounter === undefined || t.targetCounter === c.id);
  // Appointments jump the queue once due: those still to come (if the citizen comes) and those checked in early.
  const appointments: { service: string; dueIn: number; ticket?: Waiting }[] = [
    ...(input.upcoming ?? []).map((a) => ({ service: a.service, dueIn: (a.dueAt - input.now) / MINUTE })),
    ...input.waiting.flatMap((t) =>
      t.dueAt !== undefined && t.dueAt > input.now
        ? [{ service: t.service, dueIn: (t.dueAt - input.now) / MINUTE, ticket: t }]
        : [],
    ),
  ].sort((a, b) => a.dueIn - b.dueIn);

  const waits = new Map<string, number>();
  const left = [...input.waiting];
  const take = (c: (typeof counters)[number], ticket: Waiting) => {
    left.splice(left.indexOf(ticket), 1);
    waits.set(ticket.id, c.freeIn);
    c.freeIn += model.ticketMinutes(ticket.service);
  };
  // "Call next" played forward: the counter free first takes an appointment already due, else the first
  // waiting ticket it may call. This is each ticket, in call order, going to the eligible counter free first.
  const active = new Set(counters);
  const firstFree = () => {
    let first: (typeof counters)[number] | undefined;
    for (const c of active) if (!first || c.freeIn < first.freeIn) first = c;
    return first;
  };
  for (let counter = firstFree(); counter && left.length > 0; counter = firstFree()) {
    const c = counter;
    const due = appointments.findIndex(
      (a) => a.dueIn <= c.freeIn && (a.ticket ? mayCall(c, a.ticket) : c.services.has(a.service)),
    );
    if (due >= 0) {
      const [appointment] = appointments.splice(due, 1);
      if (appointment!.ticket) take(c, appointment!.ticket);
      else c.freeIn += APPOINTMENT_SHOW_RATE * model.serviceMinutes(appointment!.service);
      continue;
    }
    const next = left.find((t) => mayCall(c, t));
    if (next) {
      // Called in its place before its appointment came due: it no longer jumps ahead later.
      const early = appointments.findIndex((a) => a.ticket === next);
      if (early >= 0) appointments.splice(early, 1);
      take(c, next);
      continue;
    }
    // Nothing for it now: it waits for its next appointment, or it has no more part in this queue.
    const later = appointments.find((a) => !a.ticket && c.services.has(a.service));
    if (later) c.freeIn = later.dueIn;
    else active.delete(c);
  }

  // A ticket no open counter can call: assume one opens within a default service time, then the tickets of its
  // line (its service, or the counter it was sent to) ahead of it go first at the configured pace. An
  // estimate from the default, never Infinity.
  const unservedAhead = new Map<string, number>();
  for (const ticket of left) {
    const line = ticket.targetCounter ? `counter ${ticket.targetCounter}` : `service ${ticket.service}`;
    const ahead = unservedAhead.get(line) ?? 0;
    unservedAhead.set(line, ahead + 1);
    waits.set(ticket.id, (ahead + 1) * input.defaultServiceMinutes);
  }
  for (const [id, minutes] of waits)
    waits.set(id, Number.isFinite(minutes) ? Math.max(0, Math.round(minutes)) : 0);
  return waits;
}

// A simulated working day at a sede's counters, seeded and reproducible: walk-ins with a morning peak,
// appointments that go first at their time, long-tailed service times, counters opening late, pausing and
// closing early, citizens who do not answer the call. At each ticket's printing it asks an estimator, with the
// state of that instant, and keeps what it said beside the wait the citizen then had.
import type { EstimateInput } from '../../server/src/floor/wait-estimate.ts';
import { random, type Random } from './seed.ts';

const MINUTE = 60_000;
/** 08:30 on a day: the simulation's clock counts from the doors opening, in ms. */
const OPEN = 0;
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return ((h! - 8) * 60 + m! - 30) * MINUTE;
};
const DOORS_CLOSE = at('12:30');
/** What the office configured (the server's default) and the naive estimate uses. */
export const CONFIGURED_MINUTES = 10;
/** A checked-in appointment goes first from this long before its start (the server's default). */
const APPOINTMENT_EARLY = 5 * MINUTE;
/** Minutes of arrival an elderly citizen's ticket is credited with (the server's default). */
const ELDERLY_CREDIT = 15 * MINUTE;
const ELDERLY_SHARE = 0.05;
/** From the call to the citizen sitting at the counter. */
const WALK_MINUTES = 0.5;

/** Service times are lognormal: `median` minutes, `sigma` the spread of their logarithm (the long tail). */
const SERVICES = {
  informazioni: { median: 4, sigma: 0.6, share: 0.4 },
  naspi: { median: 7, sigma: 0.7, share: 0.25 },
  pensioni: { median: 10, sigma: 0.7, share: 0.25 },
  invalidita: { median: 13, sigma: 0.8, share: 0.1 },
} as const;
type ServiceId = keyof typeof SERVICES;
const SERVICE_IDS = Object.keys(SERVICES) as ServiceId[];
/** One case in this many is far longer than its service's usual (a file to rebuild, a dispute). */
const RARE_CASE_CHANCE = 0.02;
const RARE_CASE_FACTOR = 3;

/**
 * The counters of the day, split by sector as offices do (reception, benefits, insured and pensioners): one
 * opens late, one clerk takes a break, one closes before the queue is done.
 */
const COUNTERS: {
  id: string;
  services: ServiceId[];
  opens: number;
  pause?: [number, number];
  closes?: number;
}[] = [
  { id: 's1', services: ['informazioni'], opens: OPEN },
  { id: 's2', services: ['informazioni', 'naspi'], opens: OPEN, pause: [at('10:30'), at('10:50')] },
  { id: 's3', services: ['naspi', 'invalidita'], opens: OPEN, closes: at('12:00') },
  { id: 's4', services: ['pensioni'], opens: OPEN },
  { id: 's5', services: ['pensioni', 'invalidita'], opens: at('09:30') },
];

/** Walk-ins per minute: a steady base and a peak around 09:30. */
const walkInRate = (t: number) => 0.17 + 0.33 * Math.exp(-0.5 * ((t - at('09:30')) / (45 * MINUTE)) ** 2);
const PEAK_RATE = 0.5;

/** Appointment slots of the second-level services, and how many are booked and honoured. */
const APPOINTMENT_SERVICES: ServiceId[] = ['pensioni', 'invalidita'];
const APPOINTMENT_SLOTS = { first: at('08:40'), last: at('12:00'), every: 20 * MINUTE };
const BOOKED_SHARE = 0.5;
const SHOW_UP_SHARE = 0.85;

/** Who does not answer the call grows with the wait (people give up and leave); a lost call costs 1–2 minutes. */
const noShowChance = (waitedMinutes: number, appointment: boolean) =>
  appointment ? 0.02 : Math.min(0.2, 0.04 + 0.003 * waitedMinutes);

interface Ticket {
  id: string;
  service: ServiceId;
  issuedAt: number;
  /** Booked appointments: the slot's start. */
  appointmentStart?: number;
  credit: number;
  calledAt?: number;
  noShow?: boolean;
}

interface CounterState {
  id: string;
  services: ServiceId[];
  open: boolean;
  busy?: { service: ServiceId; since: number; until: number; noShow: boolean };
}

/** One printed ticket: what the estimator and the naive rules announced, and the wait the citizen had. */
export interface Announced {
  estimate: number;
  /** People ahead (those the counters serving it call first) × configured minutes ÷ counters open. */
  naive: number;
  /** The same, divided only by the open counters that serve its service: a fairer baseline. */
  naivePerLine: number;
  /** Minutes from printing to the call. */
  actual: number;
}

export type Estimator = (input: EstimateInput) => Map<string, number>;

function lognormal(rnd: Random, median: number, sigma: number): number {
  // Box–Muller; 1 − rnd() keeps the logarithm finite.
  const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return median * Math.exp(sigma * z);
}

/**
 * What makes one day unlike another: how fast the cases go (a new rule to explain, a trainee at a counter),
 * what people come for (pension letters just sent, a NASpI deadline) and how many come.
 */
interface DayProfile {
  pace: number;
  shares: Record<ServiceId, number>;
  volume: number;
}

function dayProfile(rnd: Random): DayProfile {
  const raw = SERVICE_IDS.map((id) => SERVICES[id].share * lognormal(rnd, 1, 0.4));
  const total = raw.reduce((a, b) => a + b, 0);
  return {
    pace: lognormal(rnd, 1, 0.15),
    shares: Object.fromEntries(SERVICE_IDS.map((id, i) => [id, raw[i]! / total])) as Record<
      ServiceId,
      number
    >,
    volume: lognormal(rnd, 1, 0.1),
  };
}

function pickService(rnd: Random, day: DayProfile): ServiceId {
  let u = rnd();
  for (const id of SERVICE_IDS) if ((u -= day.shares[id]) < 0) return id;
  return SERVICE_IDS[SERVICE_IDS.length - 1]!;
}

/** A booked appointment of the day; `arrives` is absent when the citizen never comes. */
interface Booking {
  service: ServiceId;
  start: number;
  arrives?: number;
}

function bookings(rnd: Random): Booking[] {
  const booked: Booking[] = [];
  for (const service of APPOINTMENT_SERVICES)
    for (
      let start = APPOINTMENT_SLOTS.first;
      start <= APPOINTMENT_SLOTS.last;
      start += APPOINTMENT_SLOTS.every
    ) {
      if (rnd() >= BOOKED_SHARE) continue;
      // Those who come arrive from 15 minutes early to 5 late.
      const comes = rnd() < SHOW_UP_SHARE;
      const arrives = Math.max(OPEN, start - (15 - 20 * rnd()) * MINUTE);
      booked.push({ service, start, ...(comes && { arrives }) });
    }
  return booked;
}

/** The day's tickets in printing order: walk-ins by thinning a Poisson process, then appointments as they come. */
function arrivals(rnd: Random, day: DayProfile, booked: Booking[]): Ticket[] {
  const tickets: Ticket[] = [];
  let t = OPEN;
  for (;;) {
    t += (-Math.log(1 - rnd()) / (PEAK_RATE * day.volume)) * MINUTE;
    if (t >= DOORS_CLOSE) break;
    if (rnd() * PEAK_RATE > walkInRate(t)) continue;
    tickets.push({
      id: `w${tickets.length}`,
      service: pickService(rnd, day),
      issuedAt: t,
      credit: rnd() < ELDERLY_SHARE ? ELDERLY_CREDIT : 0,
    });
  }
  for (const b of booked)
    if (b.arrives !== undefined)
      tickets.push({
        id: `a${tickets.length}`,
        service: b.service,
        issuedAt: b.arrives,
        appointmentStart: b.start,
        credit: 0,
      });
  return tickets.sort((a, b) => a.issuedAt - b.issuedAt);
}

/**
 * The office's rule at `now` (the server's queue-order.ts): appointments whose time has come, by start; then
 * everyone by arrival less any priority's head start; then appointments checked in early, by start.
 */
function callOrder(waiting: Ticket[], now: number): Ticket[] {
  const key = (t: Ticket) => {
    if (t.appointmentStart === undefined) return { band: 1, at: t.issuedAt - t.credit };
    return { band: t.appointmentStart - APPOINTMENT_EARLY <= now ? 0 : 2, at: t.appointmentStart };
  };
  return waiting
    .map((ticket) => ({ ticket, key: key(ticket) }))
    .sort((a, b) => a.key.band - b.key.band || a.key.at - b.key.at || a.ticket.issuedAt - b.ticket.issuedAt)
    .map((k) => k.ticket);
}

/**
 * Runs one day with `seed`; every ticket printed that day was announced by `estimate` and by the naive rules.
 * `tellAppointments: false` keeps from the estimator what it learns of appointments (`upcoming`, `dueAt`).
 */
export function simulateOfficeDay(
  seed: number,
  estimate: Estimator,
  options: { tellAppointments?: boolean } = {},
): Announced[] {
  const rnd = random(seed);
  const day = dayProfile(rnd);
  const booked = bookings(rnd);
  const incoming = arrivals(rnd, day, booked);
  const counters: CounterState[] = COUNTERS.map((c) => ({ id: c.id, services: c.services, open: false }));
  const plan = new Map(COUNTERS.map((c) => [c.id, c]));
  const waiting: Ticket[] = [];
  const history: EstimateInput['history'] = [];
  const announced = new Map<Ticket, Omit<Announced, 'actual'>>();

  /** Whether the counter's clerk is at work at `now` (opened, not on break, not gone). */
  const staffed = (c: CounterState, now: number) => {
    const p = plan.get(c.id)!;
    return (
      now >= p.opens && !(p.pause && now >= p.pause[0] && now < p.pause[1]) && !(p.closes && now >= p.closes)
    );
  };

  const dispatch = (now: number) => {
    for (const c of counters) {
      // A clerk finishes the citizen in front of them before a break or going home.
      if (!c.busy) c.open = staffed(c, now);
      if (!c.open || c.busy) continue;
      const next = callOrder(waiting, now).find((t) => c.services.includes(t.service));
      if (!next) continue;
      waiting.splice(waiting.indexOf(next), 1);
      next.calledAt = now;
      const waited = (now - next.issuedAt) / MINUTE;
      next.noShow = rnd() < noShowChance(waited, next.appointmentStart !== undefined);
      const spec = SERVICES[next.service];
      const minutes = next.noShow
        ? 1 + rnd()
        : WALK_MINUTES +
          lognormal(rnd, spec.median * day.pace, spec.sigma) *
            (rnd() < RARE_CASE_CHANCE ? RARE_CASE_FACTOR : 1);
      c.busy = { service: next.service, since: now, until: now + minutes * MINUTE, noShow: next.noShow };
    }
  };

  const tell = options.tellAppointments !== false;
  const print = (ticket: Ticket, now: number) => {
    waiting.push(ticket);
    const order = callOrder(waiting, now);
    const open = counters.filter((c) => c.open);
    const input: EstimateInput = {
      now,
      waiting: order.map((t) => ({
        id: t.id,
        service: t.service,
        ...(tell && t.appointmentStart !== undefined && { dueAt: t.appointmentStart - APPOINTMENT_EARLY }),
      })),
      counters: open.map((c) => ({
        id: c.id,
        services: c.services,
        ...(c.busy && { busy: { service: c.busy.service, since: c.busy.since } }),
      })),
      history: [...history],
      defaultServiceMinutes: CONFIGURED_MINUTES,
      ...(tell && {
        upcoming: booked
          .filter((b) => b.start >= now && !(b.arrives !== undefined && b.arrives <= now))
          .map((b) => ({ service: b.service, dueAt: b.start - APPOINTMENT_EARLY })),
      }),
    };
    // "Ahead" as the protocol counts it: tickets before it that the counters serving it would call first.
    const serving = open.filter((c) => c.services.includes(ticket.service));
    const ahead = order
      .slice(0, order.indexOf(ticket))
      .filter((t) => serving.some((c) => c.services.includes(t.service))).length;
    announced.set(ticket, {
      estimate: estimate(input).get(ticket.id) ?? Number.NaN,
      naive: Math.round((ahead * CONFIGURED_MINUTES) / Math.max(1, open.length)),
      naivePerLine: Math.round((ahead * CONFIGURED_MINUTES) / Math.max(1, serving.length)),
    });
  };

  // Times at which something may change besides arrivals and ends of service: the counters' timetable.
  const timetable = COUNTERS.flatMap((c) => [c.opens, ...(c.pause ?? []), ...(c.closes ? [c.closes] : [])]);
  let now = OPEN;
  let nextArrival = 0;
  dispatch(now);
  while (nextArrival < incoming.length || waiting.length > 0 || counters.some((c) => c.busy)) {
    const candidates = [
      incoming[nextArrival]?.issuedAt ?? Infinity,
      ...counters.map((c) => c.busy?.until ?? Infinity),
      ...timetable.filter((t) => t > now),
    ];
    now = Math.min(...candidates);
    if (now === Infinity) throw new Error(`tickets left with no counter to call them (seed ${seed})`);
    for (const c of counters)
      if (c.busy && c.busy.until <= now) {
        const minutes = (c.busy.until - c.busy.since) / MINUTE;
        history.push({
          service: c.busy.service,
          minutes,
          endedAt: c.busy.until,
          ...(c.busy.noShow && { noShow: true }),
        });
        c.busy = undefined;
      }
    dispatch(now);
    while (nextArrival < incoming.length && incoming[nextArrival]!.issuedAt <= now) {
      // Printed at its instant: counters already took what they could, so the estimate sees the real state.
      print(incoming[nextArrival++]!, now);
      dispatch(now);
    }
  }

  return [...announced].flatMap(([ticket, shown]) =>
    ticket.noShow ? [] : [{ ...shown, actual: (ticket.calledAt! - ticket.issuedAt) / MINUTE }],
  );
}

export interface Score {
  /** Mean absolute error, minutes. */
  mae: number;
  /** Share of citizens called more than 5 minutes later than announced. */
  lateShare: number;
}

export interface Comparison {
  days: number;
  /** Tickets measured: every one printed, less those whose citizen did not answer the call. */
  tickets: number;
  meanWait: number;
  maxWait: number;
  estimate: Score;
  naive: Score;
  naivePerLine: Score;
}

/** The estimator and the naive rules scored over the seeds' days, on the same tickets. */
export function compareEstimates(
  seeds: number[],
  estimate: Estimator,
  options: { tellAppointments?: boolean } = {},
): Comparison {
  const all = seeds.flatMap((seed) => simulateOfficeDay(seed, estimate, options));
  const score = (shown: (a: Announced) => number): Score => ({
    mae: all.reduce((sum, a) => sum + Math.abs(shown(a) - a.actual), 0) / all.length,
    lateShare: all.filter((a) => a.actual - shown(a) > 5).length / all.length,
  });
  return {
    days: seeds.length,
    tickets: all.length,
    meanWait: all.reduce((sum, a) => sum + a.actual, 0) / all.length,
    maxWait: Math.max(...all.map((a) => a.actual)),
    estimate: score((a) => a.estimate),
    naive: score((a) => a.naive),
    naivePerLine: score((a) => a.naivePerLine),
  };
}

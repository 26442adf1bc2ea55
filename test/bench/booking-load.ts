// The booking rows both stores' benches share: every free slot unit planned from /availability, a new citizen per
// booking, and a warm-up booked and cancelled again before the measured run.
import type autocannon from 'autocannon';
import type { AvailabilityResponse, Booking, CreateBookingBody } from '@sportello/protocol';
import type { AppConfig } from '../../server/src/config/load-config.ts';
import { failures, romeDay, run, servicePerSector, targets } from './http-load.ts';
import { codiceFiscale, random, shuffle } from './seed.ts';

export interface BookingUnit {
  sede: string;
  service: string;
  start: string;
}

/** Slots closer than this are left out: they could fall inside the 30-minute lead time mid-run. */
const SAFETY_MINUTES = 20;
/**
 * Bookings made, then cancelled, before the measured run, which so meets the booking path optimised as on a server
 * up for a while (the floor warms up for 2 s of its own requests): after 200 bookings V8 was still optimising it,
 * a function at a time, and the server's CPU per booking fell by a third over the next 2,000. The cancels give
 * every unit back.
 */
export const BOOKING_WARMUP = 2_000;

/** Every free (slot × capacity) unit of the coming days, shuffled so concurrent requests hit different days. */
export async function planBookings(url: string, config: AppConfig, seed: number): Promise<BookingUnit[]> {
  const units: BookingUnit[] = [];
  const earliest = Date.now() + (config.server.bookingLeadMinutes + SAFETY_MINUTES) * 60_000;
  for (const sede of config.sedi)
    for (const service of servicePerSector(config)) {
      const query = new URLSearchParams({
        sede: sede.id,
        service: service.id,
        mode: 'inPerson',
        from: romeDay(0),
        to: romeDay(config.server.bookingHorizonDays),
      });
      const response = await fetch(`${url}/api/v1/availability?${query}`);
      if (!response.ok) throw new Error(`availability ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as AvailabilityResponse;
      for (const day of body.days)
        for (const slot of day.slots)
          if (Date.parse(slot.start) > earliest)
            for (let k = 0; k < slot.free; k++)
              units.push({ sede: sede.id, service: service.id, start: slot.start });
    }
  return shuffle(random(seed), units);
}

/** The booking of citizen number `citizen`: a new one each time, so none is refused as already booked. */
export function bookingBody(config: AppConfig, unit: BookingUnit, citizen: number): CreateBookingBody {
  return {
    sede: unit.sede,
    service: unit.service,
    mode: 'inPerson',
    start: unit.start,
    citizen: {
      codiceFiscale: codiceFiscale(citizen),
      firstName: 'Carla',
      lastName: 'Bench',
      phone: `+39347${String(1_000_000 + (citizen % 1_000_000)).slice(-7)}`,
      language: 'it',
    },
    authMethod: 'cie-pin',
    privacyNoticeVersion: config.server.privacyNoticeVersion,
  };
}

export interface BookingRun {
  result: autocannon.Result;
  /** Failed requests and why (error codes). */
  failed: string;
  /** Units the measured run took, with autocannon's margin. */
  used: number;
  warmedUp: number;
}

/**
 * Books the plan's units, each once, through `urls` (several: autocannon spreads the connections): the warm-up's,
 * cancelled again, then the measured run's for `seconds` or until the units run out.
 */
export async function benchBookings(
  urls: string[],
  token: string,
  config: AppConfig,
  plan: BookingUnit[],
  citizenBase: number,
  {
    connections,
    seconds,
    afterWarmUp,
  }: {
    connections: number;
    seconds: number;
    /** Runs between the warm-up and the measured run (PostgreSQL: a vacuum of the warm-up's dead rows). */
    afterWarmUp?: () => Promise<void>;
  },
): Promise<BookingRun> {
  let next = 0;
  let citizen = citizenBase;
  let codes = new Map<string, number>();
  /** The measured run's bodies, written before it as the floor's is: its client then only sends them. */
  const bodies: string[] = [];
  /** The warm-up's bookings, as the citizen's cancel request proves them: code and codice fiscale. */
  let made: string[] | undefined = [];
  const request: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/bookings',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    // Each request takes the next unit and a new citizen, so none is refused as full or already booked.
    setupRequest: (req) => {
      const i = next++ % plan.length;
      return { ...req, body: bodies[i] ?? JSON.stringify(bookingBody(config, plan[i]!, citizen++)) };
    },
    onResponse: (status, body) => {
      if (status < 300) {
        // Read only in the warm-up, whose bookings are cancelled: the measured run's client leaves the
        // server's CPU alone as the floor's does (they share this machine's two cores).
        if (!made) return;
        const { booking } = JSON.parse(body) as { booking: Booking };
        made.push(JSON.stringify({ code: booking.code, codiceFiscale: booking.citizen.codiceFiscale }));
        return;
      }
      let code = `HTTP ${status}`;
      try {
        code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? code;
      } catch {
        // not JSON: keep the status
      }
      codes.set(code, (codes.get(code) ?? 0) + 1);
    },
  };
  const options = { url: targets(urls), connections, requests: [request] };
  // setupRequest runs once more per connection than requests are sent: keep a margin so units never repeat.
  const margin = 3 * connections;
  const warm = await run({ ...options, amount: Math.min(BOOKING_WARMUP, plan.length - margin) });
  if (warm.non2xx || warm.errors) throw new Error(`booking warm-up: ${failures(warm, codes)} failed`);
  const warmedUp = made!.length;
  await cancelAll(urls[0]!, made!, connections);
  await afterWarmUp?.();
  made = undefined;
  codes = new Map();
  next = 0;
  const left = plan.length - margin;
  if (left < connections * 10) throw new Error(`only ${left} free slot units to book`);
  for (const unit of plan) bodies.push(JSON.stringify(bookingBody(config, unit, citizen++)));
  // autocannon notices the last request only at its next sample, so sample often: a run that books every free
  // unit before `seconds` would otherwise be timed up to the next whole second.
  const result = await run({ ...options, duration: seconds, maxOverallRequests: left, sampleInt: 50 });
  return { result, failed: failures(result, codes), used: next, warmedUp };
}

/** Cancels each booking by the citizen's own request, so its unit is free again. */
async function cancelAll(url: string, made: string[], connections: number): Promise<void> {
  let i = 0;
  const r = await run({
    url,
    connections,
    amount: made.length,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const body = made[i++ % made.length]!;
          const { code } = JSON.parse(body) as { code: string };
          return { ...req, path: `/api/v1/bookings/${code}/cancel`, body };
        },
      },
    ],
  });
  if (r.non2xx || r.errors) throw new Error(`cancelling the warm-up's bookings: ${failures(r)} failed`);
}

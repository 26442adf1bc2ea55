// The server's Prometheus metrics: one registry per running server (tests start several in one process),
// the request and store timings observed as they happen, and the process's own figures from prom-client.
// The state read from the store and the hubs (outbox, sockets, video queue, stations) is in state-gauges.ts.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds; from a cached GET (under a millisecond) to a booking stuck behind a slow disk. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  registry: Registry;
  /** Every HTTP request but event streams, by route pattern, method and status class (2xx…, aborted). */
  httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  /** Store reads and transactions, timed from the call (waiting for the store included) to the answer. */
  storeDuration: Histogram<'operation' | 'outcome'>;
  /** What the SMS worker did with the messages it claimed. */
  outboxOutcomes: Counter<'outcome'>;
  /** The SMS provider's answer time: accepted, refused (for good) or failed (to be retried). */
  smsSendDuration: Histogram<'outcome'>;
  bookingsCreated: Counter<'sede' | 'mode'>;
  ticketsIssued: Counter<'sede'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'sportello_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern, method and status class; event streams excluded',
      labelNames: ['method', 'route', 'status_class'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    storeDuration: new Histogram({
      name: 'sportello_store_operation_duration_seconds',
      help: 'Time of a store read or transaction, waiting for the store included, by operation and outcome',
      labelNames: ['operation', 'outcome'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    outboxOutcomes: new Counter({
      name: 'sportello_outbox_outcomes_total',
      help: 'SMS the outbox worker finished or rescheduled: sent, retry, dead, cancelled',
      labelNames: ['outcome'] as const,
      registers,
    }),
    smsSendDuration: new Histogram({
      name: 'sportello_sms_send_duration_seconds',
      help: 'Time the SMS provider took to answer a send, by outcome: accepted, refused (for good), failed (retried)',
      labelNames: ['outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    bookingsCreated: new Counter({
      name: 'sportello_bookings_created_total',
      help: 'Bookings written to the store, by sede and contact mode',
      labelNames: ['sede', 'mode'] as const,
      registers,
    }),
    ticketsIssued: new Counter({
      name: 'sportello_tickets_issued_total',
      help: 'Queue tickets written to the store, by sede',
      labelNames: ['sede'] as const,
      registers,
    }),
  };
}

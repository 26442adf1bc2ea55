// Times the store where it is created, so no service has to: every read and transaction, the SMS worker's
// claims and results, the retention job. Bookings and tickets are counted once their transaction commits.
import type { FailOutcome, Store, StoreTx } from '../store/store.ts';
import type { Metrics } from './metrics.ts';

/** Operations passed through untimed: listen and close are not work, ping is /readyz's. */
type Timed =
  'read' | 'transaction' | 'claimDueMessages' | 'completeMessage' | 'failMessage' | 'removePersonalData';

export function instrumentStore(store: Store, metrics: Metrics): Store {
  const { storeDuration, outboxOutcomes, bookingsCreated, ticketsIssued } = metrics;

  async function timed<T>(operation: Timed, run: () => Promise<T>, failed = 'error'): Promise<T> {
    const end = storeDuration.startTimer({ operation });
    try {
      const result = await run();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: failed });
      throw error;
    }
  }

  const overrides: Pick<Store, Timed> = {
    read: (fn) => timed('read', () => store.read(fn)),
    transaction: (fn) => {
      // Counted after the commit: a transaction that throws (a slot taken, a duplicate) wrote nothing.
      const written: (() => void)[] = [];
      return timed(
        'transaction',
        async () => {
          const result = await store.transaction((tx) => fn(counting(tx, written)));
          for (const count of written) count();
          return result;
        },
        'rolled-back',
      );
    },
    claimDueMessages: (options) => timed('claimDueMessages', () => store.claimDueMessages(options)),
    completeMessage: async (id, result) => {
      const done = await timed('completeMessage', () => store.completeMessage(id, result));
      if (done) outboxOutcomes.inc({ outcome: 'sent' });
      return done;
    },
    failMessage: async (id, worker, outcome: FailOutcome) => {
      const done = await timed('failMessage', () => store.failMessage(id, worker, outcome));
      if (done) outboxOutcomes.inc({ outcome: 'final' in outcome ? outcome.final : 'retry' });
      return done;
    },
    removePersonalData: (beforeDay, now) =>
      timed('removePersonalData', () => store.removePersonalData(beforeDay, now)),
  };

  /**
   * The transaction as the service sees it, noting the records worth counting. The transaction object is this
   * call's own, made for it by the store: its inserts are replaced in place, since a proxy or an object derived
   * from it cost a booking more than the counting does.
   */
  function counting(tx: StoreTx, written: (() => void)[]): StoreTx {
    const { insertBooking, insertTicket } = tx;
    tx.insertBooking = async (booking) => {
      await insertBooking.call(tx, booking);
      written.push(() => bookingsCreated.inc({ sede: booking.sede, mode: booking.mode }));
    };
    tx.insertTicket = async (ticket) => {
      await insertTicket.call(tx, ticket);
      written.push(() => ticketsIssued.inc({ sede: ticket.sede }));
    };
    return tx;
  }

  const storeMethods = new Map<string | symbol, unknown>();
  return new Proxy(store, {
    get: (target, name, receiver) =>
      Object.hasOwn(overrides, name)
        ? overrides[name as Timed]
        : boundOnce(storeMethods, target, name, receiver),
  });
}

/** `target`'s property, its methods bound once per proxy: a service reads store.x many times. */
export function boundOnce(
  cache: Map<string | symbol, unknown>,
  target: object,
  name: string | symbol,
  receiver: unknown,
) {
  let value = cache.get(name);
  if (value === undefined) {
    value = bindMethod(Reflect.get(target, name, receiver), target);
    if (typeof value === 'function') cache.set(name, value);
  }
  return value;
}

/** Methods keep their own object as `this` (a class's private state) when called through a proxy. */
function bindMethod(value: unknown, target: object): unknown {
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}

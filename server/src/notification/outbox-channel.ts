// The outbox's channel: when a transaction puts a message in the outbox (enqueued, or a dead letter retried),
// its due time is announced on commit to every instance (NOTIFY outbox in PostgreSQL), so each one's worker
// can wake at that time instead of polling. Cancelled messages are not announced: a worker woken for one
// finds nothing due and sleeps until the next.
import { boundOnce } from '../metrics/instrument-store.ts';
import type { Store, StoreTx } from '../store/store.ts';

export const OUTBOX_CHANNEL = 'outbox';

/** The store as services see it, with every message put in the outbox announced on OUTBOX_CHANNEL. */
export function announcingOutbox(store: Store): Store {
  // The transaction object is this call's own, made for it by the store: its two methods are replaced in place,
  // since a proxy or an object derived from it cost a booking more than the announcing does.
  const announcing = (tx: StoreTx): StoreTx => {
    const { enqueueMessage, resolveDeadMessage } = tx;
    tx.enqueueMessage = async (message) => {
      await enqueueMessage.call(tx, message);
      tx.notify(OUTBOX_CHANNEL, new Date(message.dueAt).toISOString());
    };
    tx.resolveDeadMessage = async (id, action, now) => {
      const resolved = await resolveDeadMessage.call(tx, id, action, now);
      // A retried dead letter is due at once.
      if (resolved && action === 'retry') tx.notify(OUTBOX_CHANNEL, now.toISOString());
      return resolved;
    };
    return tx;
  };
  const transaction: Store['transaction'] = (fn) => store.transaction((tx) => fn(announcing(tx)));
  const storeMethods = new Map<string | symbol, unknown>();
  return new Proxy(store, {
    get: (target, name, receiver) =>
      name === 'transaction' ? transaction : boundOnce(storeMethods, target, name, receiver),
  });
}

/** The instant an announcement names; an unreadable one means "look now". */
export function announcedDueAt(payload: string): number {
  const at = Date.parse(payload);
  return Number.isNaN(at) ? 0 : at;
}

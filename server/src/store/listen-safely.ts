// How both stores hand a notification to this process's listeners.
import type { EventEmitter } from 'node:events';

/**
 * Subscribes fn to a channel; a listener that throws stops neither the other listeners nor the transaction
 * that notified (its error is thrown again on its own). Answers the function that stops listening.
 */
export function listenSafely(
  channels: EventEmitter,
  channel: string,
  fn: (payload: string) => void,
): () => void {
  const safe = (payload: string) => {
    try {
      fn(payload);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };
  channels.on(channel, safe);
  return () => void channels.off(channel, safe);
}

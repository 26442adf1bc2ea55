// The sede's floor channel: every change to its tickets or counters is announced here when its transaction
// commits (NOTIFY floor:<sede> in PostgreSQL), with the call to show on the board when the change made one.
import type { BoardCall } from '@sportello/protocol';
import type { StoreTx } from '../store/store.ts';

export interface FloorChange {
  call?: BoardCall;
  /** A board was removed: its open streams end at once, on every instance. */
  boardRemoved?: string;
}

export const floorChannel = (sede: string) => `floor:${sede}`;

export function announceFloorChange(tx: StoreTx, sede: string, change: FloorChange): void {
  tx.notify(floorChannel(sede), JSON.stringify(change));
}

/** A payload from the channel; a malformed one still means "something changed". */
export function parseFloorChange(payload: string): FloorChange {
  try {
    const parsed = JSON.parse(payload) as FloorChange;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

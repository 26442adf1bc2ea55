// What one lowdb transaction changed: the files to write whole, the list operations to journal instead of a whole
// file, and how to put memory back if it throws.
import type { Low } from 'lowdb';
import type { ListOp } from './journal.ts';

export type Undo = () => void;

export interface TxLog {
  /** Files to journal whole: any change not made through putItem/removeItem. */
  touched: Set<Low<unknown>>;
  undo: Undo[];
  /** Files changed only by putItem/removeItem so far, journaled as these ops unless also touched. */
  ops: Map<Low<unknown>, ListOp[]>;
}

export const newTxLog = (): TxLog => ({ touched: new Set(), undo: [], ops: new Map() });

/**
 * Appends `item` to `low`'s `list` (its `key` unique there) and journals just that item: a booking or message
 * costs the journal its own bytes, not its whole day file's. With `inList`, the item is already there, changed in
 * place by the caller: only its new state is journaled. An item must not change in place afterwards without
 * being put again (or its file touched).
 */
export function putItem<T extends object>(
  log: TxLog,
  low: Low<unknown>,
  list: string,
  key: keyof T & string,
  item: T,
  { inList = false } = {},
): void {
  if (!inList) {
    const items = (low.data as Record<string, T[]>)[list]!;
    items.push(item);
    log.undo.push(() => void items.splice(items.lastIndexOf(item), 1));
  }
  opsOf(log, low).push({ list, key, put: JSON.stringify(item) });
}

/** Removes the item at `index` of `low`'s `list` and journals its removal by `key`. */
export function removeItem<T extends object>(
  log: TxLog,
  low: Low<unknown>,
  list: string,
  key: keyof T & string,
  index: number,
): T {
  const items = (low.data as Record<string, T[]>)[list]!;
  const [removed] = items.splice(index, 1);
  log.undo.push(() => void items.splice(index, 0, removed!));
  opsOf(log, low).push({ list, key, remove: String(removed![key]) });
  return removed!;
}

function opsOf(log: TxLog, low: Low<unknown>): ListOp[] {
  let ops = log.ops.get(low);
  if (!ops) log.ops.set(low, (ops = []));
  return ops;
}

// The calls the board shows, newest first: the view's list, with each live call put on top at once (it may
// come before the view that includes it). A ticket appears once, where it was called last.
import type { BoardCall } from '@sportello/protocol';

/** The big call and the five before it. */
export const SHOWN_CALLS = 6;

export function withCall(calls: readonly BoardCall[], call: BoardCall): BoardCall[] {
  return latestCalls([call, ...calls]);
}

/** Newest first, one entry per ticket, as many as the board shows. */
export function latestCalls(calls: readonly BoardCall[]): BoardCall[] {
  const seen = new Set<string>();
  const sorted = [...calls].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return sorted
    .filter((call) => {
      if (seen.has(call.ticketId)) return false;
      seen.add(call.ticketId);
      return true;
    })
    .slice(0, SHOWN_CALLS);
}

/** Tells one call from another, a recall included: what the board flashes and announces once. */
export const callKey = (call: BoardCall) => `${call.ticketId}#${call.recall}#${call.at}`;

// The technicians' station alerts: the open ones and those cleared lately; the open count is shared with
// the navigation's badge, so that the screen's fresher answer shows there at once.
import type { AlertListResponse } from '@sportello/protocol';
import { request } from './api-client.ts';

export const fetchAlerts = (hours = 24): Promise<AlertListResponse> =>
  request<AlertListResponse>('GET', `/api/v1/alerts?hours=${hours}`);

type Listener = (open: number) => void;
const listeners = new Set<Listener>();
let lastOpen: number | undefined;

/** Tells every listener the number of open alerts (the screen and the badge each poll). */
export function publishOpenAlerts(open: number): void {
  lastOpen = open;
  for (const listener of listeners) listener(open);
}

/** Calls `fn` with each new count (and the last known one at once); answers the unsubscribe. */
export function subscribeOpenAlerts(fn: Listener): () => void {
  listeners.add(fn);
  if (lastOpen !== undefined) fn(lastOpen);
  return () => listeners.delete(fn);
}

// The phone pages' resources: a ticket followed by the key in its QR (its view, its live changes, "Vado via")
// and a sede's public queue. Types only from protocol: the page carries no schema library.
import type { BoardView, CatalogResponse, FollowView } from '@sportello/protocol';
import { openEventStream, type EventStream, type StreamState } from '@sportello/web-common/event-stream';
import { request } from './api-client.ts';

const followPath = (key: string) => `/api/v1/follow/${encodeURIComponent(key)}`;

export const fetchFollow = (key: string) => request<FollowView>('GET', followPath(key));

/** "Vado via": answers the ticket cancelled; 409 not_waiting once it has been called. */
export const cancelFollow = (key: string) => request<FollowView>('POST', `${followPath(key)}/cancel`);

/**
 * The ticket live: the full view on every (re)connection and after every change. The stream reconnects by
 * itself and reports when it is down, so the page never shows a stale place as if it were live.
 */
export function followTicket(
  key: string,
  onView: (view: FollowView) => void,
  onState: (state: StreamState, status?: number) => void,
): EventStream {
  return openEventStream(`${followPath(key)}/events`, {
    onEvent: (event, data) => {
      const view = (data as { type?: string; view?: FollowView } | undefined)?.view;
      if (event === 'follow' && view) onView(view);
    },
    onState,
  });
}

export const fetchSedeQueue = (sede: string) =>
  request<BoardView>('GET', `/api/v1/queues/${encodeURIComponent(sede)}`);

/** For the services' names in the page's language (the queue gives them in Italian). */
export const fetchCatalog = () => request<CatalogResponse>('GET', '/api/v1/catalog');

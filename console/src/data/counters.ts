// The counter (sportello) a clerk works at: its state, its ticket and queue, every action on a ticket, and
// the live view the server streams after each change on the floor.
import type {
  CounterListResponse,
  CounterState,
  CounterStatus,
  CounterView,
  FloorEvent,
  TicketOutcome,
  TransferTicketBody,
} from '@sportello/protocol';
import { openEventStream, type StreamState } from '@sportello/web-common/event-stream';
import { request } from './api-client.ts';

const counterPath = (sede: string, counter: string) =>
  `/api/v1/counters/${encodeURIComponent(sede)}/${encodeURIComponent(counter)}`;
const ticketPath = (sede: string, counter: string, ticketId: string) =>
  `${counterPath(sede, counter)}/tickets/${encodeURIComponent(ticketId)}`;

/** Every configured counter of the sede with its state today. */
export const fetchCounters = async (sede: string): Promise<CounterState[]> =>
  (await request<CounterListResponse>('GET', `/api/v1/counters?sede=${encodeURIComponent(sede)}`)).counters;

export const fetchCounter = (sede: string, counter: string) =>
  request<CounterView>('GET', counterPath(sede, counter));

export const setCounterStatus = (sede: string, counter: string, status: CounterStatus) =>
  request<CounterView>('POST', `${counterPath(sede, counter)}/status`, { status });

/** The ticket the office's rule puts first among the counter's services, called to it. */
export const callNext = (sede: string, counter: string) =>
  request<CounterView>('POST', `${counterPath(sede, counter)}/call-next`);

/** Ticket actions without a body; each answers the counter's new view. */
export type TicketAction = 'call' | 'recall' | 'start' | 'no-show' | 'park' | 'unpark';

export const ticketAction = (sede: string, counter: string, ticketId: string, action: TicketAction) =>
  request<CounterView>('POST', `${ticketPath(sede, counter, ticketId)}/${action}`);

export const finishTicket = (sede: string, counter: string, ticketId: string, outcome?: TicketOutcome) =>
  request<CounterView>('POST', `${ticketPath(sede, counter, ticketId)}/done`, outcome ? { outcome } : {});

export const transferTicket = (sede: string, counter: string, ticketId: string, body: TransferTicketBody) =>
  request<CounterView>('POST', `${ticketPath(sede, counter, ticketId)}/transfer`, body);

/**
 * Follows the counter live: its full view on every (re)connection and after every change on the floor.
 * Returns the function that stops it.
 */
export function followCounter(
  sede: string,
  counter: string,
  onView: (view: CounterView) => void,
  onState: (state: StreamState) => void,
): () => void {
  const stream = openEventStream(`${counterPath(sede, counter)}/events`, {
    onEvent: (name, data) => {
      const event = data as FloorEvent | undefined;
      if (name === 'counter' && event?.type === 'counter') onView(event.view);
    },
    onState,
  });
  return () => stream.close();
}

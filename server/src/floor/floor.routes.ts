// /api/v1 for the office floor: counters (the clerk's console), boards (the office TV and its registration),
// the phone following a ticket, and a sede's public queue. Live views are server-sent event streams.
import {
  BoardListResponse,
  BoardView,
  CounterListResponse,
  CounterParams,
  CounterView,
  CreateBoardBody,
  CreateBoardResponse,
  ErrorBody,
  FinishTicketBody,
  FollowParams,
  FollowView,
  Language,
  SetCounterStatusBody,
  TicketActionParams,
  TransferTicketBody,
} from '@sportello/protocol';
import { z } from 'zod';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import { onSessionsEnded } from '../staff/staff-directory.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { speakCall } from '../speech/speak-call.ts';
import { SpeechError } from '@sportello/speech';
import { createBoard, deleteBoard, listBoards, readBoard } from './board.service.ts';
import {
  actOnTicket,
  callNext,
  counterViewOf,
  listCounters,
  readCounter,
  setCounterStatus,
  type TicketAction,
} from './counter.service.ts';
import { FloorHub } from './floor-hub.ts';
import { todayOf } from './floor-snapshot.ts';
import { cancelFollowed, followedTicket, publicQueue, readFollow, sedeQueueUrl } from './follow.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });
const sse = (description: string) => ({ description, contentType: 'text/event-stream' });
const BoardKey = z.object({ key: z.string().max(100).optional() });
const hubs = new WeakMap<AppContext, FloorHub>();

/** One hub per running app: it listens to the store's floor channels for the streams below. */
export function floorHub(ctx: AppContext): FloorHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new FloorHub(ctx, { sedeQueue: (sede) => sedeQueueUrl(ctx, sede) }, (snap, counter) =>
      ctx.store.read((r) => counterViewOf(r, snap, counter)),
    );
    hubs.set(ctx, hub);
  }
  return hub;
}

export function floorRoutes(ctx: AppContext): RouteSpec[] {
  const ticketAction = (
    action: string,
    summary: string,
    body: z.ZodType | undefined,
    make: (b: never) => TicketAction,
  ) =>
    defineRoute({
      method: 'post',
      path: `/counters/:sede/:counter/tickets/:id/${action}`,
      summary,
      tag: 'counters',
      roles: ['counter'],
      audience: 'the clerk who opened the counter',
      params: TicketActionParams,
      ...(body ? { body } : {}),
      responses: {
        200: { description: 'The counter now', schema: CounterView },
        400: err('Invalid field'),
        404: err('No such counter or ticket today'),
        409: err('Not possible in the ticket’s or the counter’s state'),
      },
      handler: async ({ params, body, principal }) => ({
        body: await actOnTicket(ctx, principal, params.sede, params.counter, params.id, make(body as never)),
      }),
    });

  return [
    // ---- counters ----
    defineRoute({
      method: 'get',
      path: '/counters',
      summary: 'The counters of a sede and their state today',
      tag: 'counters',
      roles: ['counter'],
      query: z.object({ sede: z.string().min(1).max(40) }),
      responses: { 200: { description: 'Every configured counter', schema: CounterListResponse } },
      handler: async ({ query, principal }) => ({ body: await listCounters(ctx, principal, query.sede) }),
    }),
    defineRoute({
      method: 'get',
      path: '/counters/:sede/:counter',
      summary: 'A counter: its ticket, the queue it calls from, its day',
      tag: 'counters',
      roles: ['counter'],
      params: CounterParams,
      responses: {
        200: { description: 'The counter now', schema: CounterView },
        404: err('No such counter'),
      },
      handler: async ({ params, principal }) => ({
        body: await readCounter(ctx, principal, params.sede, params.counter),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/counters/:sede/:counter/events',
      summary: 'A counter’s view, live (server-sent events: counter)',
      tag: 'counters',
      roles: ['counter'],
      params: CounterParams,
      responses: { 200: sse('`event: counter` with the counter’s view, at once and on every change') },
      handler: async ({ params, principal }) => {
        await readCounter(ctx, principal, params.sede, params.counter);
        return {
          events: {
            open: (send, end) => {
              const stop = floorHub(ctx).subscribeCounter(params.sede, params.counter, { send, end });
              // A clerk whose account an admin disables (or changes) stops receiving the floor at once.
              const unlisten =
                principal.kind === 'staff'
                  ? onSessionsEnded(ctx.store, principal.username, end, principal.tokenHash)
                  : () => undefined;
              return () => {
                unlisten();
                stop();
              };
            },
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/counters/:sede/:counter/status',
      summary: 'Open, pause or close a counter',
      tag: 'counters',
      roles: ['counter'],
      params: CounterParams,
      body: SetCounterStatusBody,
      responses: {
        200: { description: 'The counter now', schema: CounterView },
        409: err('Open with another clerk, or a ticket is still at the counter'),
      },
      handler: async ({ params, body, principal }) => ({
        body: await setCounterStatus(ctx, principal, params.sede, params.counter, body.status),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/counters/:sede/:counter/call-next',
      summary: 'Call the ticket the office’s rule puts first for this counter',
      tag: 'counters',
      roles: ['counter'],
      audience: 'the clerk who opened the counter',
      params: CounterParams,
      responses: {
        200: { description: 'The counter with the called ticket', schema: CounterView },
        409: err('Nobody waiting, the counter is not open, or a ticket is still at it'),
      },
      handler: async ({ params, principal }) => ({
        body: await callNext(ctx, principal, params.sede, params.counter),
      }),
    }),
    ticketAction('call', 'Call this waiting or parked ticket', undefined, () => ({ kind: 'call' })),
    ticketAction('recall', 'Call the counter’s ticket again', undefined, () => ({ kind: 'recall' })),
    ticketAction('start', 'Start serving the called ticket', undefined, () => ({ kind: 'start' })),
    ticketAction(
      'done',
      'Finish the ticket, with an outcome',
      FinishTicketBody,
      (b: z.output<typeof FinishTicketBody>) => ({
        kind: 'done',
        ...(b.outcome ? { outcome: b.outcome } : {}),
      }),
    ),
    ticketAction('no-show', 'Mark the called ticket absent (after the recalls)', undefined, () => ({
      kind: 'no-show',
    })),
    ticketAction('park', 'Set the ticket aside', undefined, () => ({ kind: 'park' })),
    ticketAction('unpark', 'Put a parked ticket back in the queue', undefined, () => ({ kind: 'unpark' })),
    ticketAction(
      'transfer',
      'Send the ticket to another service or counter, keeping its arrival',
      TransferTicketBody,
      (b: z.output<typeof TransferTicketBody>) => ({ kind: 'transfer', to: b }),
    ),

    // ---- the board ----
    defineRoute({
      method: 'get',
      path: '/board',
      summary: 'The board’s view of its sede (its key as ?key=)',
      tag: 'boards',
      roles: ['board'],
      query: BoardKey,
      responses: { 200: { description: 'Calls, waits, hours', schema: BoardView } },
      handler: async ({ principal }) => ({ body: await readBoard(ctx, boardOf(principal).sede) }),
    }),
    defineRoute({
      method: 'get',
      path: '/board/events',
      summary: 'The board’s view and its calls, live (server-sent events: board, call)',
      tag: 'boards',
      roles: ['board'],
      query: BoardKey,
      responses: {
        200: sse('`event: board` at once and on every change; `event: call` for each call and recall'),
      },
      handler: async ({ principal }) => {
        const board = boardOf(principal);
        return {
          events: { open: (send, end) => floorHub(ctx).subscribeBoard(board.sede, board.id, { send, end }) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/board/calls/:ticketId/speech',
      summary: 'A call of today spoken in a language (WAV)',
      tag: 'boards',
      roles: ['board'],
      params: z.object({ ticketId: z.string().min(1).max(40) }),
      query: BoardKey.extend({ language: Language.default('it') }),
      responses: {
        200: { description: 'The call spoken', contentType: 'audio/wav' },
        404: err('No call of that ticket today at this sede'),
        503: err('No speech engine on this server: show the call as text'),
      },
      handler: async ({ params, query, principal }) => {
        const board = boardOf(principal);
        const sede = sedeOf(ctx.config, board.sede);
        const tickets = await ctx.store.read((r) => r.ticketsOfDay(sede.id, todayOf(ctx.clock())));
        const ticket = tickets.find((t) => t.id === params.ticketId && t.counter && t.calledAt);
        const counter = ticket && sede.counters.find((c) => c.id === ticket.counter);
        if (!ticket || !counter) throw ApiError.notFound('call');
        try {
          const wav = await speakCall({
            number: ticket.number,
            counterName: counter.name,
            language: query.language,
          });
          return {
            body: wav,
            contentType: 'audio/wav',
            headers: { 'Cache-Control': 'private, max-age=3600' },
          };
        } catch (error) {
          if (error instanceof SpeechError && error.code === 'unavailable') {
            throw new ApiError(503, 'speech_unavailable', 'calls cannot be spoken on this server');
          }
          throw error;
        }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/boards',
      summary: 'Register a display board for a sede; answers its URL with its key, once',
      tag: 'boards',
      roles: ['technician', 'admin'],
      body: CreateBoardBody,
      responses: {
        201: { description: 'Registered', schema: CreateBoardResponse },
        400: err('Invalid field'),
      },
      handler: async ({ body, principal }) => ({
        status: 201,
        body: await createBoard(ctx, body, principal),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/boards',
      summary: 'The registered display boards (of one sede)',
      tag: 'boards',
      roles: ['technician', 'admin'],
      query: z.strictObject({ sede: z.string().min(1).max(40).optional() }),
      responses: { 200: { description: 'Boards', schema: BoardListResponse } },
      handler: async ({ query }) => ({ body: { boards: await listBoards(ctx, query.sede) } }),
    }),
    defineRoute({
      method: 'delete',
      path: '/boards/:id',
      summary: 'Remove a display board: its key stops working at once',
      tag: 'boards',
      roles: ['technician', 'admin'],
      params: z.object({ id: z.string().min(1).max(40) }),
      responses: { 204: { description: 'Removed' }, 404: err('No such board') },
      handler: async ({ params }) => {
        await deleteBoard(ctx, params.id);
        return { status: 204 };
      },
    }),

    // ---- the citizen's phone ----
    defineRoute({
      method: 'get',
      path: '/follow/:token',
      summary: 'A ticket followed on the citizen’s phone (the key in its QR)',
      tag: 'follow',
      roles: 'public',
      guessable: true,
      params: FollowParams,
      responses: {
        200: { description: 'The ticket’s place', schema: FollowView },
        404: err('No such ticket'),
      },
      handler: async ({ params }) => ({ body: await readFollow(ctx, params.token) }),
    }),
    defineRoute({
      method: 'get',
      path: '/follow/:token/events',
      summary: 'A followed ticket, live (server-sent events: follow)',
      tag: 'follow',
      roles: 'public',
      // Not guessable: an open stream would count as a failed try until it ends, refusing phones behind one
      // shared address; the key's 128 random bits are the defence here.
      params: FollowParams,
      responses: {
        200: sse('`event: follow` at once and whenever the ticket’s place changes'),
        404: err('No such ticket'),
      },
      handler: async ({ params }) => {
        const hub = floorHub(ctx);
        const { sede, ticketId } = await followedTicket(ctx, params.token, (id) => hub.snapshot(id));
        return {
          events: { open: (send, end) => floorHub(ctx).subscribeFollow(sede, ticketId, { send, end }) },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/follow/:token/cancel',
      summary: 'The citizen gives up a waiting ticket ("Vado via")',
      tag: 'follow',
      roles: 'public',
      guessable: true,
      params: FollowParams,
      responses: {
        200: { description: 'The ticket, cancelled', schema: FollowView },
        404: err('No such ticket'),
        409: err('Already called'),
      },
      handler: async ({ params }) => ({ body: await cancelFollowed(ctx, params.token) }),
    }),
    defineRoute({
      method: 'get',
      path: '/queues/:sede',
      summary: 'A sede’s queue for anyone: the numbers called and the waits',
      tag: 'follow',
      roles: 'public',
      params: z.object({ sede: z.string().min(1).max(40) }),
      responses: { 200: { description: 'Calls and waits', schema: BoardView }, 404: err('No such sede') },
      handler: async ({ params }) => ({
        body: await publicQueue(ctx, params.sede),
        headers: { 'Cache-Control': 'public, max-age=10' },
      }),
    }),
  ];
}

function boardOf(principal: Principal): { sede: string; id: string } {
  if (principal.kind !== 'board') throw new ApiError(403, 'forbidden', 'this is for display boards');
  return { sede: principal.sede, id: principal.board };
}

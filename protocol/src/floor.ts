// The office floor: counters (sportelli) calling tickets, the display board, and the citizen's phone
// following a ticket. REST bodies for /api/v1/counters, /api/v1/boards and /api/v1/follow, and the
// events those screens receive live (server-sent events).
import { z } from 'zod';
import { isoDate, Language } from './config.ts';
import { Ticket, TicketOutcome } from './ticket.ts';

const counterId = z.string().min(1).max(40);
const text = z.string().max(200);

// ---- counters ----

/** A counter's day: closed until a clerk opens it; paused while the clerk is away. */
export const counterStatuses = ['open', 'paused', 'closed'] as const;
export const CounterStatus = z.enum(counterStatuses);
export type CounterStatus = z.infer<typeof CounterStatus>;

export const CounterState = z
  .object({
    sede: z.string(),
    counter: z.string(),
    /** The counter's name as configured, e.g. "Sportello 3": what the board shows and says. */
    name: z.string(),
    /** Services it calls tickets for (from config: its services, or every service of its sectors). */
    services: z.array(z.string()),
    status: CounterStatus,
    /** The clerk (staff username) who opened it. */
    clerk: z.string().optional(),
    since: z.iso.datetime({ offset: true }),
    /** The ticket called to it or being served there. */
    ticketId: z.string().optional(),
  })
  .meta({ id: 'CounterState' });
export type CounterState = z.infer<typeof CounterState>;

export const CounterParams = z.object({ sede: z.string().min(1).max(40), counter: counterId });
export const TicketActionParams = z.object({
  sede: z.string().min(1).max(40),
  counter: counterId,
  id: z.string().min(1).max(40),
});

export const SetCounterStatusBody = z.object({ status: CounterStatus }).meta({ id: 'SetCounterStatus' });
export type SetCounterStatusBody = z.infer<typeof SetCounterStatusBody>;

export const FinishTicketBody = z.object({ outcome: TicketOutcome.optional() }).meta({ id: 'FinishTicket' });

export const TransferTicketBody = z
  .object({
    /** The service it goes to (its own, when only the counter changes). */
    service: z.string().min(1).max(40),
    counter: counterId.optional(),
    note: text.optional(),
  })
  .meta({ id: 'TransferTicket' });
export type TransferTicketBody = z.input<typeof TransferTicketBody>;

/** The citizen's identity, given to the clerk only once the ticket is called to their counter (audited). */
export const CalledCitizen = z.object({
  codiceFiscale: z.string().optional(),
  /** From the booking, for checked-in appointments. */
  name: z.string().optional(),
  bookingCode: z.string().optional(),
});
export type CalledCitizen = z.infer<typeof CalledCitizen>;

/** A waiting ticket as counters and boards see it: its place in the office's order and its estimate. */
export const QueuedTicket = z.object({
  ticket: Ticket,
  /** 0 = next to be called among the counters that serve it. */
  ahead: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0),
});
export type QueuedTicket = z.infer<typeof QueuedTicket>;

/** What the counter console shows: the counter, its ticket, the queue it calls from, the day's figures. */
export const CounterView = z
  .object({
    counter: CounterState,
    /** The ticket called to or served at this counter, with the citizen when it has one. */
    current: z.object({ ticket: Ticket, citizen: CalledCitizen.optional() }).optional(),
    /** Waiting tickets this counter may call, in the order "call next" takes them. */
    queue: z.array(QueuedTicket),
    /** Parked tickets of this counter's services. */
    parked: z.array(Ticket),
    /** This counter today. */
    today: z.object({
      served: z.number().int().min(0),
      noShows: z.number().int().min(0),
      averageServiceMinutes: z.number().min(0).optional(),
    }),
    /** How many recalls before "no-show" is allowed (config). */
    recallsBeforeNoShow: z.number().int().min(0),
  })
  .meta({ id: 'CounterView' });
export type CounterView = z.infer<typeof CounterView>;

export const CounterListResponse = z.object({ counters: z.array(CounterState) });
export type CounterListResponse = z.infer<typeof CounterListResponse>;

// ---- the display board ----

/** A registered board (an office TV): it signs in with the key in its long-lived URL. */
export const Board = z
  .object({
    id: z.string(),
    sede: z.string(),
    name: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    createdBy: z.string(),
  })
  .meta({ id: 'Board' });
export type Board = z.infer<typeof Board>;

export const CreateBoardBody = z
  .object({ sede: z.string().min(1).max(40), name: z.string().min(1).max(60) })
  .meta({ id: 'CreateBoard' });
export type CreateBoardBody = z.infer<typeof CreateBoardBody>;
export const CreateBoardResponse = z.object({
  board: Board,
  /** The page to open on the TV, with its key: shown once, like a password. */
  url: z.url(),
});
export type CreateBoardResponse = z.infer<typeof CreateBoardResponse>;
export const BoardListResponse = z.object({ boards: z.array(Board) });
export type BoardListResponse = z.infer<typeof BoardListResponse>;

/** A call as the board shows it: number and counter only, never who. */
export const BoardCall = z.object({
  ticketId: z.string(),
  number: z.string(),
  counter: z.string(),
  counterName: z.string(),
  /** The ticket's language: the call is spoken in Italian and, when different, in this one too. */
  language: Language,
  at: z.iso.datetime({ offset: true }),
  /** 0 for the first call; the board calls again for each recall. */
  recall: z.number().int().min(0),
});
export type BoardCall = z.infer<typeof BoardCall>;

export const BoardView = z
  .object({
    sede: z.object({ id: z.string(), name: z.string() }),
    day: isoDate,
    /** Newest first. */
    calls: z.array(BoardCall),
    /** Per service with a queue at this sede. */
    waiting: z.array(
      z.object({
        service: z.string(),
        /** Italian name (the board is in Italian; calls are spoken in the ticket's language too). */
        name: z.string(),
        prefix: z.string(),
        count: z.number().int().min(0),
        estimatedWaitMinutes: z.number().int().min(0),
      }),
    ),
    /** Today's walk-in hours, e.g. [{from: "08:30", to: "12:30"}]; empty when closed. */
    hours: z.array(z.object({ from: z.string(), to: z.string() })),
    /** Where phones follow the queue (the sede's public queue page). */
    followUrl: z.url(),
  })
  .meta({ id: 'BoardView' });
export type BoardView = z.infer<typeof BoardView>;

// ---- the citizen's phone ----

export const FollowParams = z.object({ token: z.string().min(16).max(200) });

/** What the phone page shows: no personal data, only the ticket and its place. */
export const FollowView = z
  .object({
    number: z.string(),
    status: Ticket.shape.status,
    language: Language,
    sede: z.object({ id: z.string(), name: z.string() }),
    service: z.string(),
    serviceName: z.string(),
    ahead: z.number().int().min(0),
    estimatedWaitMinutes: z.number().int().min(0),
    /** When called: the counter to go to. */
    counter: z.object({ id: z.string(), name: z.string() }).optional(),
    calledAt: z.iso.datetime({ offset: true }).optional(),
    recalls: z.number().int().min(0),
  })
  .meta({ id: 'FollowView' });
export type FollowView = z.infer<typeof FollowView>;

// ---- live events (server-sent events: `event: <type>`, `data: <json>`) ----

/** Something changed on a sede's floor; counters and boards re-read their view (or apply `view`). */
export const FloorEvent = z.discriminatedUnion('type', [
  /** The full view, sent first on every (re)connection and after every change. */
  z.object({ type: z.literal('board'), view: BoardView }),
  z.object({ type: z.literal('counter'), view: CounterView }),
  z.object({ type: z.literal('follow'), view: FollowView }),
  /** A new call for the board to chime and speak (also sent for recalls). */
  z.object({ type: z.literal('call'), call: BoardCall }),
]);
export type FloorEvent = z.infer<typeof FloorEvent>;

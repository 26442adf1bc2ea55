// Live views of each sede's floor for the screens that follow it — counter consoles, boards, citizens'
// phones. It listens to the sede's floor channel (changes of every instance), reads the floor once per
// burst of changes and gives each subscriber its own view, only when that view changed.
import type { BoardCall, CounterView, FloorEvent, Sede } from '@sportello/protocol';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { floorChannel, parseFloorChange } from './floor-channel.ts';
import { FloorSnapshot } from './floor-snapshot.ts';

/** Waits drift as time passes even when nothing happens: views are refreshed at least this often. */
const REFRESH_MS = 30_000;

type Send = (event: FloorEvent['type'], data: FloorEvent) => void;

/** Where a subscriber's events go, and how its stream is ended when the server stops. */
export interface Stream {
  send: Send;
  end(): void;
}

interface Subscriber {
  kind: 'board' | 'counter' | 'follow';
  /** The board's, the counter's or the followed ticket's id. */
  key?: string;
  send: Send;
  end(): void;
  /** The last view sent, to skip sending one that did not change. */
  last?: string;
}

interface SedeFloor {
  sede: Sede;
  subscribers: Set<Subscriber>;
  stopListening: () => void;
  refresh: NodeJS.Timeout;
  /** A read is under way; changes meanwhile ask for one more. */
  reading?: Promise<void>;
  again: boolean;
  /** The last read of the floor, shared by every subscriber until the next change: phones come by thousands. */
  latest?: Promise<FloorSnapshot | undefined>;
}

export class FloorHub {
  private readonly floors = new Map<string, SedeFloor>();
  /** Set when the server stops: a stream asked for on a connection still open is ended at once. */
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    /** Where a board's phones follow the queue, and a ticket's page lives. */
    private readonly links: { sedeQueue(sede: string): string },
    /** Adds what only the service layer knows (the name of a booked citizen) to a counter's view. */
    private readonly counterView: (snap: FloorSnapshot, counter: string) => Promise<CounterView>,
  ) {}

  subscribeBoard(sede: string, board: string, stream: Stream): () => void {
    return this.subscribe(sede, { kind: 'board', key: board, ...stream });
  }

  subscribeCounter(sede: string, counter: string, stream: Stream): () => void {
    return this.subscribe(sede, { kind: 'counter', key: counter, ...stream });
  }

  subscribeFollow(sede: string, ticketId: string, stream: Stream): () => void {
    return this.subscribe(sede, { kind: 'follow', key: ticketId, ...stream });
  }

  /** Subscribers now, by kind: the bench and /metrics read it. */
  counts(): Record<Subscriber['kind'], number> {
    const counts = { board: 0, counter: 0, follow: 0 };
    for (const floor of this.floors.values()) for (const s of floor.subscribers) counts[s.kind]++;
    return counts;
  }

  /** Ends every stream (clients reconnect to another instance, or to this one restarted). */
  close(): void {
    this.closed = true;
    for (const floor of [...this.floors.values()]) for (const s of [...floor.subscribers]) s.end();
    for (const floor of this.floors.values()) {
      floor.stopListening();
      clearInterval(floor.refresh);
    }
    this.floors.clear();
  }

  private subscribe(sedeId: string, subscriber: Subscriber): () => void {
    if (this.closed) {
      subscriber.end();
      return () => undefined;
    }
    const floor = this.floorOf(sedeId);
    floor.subscribers.add(subscriber);
    // The first view goes to this subscriber alone, at once.
    void this.latest(floor).then((snap) => snap && this.deliver(snap, [subscriber]));
    return () => {
      floor.subscribers.delete(subscriber);
      if (floor.subscribers.size === 0) {
        floor.stopListening();
        clearInterval(floor.refresh);
        this.floors.delete(sedeId);
      }
    };
  }

  private floorOf(sedeId: string): SedeFloor {
    const floor = this.floors.get(sedeId);
    if (floor) return floor;
    const sede = sedeOf(this.ctx.config, sedeId);
    const created: SedeFloor = {
      sede,
      subscribers: new Set(),
      again: false,
      stopListening: both(
        this.ctx.store.listen(floorChannel(sede.id), (payload) => {
          const change = parseFloorChange(payload);
          if (change.boardRemoved) this.endBoard(created, change.boardRemoved);
          if (change.call) this.announce(created, change.call);
          this.changed(created);
        }),
        // Changes notified while the store's listener was away are lost: read the floor and the boards again.
        this.ctx.store.onResync(() => {
          this.changed(created);
          void this.endRemovedBoards(created);
        }),
      ),
      refresh: setInterval(() => this.changed(created), REFRESH_MS).unref(),
    };
    this.floors.set(sedeId, created);
    return created;
  }

  private endBoard(floor: SedeFloor, board: string): void {
    for (const s of [...floor.subscribers]) if (s.kind === 'board' && s.key === board) s.end();
  }

  /** A board removed while its notice was missed: its stream ends as it would have then. */
  private async endRemovedBoards(floor: SedeFloor): Promise<void> {
    if (![...floor.subscribers].some((s) => s.kind === 'board')) return;
    try {
      const boards = new Set((await this.ctx.store.read((r) => r.boards())).map((b) => b.id));
      for (const s of [...floor.subscribers]) if (s.kind === 'board' && !boards.has(s.key!)) s.end();
    } catch (error) {
      this.ctx.log.warn({ err: error }, 'boards not read after a resync');
    }
  }

  private announce(floor: SedeFloor, call: BoardCall): void {
    for (const s of floor.subscribers) if (s.kind === 'board') s.send('call', { type: 'call', call });
  }

  /** Coalesces a burst of changes into one read of the floor, then one more if changes came meanwhile. */
  private changed(floor: SedeFloor): void {
    if (floor.reading) {
      floor.again = true;
      floor.latest = undefined;
      return;
    }
    floor.reading = (async () => {
      do {
        floor.again = false;
        const snap = await (floor.latest = this.read(floor));
        if (snap) await this.deliver(snap, [...floor.subscribers]);
      } while (floor.again);
    })().finally(() => (floor.reading = undefined));
  }

  /** The floor as last read, or a read under way; a change since makes a new one. */
  private latest(floor: SedeFloor): Promise<FloorSnapshot | undefined> {
    floor.latest ??= this.read(floor);
    return floor.latest;
  }

  /** Today's floor of a sede, from the last read while someone follows it. */
  async snapshot(sedeId: string): Promise<FloorSnapshot | undefined> {
    const floor = this.floors.get(sedeId);
    return floor ? this.latest(floor) : undefined;
  }

  private async read(floor: SedeFloor): Promise<FloorSnapshot | undefined> {
    try {
      return await this.ctx.store.read((r) =>
        FloorSnapshot.read(r, this.ctx.config, floor.sede, this.ctx.clock()),
      );
    } catch (error) {
      // The store is down: subscribers keep their last view; the next change or refresh tries again.
      floor.latest = undefined;
      this.ctx.log.warn({ err: error }, 'floor view not read');
      return undefined;
    }
  }

  private async deliver(snap: FloorSnapshot, subscribers: Subscriber[]): Promise<void> {
    let board: FloorEvent | undefined;
    const counters = new Map<string, FloorEvent>();
    const tickets = new Map(snap.tickets.map((t) => [t.id, t]));
    for (const s of subscribers) {
      let event: FloorEvent | undefined;
      if (s.kind === 'board') {
        board ??= { type: 'board', view: snap.boardView(this.links.sedeQueue(snap.sede.id)) };
        event = board;
      } else if (s.kind === 'counter') {
        let view = counters.get(s.key!);
        if (!view)
          counters.set(s.key!, (view = { type: 'counter', view: await this.counterView(snap, s.key!) }));
        event = view;
      } else {
        const ticket = tickets.get(s.key!);
        if (ticket) event = { type: 'follow', view: snap.followView(ticket) };
      }
      if (!event) continue;
      const text = JSON.stringify(event);
      if (text === s.last) continue;
      s.last = text;
      s.send(event.type, event);
    }
  }
}

function both(first: () => void, second: () => void): () => void {
  return () => {
    first();
    second();
  };
}

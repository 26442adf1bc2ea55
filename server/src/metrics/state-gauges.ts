// Gauges of what is going on, computed when Prometheus scrapes: the SMS outbox's backlog, open sockets and
// event streams by kind, the video waiting room, stations online and offline. What comes from the store is
// read once for all of them and kept a few seconds, so several Prometheus servers (or a scrape every
// second) cost one read.
import type { QueueEntry } from '@sportello/protocol';
import { Gauge } from 'prom-client';
import type { AppContext } from '../context.ts';
import { floorHub } from '../floor/floor.routes.ts';
import { fleetHealth } from '../station/station.service.ts';
import type { PendingSummary } from '../store/store.ts';
import { allGroups } from '../video/matching.ts';
import type { Metrics } from './metrics.ts';

/** How long one read of the store serves scrapes. */
export const STATE_TTL_MS = 5_000;

interface StoreState {
  outbox: PendingSummary;
  videoQueue: QueueEntry[];
  stations: { id: string; sede: string; online: boolean; problem: boolean }[];
  at: number;
}

export function registerStateGauges(ctx: AppContext, metrics: Metrics): void {
  const registers = [metrics.registry];
  let cached: Promise<StoreState | undefined> | undefined;
  let cachedAt = Number.NEGATIVE_INFINITY;

  const readState = async (): Promise<StoreState | undefined> => {
    const now = ctx.clock();
    try {
      const [outbox, videoQueue] = await ctx.store.read(
        async (r) => [await r.pendingSummary(now), await r.videoQueue()] as const,
      );
      const stations = (await fleetHealth(ctx)).stations.map((h) => ({
        id: h.station.id,
        sede: h.station.sede,
        online: h.online,
        problem: h.problems.length > 0,
      }));
      storeReadOk.set(1);
      return { outbox, videoQueue, stations, at: now.getTime() };
    } catch (error) {
      // The scrape still answers (process figures, request timings); these gauges are left out this time.
      ctx.log.warn({ err: error }, 'metrics: the store could not be read');
      storeReadOk.set(0);
      return undefined;
    }
  };
  const state = () => {
    const now = ctx.clock().getTime();
    // A clock moved back (tests, a corrected host clock) reads again rather than trusting the future.
    if (!cached || now - cachedAt >= STATE_TTL_MS || now < cachedAt) {
      cached = readState();
      cachedAt = now;
    }
    return cached;
  };

  const storeReadOk = new Gauge({
    name: 'sportello_metrics_store_read_ok',
    help: '1 when the last read of the store for these metrics worked, 0 when it failed',
    registers,
  });

  new Gauge({
    name: 'sportello_outbox_pending_messages',
    help: 'SMS waiting in the outbox: due (the worker should be sending them) or scheduled later (reminders)',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const s = await state();
      // Reset after the wait, so a scrape running at the same time never sees the gauge half set.
      this.reset();
      if (!s) return;
      this.set({ state: 'due' }, s.outbox.due);
      this.set({ state: 'scheduled' }, s.outbox.scheduled);
    },
  });

  new Gauge({
    name: 'sportello_outbox_oldest_due_seconds',
    help: 'How long the most overdue pending SMS has been due; 0 when none is due',
    registers,
    async collect() {
      const s = await state();
      this.reset();
      if (!s) return;
      const due = s.outbox.oldestDueAt;
      this.set(due === undefined ? 0 : Math.max(0, (s.at - Date.parse(due)) / 1000));
    },
  });

  new Gauge({
    name: 'sportello_websocket_connections',
    help: 'Open WebSockets on this instance: official consoles, kiosk stations and web meetings on /ws, agent channels',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      const s = await state();
      this.reset();
      const video = ctx.video?.connections();
      if (video) for (const [kind, count] of Object.entries(video)) this.set({ kind }, count);
      // A station holds one channel at most (a new one replaces the old).
      const channel = ctx.stationChannel;
      if (channel && s)
        this.set({ kind: 'agent-channel' }, s.stations.filter((st) => channel.isConnected(st.id)).length);
    },
  });

  new Gauge({
    name: 'sportello_event_streams',
    help: "Open event streams on this instance: display boards, counter consoles, citizens' phones following a ticket",
    labelNames: ['kind'] as const,
    registers,
    collect() {
      this.reset();
      for (const [kind, count] of Object.entries(floorHub(ctx).counts())) this.set({ kind }, count);
    },
  });

  /** Every group and sector, 0 included: a series that comes and goes makes gaps in a graph. */
  const waitingBy = (s: StoreState) =>
    allGroups(ctx.config).flatMap((group) =>
      ctx.config.sectors.map(({ id: sector }) => {
        const since = s.videoQueue
          .filter((e) => e.status === 'waiting' && e.group === group && e.sector === sector)
          .map((e) => Date.parse(e.since));
        const longest = since.length === 0 ? 0 : Math.max(0, (s.at - Math.min(...since)) / 1000);
        return { labels: { group, sector }, count: since.length, longest };
      }),
    );

  new Gauge({
    name: 'sportello_video_queue_waiting',
    help: 'Citizens waiting for a video call, by sede group and sector',
    labelNames: ['group', 'sector'] as const,
    registers,
    async collect() {
      const s = await state();
      this.reset();
      if (s) for (const { labels, count } of waitingBy(s)) this.set(labels, count);
    },
  });

  new Gauge({
    name: 'sportello_video_queue_longest_wait_seconds',
    help: 'How long the citizen waiting longest for a video call has waited, by sede group and sector; 0 when nobody waits',
    labelNames: ['group', 'sector'] as const,
    registers,
    async collect() {
      const s = await state();
      this.reset();
      if (s) for (const { labels, longest } of waitingBy(s)) this.set(labels, longest);
    },
  });

  new Gauge({
    name: 'sportello_video_calls_in_progress',
    help: 'Video calls under way, by sede group',
    labelNames: ['group'] as const,
    registers,
    async collect() {
      const s = await state();
      this.reset();
      if (!s) return;
      for (const group of allGroups(ctx.config))
        this.set({ group }, s.videoQueue.filter((e) => e.status === 'in-call' && e.group === group).length);
    },
  });

  new Gauge({
    name: 'sportello_stations',
    help: 'Stations by sede, online (a heartbeat within the offline threshold) or offline',
    labelNames: ['sede', 'state'] as const,
    registers,
    async collect() {
      const s = await state();
      this.reset();
      if (!s) return;
      for (const { id: sede } of ctx.config.sedi) {
        const here = s.stations.filter((st) => st.sede === sede);
        const online = here.filter((st) => st.online).length;
        this.set({ sede, state: 'online' }, online);
        this.set({ sede, state: 'offline' }, here.length - online);
      }
    },
  });

  new Gauge({
    name: 'sportello_stations_device_problem',
    help: 'Stations whose last heartbeat told an expected device missing or in error, or a printer not ok, by sede',
    labelNames: ['sede'] as const,
    registers,
    async collect() {
      const s = await state();
      this.reset();
      if (!s) return;
      for (const { id: sede } of ctx.config.sedi)
        this.set({ sede }, s.stations.filter((st) => st.sede === sede && st.problem).length);
    },
  });
}

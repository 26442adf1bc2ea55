// The embedded store: lowdb JSON files under data/, one per sede (or sede group) and day. Transactions run one at
// a time; those finishing in the same turn of the event loop are flushed together (group commit): one record in
// the write-ahead journal (journal.ts) with the bookings, SMS and audit events they put or removed and the new text
// of every other file they changed, one sync, and each caller resolves once its record is on disk. Checkpoints put
// the files themselves in place every few seconds.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DateTime } from 'luxon';
import { romeDayOfIso as localDay } from '../../calendar/rome-time.ts';
import type { CallRecord } from '@sportello/protocol';
import { listenSafely } from '../listen-safely.ts';
import { removeFromBooking, removeFromCallRecord, removeFromTicket } from '../personal-data.ts';
import {
  DuplicateKeyError,
  REMOVED,
  type AuditEvent,
  type BookedTime,
  type CalendarChange,
  type DayStatsRollup,
  type EnrolmentCode,
  type KioskSessionStat,
  type RetentionResult,
  type SelfTestRun,
  type StaffSession,
  type StationCredential,
  type StationStatus,
  type Store,
  type StoredBooking,
  type StoreReader,
  type StoreTx,
} from '../store.ts';
import type { ClaimOptions, FailOutcome, OutboxMessage } from '../store.ts';
import { createdDirs, DurableJsonFile, nodeDiskIo, type DiskIo } from './durable-file.ts';
import { Journal, type JournalOptions } from './journal.ts';
import { MemoryLimits, type HitCount } from '../limits.ts';
import { LowdbInstances } from './lowdb-instances.ts';
import { emptyTeamsMeetings, LowdbTeamsMeetings, type TeamsMeetingsFile } from './lowdb-teams.ts';
import type { TeamsClaimOptions, TeamsMeeting } from '../teams-meetings.ts';
import { LowdbOutbox } from './lowdb-outbox.ts';
import { newTxLog, putItem, removeItem, type TxLog } from './tx-log.ts';
import { clone } from './clone.ts';
import type { ListOp } from './journal.ts';
import {
  auditFile,
  coreFile,
  dayFile,
  emptyAuditDay,
  emptyCallDay,
  type AuditDay,
  type CallDay,
  emptyFleet,
  emptyStatuses,
  fleetFile,
  statusesFile,
  type StationStatuses,
  emptyBookingDay,
  emptyCore,
  emptyTicketDay,
  type BookingDay,
  type Core,
  type Fleet,
  type PartitionKind,
  type TicketDay,
  type VideoQueue,
  emptyVideoQueue,
  videoQueueFile,
  emptyOperations,
  emptySessionDay,
  emptyStatsYear,
  operationsFile,
  statsFile,
  type Operations,
  type SessionDay,
  type StatsYear,
} from './partitions.ts';

export interface LowdbStoreOptions {
  dataDir: string;
  /** Booking days from this many days ago onwards are indexed by code and codice fiscale at open. */
  hotDays?: number;
  /** Call days from this many days ago onwards are indexed by call id at open (outcomes come late). */
  callDays?: number;
  now?: () => Date;
  /** The disk's operations: tests record them to check what is synced before a transaction resolves. */
  io?: DiskIo;
  /** When the journal's records are put into their files (tests drive checkpoints themselves). */
  journal?: JournalOptions;
}

export class LowdbStore implements Store {
  private readonly dataDir: string;
  private readonly hotDays: number;
  private readonly callDays: number;
  private readonly now: () => Date;
  private readonly files = new Map<string, Promise<Low<unknown>>>();
  /** booking code → the day file holding it, for the hot window. */
  private readonly codeIndex = new Map<string, { sede: string; day: string }>();
  /** codice fiscale → the codes of that person's bookings, for the hot window (every booking to come). */
  private readonly citizenIndex = new Map<string, Set<string>>();
  /** A booking day file → its booked bookings' times, made on first read after the last write to it. */
  private readonly bookedTimes = new WeakMap<Low<unknown>, readonly BookedTime[]>();
  /** call id → the group and day file holding its record, for the hot window. */
  private readonly callIndex = new Map<string, { group: string; day: string }>();
  private core!: Low<Core>;
  private fleet!: Low<Fleet>;
  private statuses!: Low<StationStatuses>;
  /** Set while a write of the heartbeats' file is scheduled. */
  private statusesWrite: NodeJS.Timeout | undefined;
  private video!: Low<VideoQueue>;
  private operations!: Low<Operations>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly dirty = new Set<Low<unknown>>();
  /** Files changed only by list operations since the last flush, journaled as those ops unless also dirty. */
  private readonly changed = new Map<Low<unknown>, ListOp[]>();
  /** Folders created since the last flush: their entries in their parents go to the disk with it. */
  private readonly newDirs = new Set<string>();
  private readonly io: DiskIo;
  private journal!: Journal;
  private readonly journalOptions: JournalOptions;
  private nextFlush: Promise<void> | null = null;
  private closed = false;
  private readonly outbox: LowdbOutbox;
  private readonly instances = new LowdbInstances();
  private teams!: LowdbTeamsMeetings;
  /** One process is the only instance: limits live in memory. */
  private readonly limits = new MemoryLimits();
  /** One process, one store: notifications go straight to this process's listeners after the commit. */
  private readonly channels = new EventEmitter().setMaxListeners(0);
  private readers: StoreReader | undefined;
  /**
   * The running transaction's log and notifications: transactions run one at a time, so one log, emptied for
   * each, serves them all, and the writers over it are made once (per transaction they cost a booking ~5 % of
   * the server's time: fifty closures, each named again by the TypeScript loader).
   */
  private readonly log = newTxLog();
  private readonly notifications: [string, string][] = [];
  private writers: StoreTx | undefined;

  private constructor(options: LowdbStoreOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.hotDays = options.hotDays ?? 7;
    this.callDays = options.callDays ?? 31;
    this.now = options.now ?? (() => new Date());
    this.io = options.io ?? nodeDiskIo;
    this.journalOptions = options.journal ?? {};
    this.outbox = new LowdbOutbox(
      this.dataDir,
      {
        file: (filename, empty) => this.file(filename, empty),
        opened: (filename) => this.files.get(filename),
        forget: (filename) => void this.files.delete(filename),
        list: (dir) => this.journal.list(dir),
        read: (filename) => this.journal.read(filename),
      },
      this.now,
    );
  }

  static async open(options: LowdbStoreOptions): Promise<LowdbStore> {
    const store = new LowdbStore(options);
    // What a crash left in the journal is in the files before any of them is read.
    store.journal = await Journal.open(
      store.dataDir,
      store.io,
      store.journalOptions,
      createdDirs(await store.io.mkdirs(store.dataDir), store.dataDir),
    );
    store.core = (await store.file(coreFile(store.dataDir), emptyCore)) as Low<Core>;
    store.fleet = (await store.file(fleetFile(store.dataDir), emptyFleet)) as Low<Fleet>;
    store.statuses = (await store.file(statusesFile(store.dataDir), emptyStatuses)) as Low<StationStatuses>;
    // Heartbeats of a data folder written before they had a file of their own move there, once.
    if (store.fleet.data.statuses) {
      if (store.statuses.data.statuses.length === 0) store.statuses.data.statuses = store.fleet.data.statuses;
      delete store.fleet.data.statuses;
      await store.statuses.write();
      await store.fleet.write();
    }
    store.video = (await store.file(videoQueueFile(store.dataDir), emptyVideoQueue)) as Low<VideoQueue>;
    store.operations = (await store.file(operationsFile(store.dataDir), emptyOperations)) as Low<Operations>;
    store.teams = new LowdbTeamsMeetings(
      (await store.file(
        path.join(store.dataDir, 'teams-meetings.json'),
        emptyTeamsMeetings,
      )) as Low<TeamsMeetingsFile>,
    );
    await store.indexHotDays();
    await store.outbox.open();
    return store;
  }

  // ---- Store ----

  read<T>(fn: (reader: StoreReader) => Promise<T>): Promise<T> {
    this.assertOpen();
    return fn(this.reader());
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    let notifications: [string, string][] = [];
    const result = await this.exclusive(async () => {
      this.writers ??= this.writer(this.log, this.notifications);
      // Its own object over the shared writers: the metrics and the outbox replace methods on it.
      const value = await fn(Object.create(this.writers) as StoreTx);
      notifications = this.notifications.splice(0);
      return value;
    });
    // Delivered once the writes are on disk, as PostgreSQL delivers a NOTIFY at commit.
    for (const [channel, payload] of notifications) this.channels.emit(channel, payload);
    return result;
  }

  listen(channel: string, fn: (payload: string) => void): () => void {
    return listenSafely(this.channels, channel, fn);
  }

  /** Runs fn alone; undoes its changes in memory if it throws, else resolves once its files are on disk. */
  private async exclusive<T>(fn: (log: TxLog) => Promise<T>): Promise<T> {
    this.assertOpen();
    const log = this.log;
    const run = this.queue.then(async () => {
      try {
        const result = await fn(log);
        const wrote = log.touched.size > 0 || log.ops.size > 0;
        for (const low of log.touched) this.dirty.add(low);
        for (const [low, ops] of log.ops) {
          const earlier = this.changed.get(low);
          if (earlier) earlier.push(...ops);
          else this.changed.set(low, ops);
        }
        return { result, wrote };
      } catch (error) {
        for (const step of log.undo.reverse()) step();
        this.notifications.length = 0;
        throw error;
      } finally {
        // Emptied before the next transaction starts: it gets the same log.
        log.undo.length = 0;
        log.touched.clear();
        log.ops.clear();
      }
    });
    this.queue = run.catch(() => undefined);
    const { result, wrote } = await run;
    if (wrote) await this.flush();
    return result;
  }

  async removePersonalData(beforeDay: string, now: Date): Promise<RetentionResult> {
    const result: RetentionResult = { bookings: 0, tickets: 0, messages: 0, calls: 0 };
    const from = this.core.data.retentionDoneBefore;
    const stamp = now.toISOString();
    for (const kind of ['bookings', 'tickets', 'calls'] as const) {
      for (const { sede, day } of await this.listDays(kind)) {
        if (day >= beforeDay || (from && day < from)) continue;
        await this.transaction(async () => {
          const low = await this.dayLow(kind, sede, day);
          if (kind === 'bookings')
            for (const b of (low.data as BookingDay).bookings)
              this.unindexCitizen(b.citizen.codiceFiscale, b.code);
          const changed = removePersonalDataOfDay(kind, low.data, stamp);
          result[kind] += changed;
          if (changed > 0) this.dirty.add(low);
        });
        await this.flush();
        // Old days are not kept in memory once done with.
        this.files.delete(dayFile(this.dataDir, kind, sede, day));
      }
    }
    result.messages = await this.outbox.removePersonalData(beforeDay, from, stamp, (fn) =>
      this.exclusive(fn),
    );
    await this.transaction(async () => {
      this.core.data.retentionDoneBefore = beforeDay;
      this.dirty.add(this.core as Low<unknown>);
    });
    await this.flush();
    return result;
  }

  // ---- outbox: pending and archived SMS, kept in lowdb-outbox.ts ----

  claimDueMessages(options: ClaimOptions): Promise<OutboxMessage[]> {
    return this.exclusive((log) => this.outbox.claim(log, options));
  }

  completeMessage(id: string, result: { now: Date; providerMessageId?: string }): Promise<boolean> {
    return this.exclusive((log) => this.outbox.complete(log, id, result.now, result.providerMessageId));
  }

  failMessage(id: string, worker: string, outcome: FailOutcome): Promise<boolean> {
    return this.exclusive((log) => this.outbox.fail(log, id, worker, outcome));
  }

  claimTeamsMeetings(options: TeamsClaimOptions): Promise<TeamsMeeting[]> {
    return this.exclusive(async (log) => this.teams.claim(log, options));
  }

  private statsLow(sede: string, year: string): Promise<Low<unknown>> {
    return this.file(statsFile(this.dataDir, sede, year), emptyStatsYear);
  }

  /** Notifications are delivered in this process and never missed. */
  onResync(): () => void {
    return () => undefined;
  }

  useOnce(key: string, until: Date, now: Date): Promise<boolean> {
    return this.limits.useOnce(key, until, now);
  }

  countHit(key: string, windowMs: number, now: Date): Promise<HitCount> {
    return this.limits.countHit(key, windowMs, now);
  }

  uncountHit(key: string, now: Date): Promise<void> {
    return this.limits.uncountHit(key, now);
  }

  resetHits(key: string): Promise<void> {
    return this.limits.resetHits(key);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await readdir(this.dataDir);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    if (this.statusesWrite) {
      clearTimeout(this.statusesWrite);
      this.statusesWrite = undefined;
      this.dirty.add(this.statuses as Low<unknown>);
    }
    await this.flush();
    this.closed = true;
    await this.journal.close();
  }

  /** Puts every write acknowledged so far into its JSON file, as a close does, and empties the journal. */
  async checkpoint(): Promise<void> {
    this.assertOpen();
    await this.flush();
    await this.journal.checkpoint();
  }

  // ---- reading and writing records ----

  /** The readers hold no state of their own: made once, shared by every read and transaction. */
  private reader(): StoreReader {
    return (this.readers ??= this.makeReader());
  }

  private makeReader(): StoreReader {
    return {
      bookingByCode: async (code) => {
        const where = this.codeIndex.get(code);
        if (!where) return undefined;
        const day = (await this.dayLow('bookings', where.sede, where.day)).data as BookingDay;
        return clone(day.bookings.find((b) => b.code === code));
      },
      bookingsOfDay: async (sede, day) =>
        clone(((await this.dayLow('bookings', sede, day)).data as BookingDay).bookings),
      bookedTimesOfDay: async (sede, day) => this.bookedTimesOf(await this.dayLow('bookings', sede, day)),
      bookingsOfCitizen: async (codiceFiscale, fromDay) => {
        const found: StoredBooking[] = [];
        for (const code of this.citizenIndex.get(codiceFiscale) ?? []) {
          const where = this.codeIndex.get(code);
          if (!where || where.day < fromDay) continue;
          const day = (await this.dayLow('bookings', where.sede, where.day)).data as BookingDay;
          const booking = day.bookings.find((b) => b.code === code);
          if (booking) found.push(booking);
        }
        found.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.code.localeCompare(b.code));
        return clone(found);
      },
      ticketsOfDay: async (sede, day) =>
        clone(((await this.dayLow('tickets', sede, day)).data as TicketDay).tickets),
      counterStatesOfDay: async (sede, day) =>
        clone(((await this.dayLow('tickets', sede, day)).data as TicketDay).counterStates ?? []),
      boardByTokenHash: async (tokenHash) =>
        clone((this.core.data.boards ?? []).find((b) => b.tokenHash === tokenHash)),
      boards: async () => clone(this.core.data.boards ?? []),
      sessionByTokenHash: async (tokenHash) =>
        clone(this.core.data.sessions.find((s) => s.tokenHash === tokenHash)),
      stationByTokenHash: async (tokenHash) =>
        clone(this.core.data.stations.find((s) => s.tokenHash === tokenHash)),
      stationCredentials: async () =>
        this.core.data.stations.map(({ station, issuedAt }) => ({ station, issuedAt })),
      enrolmentCode: async (codeHash) =>
        clone(this.fleet.data.enrolmentCodes.find((c) => c.codeHash === codeHash)),
      stationStatuses: async () => clone(this.statuses.data.statuses),
      stationStatus: async (station) => clone(this.statuses.data.statuses.find((s) => s.station === station)),
      videoQueue: async () => clone(this.video.data.entries),
      callRecord: async (callId) => {
        const where = this.callIndex.get(callId);
        if (!where) return undefined;
        const day = (await this.dayLow('calls', where.group, where.day)).data as CallDay;
        return clone(day.calls.find((c) => c.callId === callId));
      },
      callRecordsOfDay: async (group, day) =>
        clone(((await this.dayLow('calls', group, day)).data as CallDay).calls),
      videoQueueExitsOfDay: async (group, day) =>
        clone(((await this.dayLow('calls', group, day)).data as CallDay).exits ?? []),
      auditOfDay: async (day) =>
        ((await this.auditLow(day)).data as AuditDay).events.map(({ key: _key, ...event }) => clone(event)),
      staffAccount: async (username) =>
        clone((this.core.data.staff ?? []).find((a) => a.username === username)),
      staffAccounts: async () =>
        clone([...(this.core.data.staff ?? [])].sort((a, b) => a.username.localeCompare(b.username))),
      station: async (id) => clone((this.core.data.stationRecords ?? []).find((s) => s.id === id)),
      stations: async () =>
        clone([...(this.core.data.stationRecords ?? [])].sort((a, b) => a.id.localeCompare(b.id))),
      selfTestRun: async (id) => clone(this.operations.data.selfTests.find((r) => r.id === id)),
      selfTestRuns: async (station) =>
        clone(
          this.operations.data.selfTests
            .filter((r) => r.station === station)
            .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)),
        ),
      latestSelfTestRuns: async () => {
        const newest = new Map<string, SelfTestRun>();
        for (const run of this.operations.data.selfTests) {
          const seen = newest.get(run.station);
          if (!seen || run.requestedAt > seen.requestedAt) newest.set(run.station, run);
        }
        return clone([...newest.values()].sort((a, b) => a.station.localeCompare(b.station)));
      },
      alerts: async (clearedSince, station) =>
        clone(
          this.operations.data.alerts
            .filter(
              (a) =>
                (!a.clearedAt || a.clearedAt > clearedSince) &&
                (station === undefined || a.station === station),
            )
            .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt)),
        ),
      kioskSessionsOfDay: async (sede, day) =>
        clone(((await this.dayLow('sessions', sede, day)).data as SessionDay).sessions),
      dayStats: async (sede, fromDay, toDay) => {
        const found: DayStatsRollup[] = [];
        for (let year = Number(fromDay.slice(0, 4)); year <= Number(toDay.slice(0, 4)); year++) {
          const data = (await this.statsLow(sede, String(year))).data as StatsYear;
          found.push(...data.days.filter((d) => d.day >= fromDay && d.day <= toDay));
        }
        return clone(found.sort((a, b) => a.day.localeCompare(b.day)));
      },
      calendarChange: async (id) => clone((this.core.data.calendarChanges ?? []).find((c) => c.id === id)),
      calendarChanges: async (sede) =>
        clone(
          (this.core.data.calendarChanges ?? [])
            .filter((c) => sede === undefined || c.sede === sede)
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
        ),
      ...this.outbox.reader(),
      ...this.instances.reader(),
      ...this.teams.reader(),
    };
  }

  private writer(log: TxLog, notifications: [string, string][]): StoreTx {
    const { touched, undo } = log;
    const core = this.core as Low<unknown>;
    /** A day of bookings about to change: its times are made afresh when next read, and again if undone. */
    const changingDay = async (sede: string, day: string) => {
      const low = await this.dayLow('bookings', sede, day);
      this.bookedTimes.delete(low);
      undo.push(() => this.bookedTimes.delete(low));
      return low;
    };
    const removeAt = <T>(list: T[], index: number) => {
      const [removed] = list.splice(index, 1);
      undo.push(() => list.splice(index, 0, removed!));
    };
    const push = <T>(list: T[], item: T) => {
      list.push(item);
      undo.push(() => void list.splice(list.indexOf(item), 1));
    };
    const replaceAt = <T>(list: T[], index: number, item: T) => {
      const previous = list[index]!;
      list[index] = item;
      undo.push(() => (list[index] = previous));
    };
    // The readers come through the prototype: a transaction makes only its writers.
    // No spreads in this literal: one makes V8 define each of the many properties after it the slow way (a
    // transaction paid ~60 µs for its writers); the other parts' writers are assigned beside them below.
    const writers: Omit<
      StoreTx,
      | keyof StoreReader
      | keyof ReturnType<LowdbOutbox['writer']>
      | keyof ReturnType<LowdbInstances['writer']>
      | keyof ReturnType<LowdbTeamsMeetings['writer']>
    > = {
      insertBooking: async (booking) => {
        if (this.codeIndex.has(booking.code)) throw new DuplicateKeyError('booking code');
        const day = localDay(booking.start);
        const low = await this.dayLow('bookings', booking.sede, day);
        const times = this.bookedTimes.get(low);
        putItem<StoredBooking>(log, low, 'bookings', 'code', clone(booking));
        // The day's times as a new list with this booking's added, not made again from every booking of the day.
        if (times && booking.status === 'booked')
          this.bookedTimes.set(low, Object.freeze([...times, bookedTimeOf(booking)]));
        else this.bookedTimes.delete(low);
        undo.push(() => this.bookedTimes.delete(low));
        this.codeIndex.set(booking.code, { sede: booking.sede, day });
        this.indexCitizen(booking.citizen.codiceFiscale, booking.code);
        undo.push(() => {
          this.codeIndex.delete(booking.code);
          this.unindexCitizen(booking.citizen.codiceFiscale, booking.code);
        });
      },
      updateBooking: async (booking) => {
        const where = this.codeIndex.get(booking.code);
        if (!where) throw new Error(`no booking ${booking.code} to update`);
        const oldLow = await changingDay(where.sede, where.day);
        const index = (oldLow.data as BookingDay).bookings.findIndex((b) => b.code === booking.code);
        const day = localDay(booking.start);
        const newLow = await changingDay(booking.sede, day);
        // Journaled as the booking taken out of its day and put at the end of its new one (maybe the same), not
        // as both days' files: a cancel or a move costs the journal its own bytes, as a new booking does.
        const { citizen } = removeItem<StoredBooking>(log, oldLow, 'bookings', 'code', index);
        const before = citizen.codiceFiscale;
        putItem<StoredBooking>(log, newLow, 'bookings', 'code', clone(booking));
        this.codeIndex.set(booking.code, { sede: booking.sede, day });
        this.unindexCitizen(before, booking.code);
        this.indexCitizen(booking.citizen.codiceFiscale, booking.code);
        undo.push(() => {
          this.codeIndex.set(booking.code, where);
          this.unindexCitizen(booking.citizen.codiceFiscale, booking.code);
          this.indexCitizen(before, booking.code);
        });
      },
      nextTicketNumber: async (sede, day, prefix) => {
        const low = await this.dayLow('tickets', sede, day);
        touched.add(low);
        const counters = (low.data as TicketDay).counters;
        const previous = counters[prefix];
        counters[prefix] = (previous ?? 0) + 1;
        undo.push(() => (previous === undefined ? delete counters[prefix] : (counters[prefix] = previous)));
        return counters[prefix];
      },
      insertTicket: async (ticket) => {
        const low = await this.dayLow('tickets', ticket.sede, ticket.day);
        touched.add(low);
        const tickets = (low.data as TicketDay).tickets;
        if (tickets.some((t) => t.id === ticket.id)) throw new DuplicateKeyError('ticket id');
        push(tickets, clone(ticket));
      },
      updateTicket: async (ticket) => {
        const low = await this.dayLow('tickets', ticket.sede, ticket.day);
        const tickets = (low.data as TicketDay).tickets;
        const index = tickets.findIndex((t) => t.id === ticket.id);
        if (index < 0) throw new Error(`no ticket ${ticket.id} to update`);
        touched.add(low);
        replaceAt(tickets, index, clone(ticket));
      },
      putCounterState: async ({ day, ...state }) => {
        const low = await this.dayLow('tickets', state.sede, day);
        touched.add(low);
        const data = low.data as TicketDay;
        const states = (data.counterStates ??= []);
        const index = states.findIndex((c) => c.counter === state.counter);
        if (index >= 0) replaceAt(states, index, clone(state));
        else push(states, clone(state));
      },
      putBoard: async (board) => {
        touched.add(core);
        const boards = (this.core.data.boards ??= []);
        const index = boards.findIndex((b) => b.id === board.id);
        if (index >= 0) replaceAt(boards, index, clone(board));
        else push(boards, clone(board));
      },
      deleteBoard: async (id) => {
        const boards = this.core.data.boards ?? [];
        const index = boards.findIndex((b) => b.id === id);
        if (index < 0) return false;
        touched.add(core);
        removeAt(boards, index);
        return true;
      },
      notify: (channel, payload) => {
        notifications.push([channel, payload]);
        undo.push(() => void notifications.pop());
      },
      insertSession: async (session: StaffSession) => {
        touched.add(core);
        const sessions = this.core.data.sessions;
        const nowIso = this.now().toISOString();
        // Expired sessions are dropped here so the core file stays small.
        for (let i = sessions.length - 1; i >= 0; i--)
          if (sessions[i]!.expiresAt <= nowIso) removeAt(sessions, i);
        push(sessions, clone(session));
      },
      deleteSession: async (tokenHash) => {
        touched.add(core);
        const sessions = this.core.data.sessions;
        const index = sessions.findIndex((s) => s.tokenHash === tokenHash);
        if (index >= 0) removeAt(sessions, index);
      },
      putStationCredential: async (credential: StationCredential) => {
        touched.add(core);
        const stations = this.core.data.stations;
        const index = stations.findIndex((s) => s.station === credential.station);
        if (index >= 0) removeAt(stations, index);
        push(stations, clone(credential));
      },
      putEnrolmentCode: async (code: EnrolmentCode) => {
        touched.add(this.fleet as Low<unknown>);
        const codes = this.fleet.data.enrolmentCodes;
        const nowIso = this.now().toISOString();
        // Expired codes are of no use to anyone; dropping them keeps the file small.
        for (let i = codes.length - 1; i >= 0; i--) if (codes[i]!.expiresAt <= nowIso) removeAt(codes, i);
        const index = codes.findIndex((c) => c.codeHash === code.codeHash);
        if (index >= 0) removeAt(codes, index);
        push(codes, clone(code));
      },
      putStationStatus: async (status: StationStatus) => {
        const statuses = this.statuses.data.statuses;
        const index = statuses.findIndex((s) => s.station === status.station);
        if (index >= 0) replaceAt(statuses, index, clone(status));
        else push(statuses, clone(status));
        this.writeStatusesLater();
      },
      putVideoQueueEntry: async (entry) => {
        touched.add(this.video as Low<unknown>);
        const entries = this.video.data.entries;
        const index = entries.findIndex((e) => e.id === entry.id);
        if (index >= 0) {
          const previous = entries[index]!;
          entries[index] = clone(entry);
          undo.push(() => (entries[index] = previous));
        } else push(entries, clone(entry));
      },
      deleteVideoQueueEntry: async (id) => {
        const entries = this.video.data.entries;
        const index = entries.findIndex((e) => e.id === id);
        if (index < 0) return false;
        touched.add(this.video as Low<unknown>);
        removeAt(entries, index);
        return true;
      },
      putCallRecord: async (record: CallRecord) => {
        const known = this.callIndex.get(record.callId);
        const where = known ?? { group: record.group, day: localDay(record.startedAt) };
        const low = await this.dayLow('calls', where.group, where.day);
        touched.add(low);
        const calls = (low.data as CallDay).calls;
        const index = calls.findIndex((c) => c.callId === record.callId);
        if (index >= 0) {
          const previous = calls[index]!;
          calls[index] = clone(record);
          undo.push(() => (calls[index] = previous));
        } else {
          push(calls, clone(record));
          this.callIndex.set(record.callId, where);
          undo.push(() => this.callIndex.delete(record.callId));
        }
      },
      appendVideoQueueExit: async (exit) => {
        const low = await this.dayLow('calls', exit.group, localDay(exit.leftAt));
        const exits = ((low.data as CallDay).exits ??= []);
        if (exits.some((e) => e.entryId === exit.entryId)) return;
        touched.add(low);
        push(exits, clone(exit));
      },
      appendAudit: async (event: AuditEvent) => {
        const low = await this.auditLow(localDay(event.at));
        // Journaled as the event alone: a busy day's audit file was written whole for every desk action.
        putItem<AuditDay['events'][number]>(log, low, 'events', 'key', {
          key: randomUUID(),
          ...clone(event),
        });
      },
      putStaffAccount: async (account) => {
        touched.add(core);
        putById((this.core.data.staff ??= []), account, (a) => a.username);
      },
      deleteSessionsOf: async (username) => {
        const sessions = this.core.data.sessions;
        let removed = 0;
        for (let i = sessions.length - 1; i >= 0; i--)
          if (sessions[i]!.username === username) {
            removeAt(sessions, i);
            removed++;
          }
        if (removed > 0) touched.add(core);
        return removed;
      },
      putStation: async (station) => {
        touched.add(core);
        putById((this.core.data.stationRecords ??= []), station, (s) => s.id);
      },
      deleteStationCredential: async (station) => {
        const credentials = this.core.data.stations;
        const index = credentials.findIndex((c) => c.station === station);
        if (index < 0) return false;
        touched.add(core);
        removeAt(credentials, index);
        return true;
      },
      putSelfTestRun: async (run) => {
        const operations = this.operations as Low<unknown>;
        touched.add(operations);
        const runs = this.operations.data.selfTests;
        putById(runs, run, (r) => r.id);
        // The newest ten of each station are kept: the console shows the last one and a short history.
        const ofStation = runs
          .filter((r) => r.station === run.station)
          .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
        for (const old of ofStation.slice(SELF_TESTS_KEPT)) removeAt(runs, runs.indexOf(old));
      },
      putAlert: async (alert) => {
        touched.add(this.operations as Low<unknown>);
        const alerts = this.operations.data.alerts;
        putById(alerts, alert, (a) => a.id);
        // Cleared alerts are history after a quarter; open ones stay whatever their age.
        const before = new Date(this.now().getTime() - ALERTS_KEPT_DAYS * 86_400_000).toISOString();
        for (let i = alerts.length - 1; i >= 0; i--)
          if (alerts[i]!.clearedAt && alerts[i]!.clearedAt! < before) removeAt(alerts, i);
      },
      appendKioskSession: async (session: KioskSessionStat) => {
        const low = await this.dayLow('sessions', session.sede, localDay(session.endedAt));
        const sessions = (low.data as SessionDay).sessions;
        if (sessions.some((s) => s.id === session.id)) throw new DuplicateKeyError('kiosk session id');
        touched.add(low);
        push(sessions, clone(session));
      },
      putDayStats: async (rollup: DayStatsRollup) => {
        const low = await this.statsLow(rollup.sede, rollup.day.slice(0, 4));
        touched.add(low);
        putById((low.data as StatsYear).days, rollup, (d) => d.day);
      },
      putCalendarChange: async (change: CalendarChange) => {
        touched.add(core);
        putById((this.core.data.calendarChanges ??= []), change, (c) => c.id);
      },
    };
    /** Inserts `item`, or replaces the one with the same key, undoably. */
    function putById<T>(list: T[], item: T, key: (t: T) => string): void {
      const index = list.findIndex((t) => key(t) === key(item));
      if (index >= 0) replaceAt(list, index, clone(item));
      else push(list, clone(item));
    }
    return Object.assign(
      Object.create(this.reader()) as StoreReader,
      this.outbox.writer(log),
      this.instances.writer(undo),
      this.teams.writer(log),
      writers,
    ) satisfies StoreTx;
  }

  // ---- files ----

  private dayLow(kind: PartitionKind, sede: string, day: string): Promise<Low<unknown>> {
    const empty = {
      bookings: emptyBookingDay,
      tickets: emptyTicketDay,
      calls: emptyCallDay,
      sessions: emptySessionDay,
    }[kind];
    return this.file(dayFile(this.dataDir, kind, sede, day), empty);
  }

  private auditLow(day: string): Promise<Low<unknown>> {
    return this.file(auditFile(this.dataDir, day), emptyAuditDay);
  }

  /** Opens a partition once; concurrent callers share the same load. */
  private file(filename: string, empty: () => object): Promise<Low<unknown>> {
    let low = this.files.get(filename);
    if (!low) {
      low = (async () => {
        const dir = path.dirname(filename);
        for (const created of createdDirs(await this.io.mkdirs(dir), dir)) this.newDirs.add(created);
        const db = new Low<unknown>(
          new DurableJsonFile(filename, this.io, (file) => this.journal.read(file)),
          empty(),
        );
        await db.read();
        return db;
      })();
      this.files.set(filename, low);
      low.catch(() => this.files.delete(filename));
    }
    return low;
  }

  /**
   * Schedules the heartbeats' file to be written within STATUSES_WRITE_MS, between two transactions (never a
   * half-done one's state); close() writes it at once.
   */
  private writeStatusesLater(): void {
    if (this.statusesWrite) return;
    this.statusesWrite = setTimeout(() => {
      this.statusesWrite = undefined;
      if (this.closed) return;
      this.exclusive(async ({ touched }) => void touched.add(this.statuses as Low<unknown>)).catch(() =>
        // A failed write leaves the file dirty: the next heartbeat schedules another.
        this.writeStatusesLater(),
      );
    }, STATUSES_WRITE_MS);
    this.statusesWrite.unref();
  }

  /**
   * Journals every dirty file and the ops of every changed one as soon as the journal is free to append: at
   * once when it is idle, else with every transaction that ends while the append before is written (group
   * commit). Waiting for the next turn of the event loop instead put all the requests read in one turn in one
   * record, answered all together after its sync: their clients then sent the next ones together while the
   * server sat idle through the sync. It need not wait for the previous flush's sync: one sync covers every
   * append before it, so the server works on the next requests while the disk syncs.
   */
  private flush(): Promise<void> {
    this.nextFlush ??= this.journal.appended().then(() => {
      this.nextFlush = null;
      const batch = [...this.dirty];
      // A file written whole holds its ops already.
      const opsOnly = [...this.changed].filter(([low]) => !this.dirty.has(low));
      const dirs = [...this.newDirs];
      this.dirty.clear();
      this.changed.clear();
      this.newDirs.clear();
      const filename = (low: Low<unknown>) => (low.adapter as DurableJsonFile<unknown>).filename;
      // Serialised now, between two transactions: each file is recorded as it stands.
      const files = batch.map((low): [string, string] => [filename(low), JSON.stringify(low.data)]);
      const changed = opsOnly.map(([low, ops]): [string, ListOp[]] => [filename(low), ops]);
      return this.journal.commit(files, dirs, changed).catch((error: unknown) => {
        // The journal is rewritten before its next record: these files are recorded whole again.
        for (const low of batch) this.dirty.add(low);
        for (const [low] of opsOnly) this.dirty.add(low);
        for (const dir of dirs) this.newDirs.add(dir);
        throw error;
      });
    });
    return this.nextFlush;
  }

  private async listDays(kind: PartitionKind): Promise<{ sede: string; day: string }[]> {
    const days: { sede: string; day: string }[] = [];
    const root = path.join(this.dataDir, kind);
    for (const sede of await this.journal.list(root)) {
      for (const month of await this.journal.list(path.join(root, sede))) {
        for (const file of await this.journal.list(path.join(root, sede, month))) {
          const match = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(file);
          if (match) days.push({ sede, day: match[1]! });
        }
      }
    }
    return days.sort((a, b) => a.day.localeCompare(b.day));
  }

  private async indexHotDays(): Promise<void> {
    const today = DateTime.fromJSDate(this.now(), { zone: ZONE });
    const from = today.minus({ days: this.hotDays }).toISODate()!;
    for (const { sede, day } of await this.listDays('bookings')) {
      if (day < from) continue;
      const data = (await this.dayLow('bookings', sede, day)).data as BookingDay;
      for (const booking of data.bookings) {
        this.codeIndex.set(booking.code, { sede, day });
        this.indexCitizen(booking.citizen.codiceFiscale, booking.code);
      }
    }
    const callsFrom = today.minus({ days: this.callDays }).toISODate()!;
    for (const { sede: group, day } of await this.listDays('calls')) {
      if (day < callsFrom) continue;
      const data = (await this.dayLow('calls', group, day)).data as CallDay;
      for (const call of data.calls) this.callIndex.set(call.callId, { group, day });
    }
  }

  private bookedTimesOf(low: Low<unknown>): readonly BookedTime[] {
    let times = this.bookedTimes.get(low);
    if (!times) {
      times = Object.freeze(
        (low.data as BookingDay).bookings.filter((b) => b.status === 'booked').map(bookedTimeOf),
      );
      this.bookedTimes.set(low, times);
    }
    return times;
  }

  private indexCitizen(codiceFiscale: string, code: string): void {
    // What the retention job leaves is nobody's codice fiscale.
    if (codiceFiscale === REMOVED) return;
    let codes = this.citizenIndex.get(codiceFiscale);
    if (!codes) this.citizenIndex.set(codiceFiscale, (codes = new Set()));
    codes.add(code);
  }

  private unindexCitizen(codiceFiscale: string, code: string): void {
    const codes = this.citizenIndex.get(codiceFiscale);
    codes?.delete(code);
    if (codes?.size === 0) this.citizenIndex.delete(codiceFiscale);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store is closed');
  }
}

const ZONE = 'Europe/Rome';
const SELF_TESTS_KEPT = 10;
/**
 * Heartbeats are written behind, at most this often: rewriting every station's last heartbeat on each one
 * cannot keep up with 10,000 stations (test/bench heartbeats). A crash loses at most this much of them, and
 * each station's next heartbeat, seconds later, says it again.
 */
const STATUSES_WRITE_MS = 5_000;
const ALERTS_KEPT_DAYS = 92;

/** Strips personal data from the records of one day partition; answers how many records changed. */
function removePersonalDataOfDay(
  kind: Exclude<PartitionKind, 'sessions'>,
  data: unknown,
  stamp: string,
): number {
  const changed = (flags: boolean[]) => flags.filter(Boolean).length;
  if (kind === 'calls') return changed((data as CallDay).calls.map((c) => removeFromCallRecord(c)));
  if (kind === 'bookings')
    return changed((data as BookingDay).bookings.map((b) => removeFromBooking(b, stamp)));
  return changed((data as TicketDay).tickets.map((t) => removeFromTicket(t, stamp)));
}

function bookedTimeOf(b: StoredBooking): BookedTime {
  return Object.freeze({
    code: b.code,
    sector: b.sector,
    start: Date.parse(b.start),
    end: Date.parse(b.end),
  });
}

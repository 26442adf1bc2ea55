// The store contract every service is written against: async reads, and atomic transactions that
// a lowdb file store and a PostgreSQL store both implement (take a slot, number a ticket, …).
import type {
  Board,
  Booking,
  CallRecord,
  CounterState,
  DeviceHealth,
  Language,
  MessageKind,
  MessageStatus,
  OfficialStatus,
  PageHealth,
  QueueEntry,
  Ticket,
  StaffRole,
  Station,
  StationSettings,
} from '@sportello/protocol';
import type { SharedLimits } from './limits.ts';
import type { TeamsMeetingReader, TeamsMeetingStore, TeamsMeetingWriter } from './teams-meetings.ts';

export interface StoredBooking extends Booking {
  /** HMAC-SHA256 of the admission code under the server's secret: six digits are too few for a plain hash. */
  admissionCodeHash: string;
  /** Set by the retention job once the citizen's personal data has been removed. */
  personalDataRemovedAt?: string;
  /**
   * Web meetings: wrong admission codes since the last right one, and the lock they caused. Kept on the
   * booking so that the limit holds across restarts and server instances.
   */
  admissionFailures?: { count: number; lockedUntil?: string };
  /** Callbacks: the official's tries to reach the citizen, when to try again, and who finished it. */
  callback?: StoredCallback;
  /**
   * The random half of the citizen's page key (`/p/<code>.<token>`), made when an SMS first links to the page;
   * like a ticket's follow token it is compared, never looked up by.
   */
  selfServiceToken?: string;
  /** The calendar change that displaced it and asked the citizen to choose a new time; cleared by a move. */
  displacedBy?: string;
  /** Web meetings: the official said they are running late (told to the waiting citizen's page). */
  runningLate?: { minutes: number; at: string; official: string };
}

/** An active booking as capacity counts it: times in epoch milliseconds. */
export interface BookedTime {
  code: string;
  sector: string;
  start: number;
  end: number;
}

export interface StoredCallback {
  attempts: {
    at: string;
    official: string;
    result: 'no-answer' | 'retry-later';
    notes?: string;
    /** no-answer: the missed-call SMS put in the outbox. */
    messageId?: string;
  }[];
  retryAt?: string;
  done?: { at: string; official: string; notes?: string };
}

export interface StoredTicket extends Ticket {
  /** The codice fiscale of an identified citizen, removed by the retention job. */
  codiceFiscale?: string;
  /** A mobile number for the "almost your turn" SMS; removed when the ticket ends, and by the retention job. */
  notifyPhone?: string;
  /** The random part of the phone page's key (`<sede>.<day>.<followToken>`); never the ticket's id. */
  followToken: string;
  /** When the "almost your turn" SMS was enqueued: once per ticket. */
  almostTurnSentAt?: string;
  personalDataRemovedAt?: string;
}

/** A display board's credential: the key in its URL, stored hashed like a station's. */
export interface StoredBoard extends Board {
  tokenHash: string;
}

export interface StaffSession {
  tokenHash: string;
  username: string;
  roles: StaffRole[];
  sede?: string;
  createdAt: string;
  expiresAt: string;
}

export interface StationCredential {
  station: string;
  tokenHash: string;
  issuedAt: string;
}

// ---- stations: enrolment and health ----

export interface EnrolmentCode {
  codeHash: string;
  station: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
}

/** What a station's agent last reported in its heartbeat. */
export interface StationStatus {
  station: string;
  lastHeartbeatAt: string;
  agentVersion: string;
  uptimeSeconds: number;
  devices: DeviceHealth;
  /** The kiosk page's health, from agents that report it. */
  page?: PageHealth;
}

// ---- staff accounts: seeded from config/staff.json on first start, then kept here ----

export interface StoredStaffAccount {
  username: string;
  name: string;
  roles: StaffRole[];
  sede?: string;
  /** Links an official's account to their calendar entry. */
  official?: string;
  /** scrypt$N$r$p$salt$hash */
  passwordHash: string;
  /** Set: the account cannot sign in, and its sessions were ended. */
  disabledAt?: string;
  /** A reset password must be changed at the next sign-in. */
  mustChangePassword?: boolean;
  createdAt: string;
  updatedAt: string;
}

// ---- stations: the registry (seeded from config/stations.json), pushed settings, self-tests, alerts ----

export interface StoredStation extends Station {
  /** Pushed to the running station without a restart. */
  settings?: StationSettings;
  /** When `settings` were last pushed (the record's updatedAt also moves on a rename). */
  settingsUpdatedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** One run of a station's self-test, asked for from the console and run by the agent when the kiosk is idle. */
export interface SelfTestRun {
  id: string;
  station: string;
  requestedBy: string;
  requestedAt: string;
  /** Whether to print a test page. */
  print: boolean;
  /** queued: not yet delivered; waiting-idle: the kiosk is serving someone; then running, done or failed. */
  status: 'queued' | 'waiting-idle' | 'running' | 'done' | 'failed';
  /** When the agent said it started (status running). */
  startedAt?: string;
  finishedAt?: string;
  /** The agent's report, as it sent it (validated by the service). */
  result?: unknown;
  error?: string;
}

/** A problem at a station the technicians are told of, by the console and by e-mail. */
export interface StationAlert {
  id: string;
  station: string;
  kind: 'offline' | 'paper-out' | 'device';
  /** What is wrong, in the technicians' words, e.g. "printer: cover-open". */
  detail?: string;
  raisedAt: string;
  /** Set when the station recovered by itself. */
  clearedAt?: string;
  /** When the e-mail saying it was raised, and the one saying it cleared, went out. */
  raisedMailedAt?: string;
  clearedMailedAt?: string;
  /** Since when the problem is known: an offline station's last heartbeat; otherwise `raisedAt`. */
  since?: string;
  /**
   * The e-mail (one alert's, or a digest's id) under way or sent for the raise and for the clearance; a
   * mailer holds it until `mailLeaseUntil`, after which another may take it over. Failed tries since the
   * last sent mail, no new try before `mailRetryAt`, and the last failure.
   */
  raisedMailId?: string;
  clearedMailId?: string;
  mailLeaseUntil?: string;
  mailAttempts?: number;
  mailRetryAt?: string;
  mailError?: string;
}

// ---- statistics: anonymous, kept after the retention job ----

/** One kiosk session as the end screen reports it: nothing that identifies the citizen. */
export interface KioskSessionStat {
  id: string;
  station: string;
  sede: string;
  startedAt: string;
  endedAt: string;
  language: Language;
  /** How the citizen identified, or none. */
  identification: 'cie' | 'cns' | 'barcode' | 'typed' | 'pin' | 'none';
  /** What the session ended with. */
  outcome: 'ticket' | 'video' | 'booking' | 'check-in' | 'information' | 'abandoned';
  service?: string;
  /** The end screen's rating, 1 (bad) to 5 (very good), when given. */
  rating?: number;
}

/**
 * A citizen who left the video waiting room before any official answered (abandonment, for the KPIs):
 * nothing that identifies them. Not written when a call takes the entry, nor for a page replacing itself.
 */
export interface VideoQueueExit {
  entryId: string;
  /** The sede group whose room it was; `sede` the citizen's (the kiosk's, or the web meeting's booking's). */
  group: string;
  sede?: string;
  origin: 'station' | 'web';
  sector: string;
  service: string;
  /** When they joined, and when they left. */
  since: string;
  leftAt: string;
  /** left: they said so (or took a callback instead); disconnected: their page closed. */
  reason: 'left' | 'disconnected';
}

/**
 * The KPIs of one sede and day, computed once the day is over (the KPI service owns `stats`' shape and
 * its `version`; a rollup of another version is computed again).
 */
export interface DayStatsRollup {
  sede: string;
  day: string;
  version: number;
  computedAt: string;
  stats: unknown;
}

// ---- the office's calendar, changed from the console ----

/**
 * A closure of a sede or an official's absence, added by a manager. The bookings it displaced are handled
 * one by one (`pending` → `handled`) so that a server stopped half-way finishes the rest when it starts.
 */
export interface CalendarChange {
  id: string;
  sede: string;
  kind: 'closure' | 'absence';
  /** absence: whose hours are removed. */
  official?: string;
  /** YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  /** Part of a day only (HH:MM, sede time); the whole day when absent. */
  hours?: { from: string; to: string };
  reason: string;
  /** offer: the citizen gets an SMS with a link to choose a new time; move: to the nearest free slot. */
  rebooking: 'offer' | 'move';
  createdBy: string;
  createdAt: string;
  /** Booking codes still to handle. */
  pending: string[];
  handled: {
    code: string;
    /** cancelled: the booking was over before its turn; skipped: it fits again (the change was removed). */
    result: 'offered' | 'moved' | 'cancelled' | 'skipped';
    newStart?: string;
    at: string;
  }[];
  removedAt?: string;
  removedBy?: string;
}

// ---- several server instances: who is running, and where each video party's socket is ----

/**
 * A running server instance. It renews `aliveUntil` every few seconds; one past it (killed, frozen, cut off
 * from the database) is dead: its citizens leave the waiting room and its calls end. lowdb, one process,
 * keeps these in memory.
 */
export interface ServerInstance {
  id: string;
  startedAt: string;
  aliveUntil: string;
}

/** An official connected to the video hub of `instance`, as every instance's matching and estimates see them. */
export interface VideoPresence {
  official: string;
  instance: string;
  group: string;
  sectors: string[];
  status: OfficialStatus;
  since: string;
}

/** A waiting room entry as kept: the instances holding the citizen's socket and, in a call, the official's. */
export interface StoredQueueEntry extends QueueEntry {
  instance?: string;
  officialInstance?: string;
}

// ---- audit: every time staff receive a citizen's personal data ----

/** One audit event. Never personal data in clear: the subject is a booking code, a call id, … */
export interface AuditEvent {
  at: string;
  /** The staff username (or station id) who received the data. */
  actor: string;
  /** What happened, e.g. `video.call.citizen-data`. */
  action: string;
  subject: string;
  details?: Record<string, string | number | boolean>;
}

/** Reads see every committed write and, within a transaction, that transaction's own writes. */
export interface StoreReader extends OutboxReader, TeamsMeetingReader {
  bookingByCode(code: string): Promise<StoredBooking | undefined>;
  /** Every booking whose slot starts on that day (sede's local date), whatever its status. */
  bookingsOfDay(sede: string, day: string): Promise<StoredBooking[]>;
  /**
   * The booked (active) bookings of that day as capacity counts them, not to be changed: what availability and
   * taking a slot read on every request, kept by the store rather than copied from the day's bookings each time
   * (lowdb: a list per day file, made again after a write to that day; PostgreSQL: on the (sede, day) index).
   * A list once answered is never answered again for that day after it changed, so the same list means the
   * same booked times (availability keeps its answers on that).
   */
  bookedTimesOfDay(sede: string, day: string): Promise<readonly BookedTime[]>;
  /**
   * Every booking of one person starting on `fromDay` (Rome) or later, in any sede, whatever its status,
   * by start; none once the retention job has removed the codice fiscale. The person's other
   * appointments, checked in the transaction that takes a slot. In PostgreSQL, on an index on
   * (codice_fiscale, start):
   *   SELECT * FROM bookings WHERE codice_fiscale = $1
   *     AND start >= ($2::date::timestamp AT TIME ZONE 'Europe/Rome') ORDER BY start, code
   * (lowdb: from the hot days on, a week back, which holds every booking still to come.)
   */
  bookingsOfCitizen(codiceFiscale: string, fromDay: string): Promise<StoredBooking[]>;
  /** A sede's tickets of that day, in issue order. Finished ones stay: they are the day's statistics. */
  ticketsOfDay(sede: string, day: string): Promise<StoredTicket[]>;
  /** The counters of a sede that were opened that day (a counter never opened has no state). */
  counterStatesOfDay(sede: string, day: string): Promise<CounterState[]>;
  boardByTokenHash(tokenHash: string): Promise<StoredBoard | undefined>;
  /** Every registered board, of every sede. */
  boards(): Promise<StoredBoard[]>;
  sessionByTokenHash(tokenHash: string): Promise<StaffSession | undefined>;
  stationByTokenHash(tokenHash: string): Promise<StationCredential | undefined>;
  enrolmentCode(codeHash: string): Promise<EnrolmentCode | undefined>;
  /** Which stations hold a credential, and since when (never the hashes): the fleet's "enrolled" column. */
  stationCredentials(): Promise<Omit<StationCredential, 'tokenHash'>[]>;
  stationStatuses(): Promise<StationStatus[]>;
  /** One station's last heartbeat: what a look at that one station reads, whatever the fleet's size. */
  stationStatus(station: string): Promise<StationStatus | undefined>;
  /** The video waiting room: every entry, waiting or in a call, of every sede group. */
  videoQueue(): Promise<StoredQueueEntry[]>;
  /** A recorded video call (lowdb: found by id for calls of the last month; older ones by day). */
  callRecord(callId: string): Promise<CallRecord | undefined>;
  /** The calls of a sede group that started on that day (Rome), in the order they started. */
  callRecordsOfDay(group: string, day: string): Promise<CallRecord[]>;
  /** Audit events of that day (Rome), oldest first. */
  auditOfDay(day: string): Promise<AuditEvent[]>;
  staffAccount(username: string): Promise<StoredStaffAccount | undefined>;
  /** Every account, by username. */
  staffAccounts(): Promise<StoredStaffAccount[]>;
  station(id: string): Promise<StoredStation | undefined>;
  /** Every station, by id. */
  stations(): Promise<StoredStation[]>;
  selfTestRun(id: string): Promise<SelfTestRun | undefined>;
  /** A station's self-tests, newest first (at least the last 10 are kept). */
  selfTestRuns(station: string): Promise<SelfTestRun[]>;
  /**
   * The newest self-test of every station that has one, by station: the fleet view's column, read once
   * for the whole fleet. In PostgreSQL:
   *   SELECT DISTINCT ON (station) * FROM self_test_runs ORDER BY station, requested_at DESC
   */
  latestSelfTestRuns(): Promise<SelfTestRun[]>;
  /** Alerts not yet cleared, and those cleared after `clearedSince` (ISO), newest first. */
  alerts(clearedSince: string, station?: string): Promise<StationAlert[]>;
  /**
   * Citizens who left a sede group's video waiting room unanswered on that day (Rome), in the order they left:
   *   SELECT * FROM video_queue_exits WHERE "group" = $1
   *     AND left_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Rome')
   *     AND left_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Rome') ORDER BY left_at
   */
  videoQueueExitsOfDay(group: string, day: string): Promise<VideoQueueExit[]>;
  /** Kiosk sessions of a sede that ended on that day (Rome). */
  kioskSessionsOfDay(sede: string, day: string): Promise<KioskSessionStat[]>;
  /** The rollups of a sede for days from `fromDay` to `toDay`, both inclusive, by day. */
  dayStats(sede: string, fromDay: string, toDay: string): Promise<DayStatsRollup[]>;
  calendarChange(id: string): Promise<CalendarChange | undefined>;
  /** A sede's calendar changes (removed ones too), newest first; every sede's without `sede`. */
  calendarChanges(sede?: string): Promise<CalendarChange[]>;
  /** Every server instance that registered and has not been removed, live or not (see ServerInstance). */
  serverInstances(): Promise<ServerInstance[]>;
  /** Every official's presence row, by official; counted only while its instance is alive. */
  videoPresence(): Promise<VideoPresence[]>;
}

export interface StoreTx extends StoreReader, OutboxWriter, TeamsMeetingWriter {
  /** A taken code rejects with DuplicateKeyError: this call or, where the store writes it later, the transaction. */
  insertBooking(booking: StoredBooking): Promise<void>;
  /** Replaces the booking with the same code; moves it when its day changed. */
  updateBooking(booking: StoredBooking): Promise<void>;
  /** The next number for this sede, day and prefix: 1, 2, 3… never reused. */
  nextTicketNumber(sede: string, day: string, prefix: string): Promise<number>;
  insertTicket(ticket: StoredTicket): Promise<void>;
  /**
   * Replaces the ticket with the same id (same sede and day). "Call next" reads the day's tickets and
   * updates one inside one transaction, so two counters never get the same ticket. In PostgreSQL:
   *   UPDATE tickets SET status = 'called', counter = $1, … WHERE id = (SELECT id FROM tickets
   *     WHERE sede = $2 AND day = $3 AND status = 'waiting' AND service = ANY($4)
   *     ORDER BY <the office's rule> LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *
   */
  updateTicket(ticket: StoredTicket): Promise<void>;
  /** Inserts or replaces the state of one counter for one day. */
  putCounterState(state: CounterState & { day: string }): Promise<void>;
  /** Inserts or replaces (same id) a board. */
  putBoard(board: StoredBoard): Promise<void>;
  /** Removes a board: its key stops working at once. False if there was none. */
  deleteBoard(id: string): Promise<boolean>;
  /**
   * Announces a change on a channel (e.g. `floor:rovigo`) to every listener of every instance, once the
   * transaction has committed and never if it rolls back: PostgreSQL's NOTIFY inside the transaction.
   */
  notify(channel: string, payload: string): void;
  insertSession(session: StaffSession): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** One credential per station: a new one replaces the old. */
  putStationCredential(credential: StationCredential): Promise<void>;
  /** Inserts a code, or replaces the one with the same hash (to mark it used). */
  putEnrolmentCode(code: EnrolmentCode): Promise<void>;
  /**
   * Inserts or replaces a station's last heartbeat; stationStatuses() answers the latest at once. It may
   * reach the disk after its transaction resolves (lowdb writes heartbeats behind, within seconds: a crash
   * loses at most those, and each station repeats itself every 30 s). In PostgreSQL an UPSERT:
   *   INSERT INTO station_statuses … ON CONFLICT (station) DO UPDATE SET …
   */
  putStationStatus(status: StationStatus): Promise<void>;
  /**
   * Inserts or replaces (same id) a video queue entry. A match reads the waiting entries and marks one
   * in-call inside one transaction, so two officials never take the same citizen. In PostgreSQL:
   *   UPDATE video_queue SET status = 'in-call', official = $1, call_id = $2
   *   WHERE id = (SELECT id FROM video_queue WHERE … ORDER BY … LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *
   */
  putVideoQueueEntry(entry: StoredQueueEntry): Promise<void>;
  /** Removes an entry; false if there was none. */
  deleteVideoQueueEntry(id: string): Promise<boolean>;
  /** Inserts or replaces (same callId) a call record; it stays filed under the day it started. */
  putCallRecord(record: CallRecord): Promise<void>;
  /** Appends to the audit log; written with the change that disclosed the data, or not at all. */
  appendAudit(event: AuditEvent): Promise<void>;
  /** Inserts or replaces (same username) an account. */
  putStaffAccount(account: StoredStaffAccount): Promise<void>;
  /** Ends every session of that person at once; answers how many. */
  deleteSessionsOf(username: string): Promise<number>;
  /** Inserts or replaces (same id) a station. */
  putStation(station: StoredStation): Promise<void>;
  /** Revokes a station's credential: its agent is refused from now on. False if it had none. */
  deleteStationCredential(station: string): Promise<boolean>;
  /** Inserts or replaces (same id) a self-test run. */
  putSelfTestRun(run: SelfTestRun): Promise<void>;
  /** Inserts or replaces (same id) an alert. */
  putAlert(alert: StationAlert): Promise<void>;
  /**
   * Files a waiting room exit under the day it happened (Rome); an entry already filed is left as it is
   * (INSERT … ON CONFLICT (entry_id) DO NOTHING).
   */
  appendVideoQueueExit(exit: VideoQueueExit): Promise<void>;
  /** Rejects with DuplicateKeyError when the id is taken. */
  appendKioskSession(session: KioskSessionStat): Promise<void>;
  /** Inserts or replaces the rollup of that sede and day. */
  putDayStats(rollup: DayStatsRollup): Promise<void>;
  /** Inserts or replaces (same id) a calendar change. */
  putCalendarChange(change: CalendarChange): Promise<void>;
  /** Registers or renews (same id) an instance's liveness. */
  putServerInstance(instance: ServerInstance): Promise<void>;
  /** Forgets an instance; false if there was none. */
  deleteServerInstance(id: string): Promise<boolean>;
  /** Inserts or replaces (same official) an official's presence: the newest connection wins. */
  putVideoPresence(presence: VideoPresence): Promise<void>;
  /** Removes an official's presence only if `instance` still holds it; false otherwise. */
  deleteVideoPresence(official: string, instance: string): Promise<boolean>;
}

export interface RetentionResult {
  bookings: number;
  tickets: number;
  /** Finished outbox messages whose number and text were blanked. */
  messages: number;
  /** Call records whose citizen, assistant's name and notes were removed. */
  calls: number;
}

export interface Store extends OutboxStore, SharedLimits, TeamsMeetingStore {
  read<T>(fn: (reader: StoreReader) => Promise<T>): Promise<T>;
  /** Runs fn alone against the store: all its writes land, or none does (fn threw). */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Removes personal data from bookings, tickets, call records and finished outbox messages of days
   * before `beforeDay`.
   */
  removePersonalData(beforeDay: string, now: Date): Promise<RetentionResult>;
  /**
   * Calls fn with each payload notified on the channel after its transaction committed (LISTEN). Delivery
   * is at most once and not replayed after a reconnection: listeners re-read the store when they need to.
   * Answers the function that stops listening.
   */
  listen(channel: string, fn: (payload: string) => void): () => void;
  /**
   * Calls fn each time notifications may have been missed (PostgreSQL: the listening connection is back
   * after a loss; lowdb: never). Whoever keeps state from notifications reads the store again then.
   */
  onResync(fn: () => void): () => void;
  /** Resolves when the store can be read and written; /readyz calls it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  constructor(what: string) {
    super(`duplicate ${what}`);
    this.name = 'DuplicateKeyError';
  }
}

/** What the retention job leaves of a citizen: nothing that identifies them. */
export const REMOVED = '[rimosso]';

// ---- outbox: SMS to send, written in the same transaction as the booking change causing them ----
//
// A worker claims due messages with a lease, sends them, then completes or fails each. A worker that
// dies leaves its lease to expire, and a successor takes the message over (sending it again: the
// message id is the provider's idempotency key). In PostgreSQL the claim is one statement, safe with
// several server instances:
//   UPDATE outbox SET lease_worker = $worker, lease_until = $now + $lease, attempts = attempts + 1
//   WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND due_at <= $now
//                  AND (lease_until IS NULL OR lease_until <= $now)
//                ORDER BY due_at LIMIT $limit FOR UPDATE SKIP LOCKED)
//   RETURNING *

export interface OutboxMessage {
  /** A UUID; also the idempotency key given to the provider. */
  id: string;
  kind: MessageKind;
  bookingCode: string;
  /** E.164. Personal data: blanked by the retention job. */
  to: string;
  language: Language;
  /**
   * The SMS as it will be sent, rendered when enqueued (a web meeting's admission code exists in
   * clear only then). Personal data: blanked by the retention job.
   */
  text: string;
  /** The appointment start the message speaks of; a reminder for a moved or past slot is dropped. */
  slotStart: string;
  status: MessageStatus;
  /** Not sent before this instant (ISO, UTC); a retry moves it later. */
  dueAt: string;
  createdAt: string;
  /** Tries so far, counted when a worker claims the message. */
  attempts: number;
  /** Held by a worker until `until` (ISO, UTC). */
  lease?: { worker: string; until: string };
  lastError?: string;
  providerMessageId?: string;
  /** When it became sent, dead or cancelled. */
  finishedAt?: string;
  personalDataRemovedAt?: string;
}

/** What a service enqueues; the store adds status and attempts. */
export type NewOutboxMessage = Pick<
  OutboxMessage,
  'id' | 'kind' | 'bookingCode' | 'to' | 'language' | 'text' | 'slotStart' | 'dueAt' | 'createdAt'
>;

export interface MessageQuery {
  status: MessageStatus;
  /** Without it, finished messages may be looked for only around recent appointments (lowdb: a month). */
  bookingCode?: string;
  /** Soonest due first for pending messages, most recently finished first for the others. */
  limit: number;
}

export interface ClaimOptions {
  now: Date;
  limit: number;
  leaseMs: number;
  /** Names the claimant; only it may fail the message while it holds the lease. */
  worker: string;
}

export type FailOutcome =
  | { now: Date; error: string; retryAt: Date }
  /** Gives up: dead after too many tries or a permanent refusal; cancelled when no longer wanted. */
  | { now: Date; error: string; final: 'dead' | 'cancelled' };

/** The pending queue at an instant: what is due and waiting, what is scheduled later. */
export interface PendingSummary {
  due: number;
  scheduled: number;
  /** The earliest dueAt among the due messages; absent when none is due. */
  oldestDueAt?: string;
}

export interface OutboxReader {
  outboxMessages(query: MessageQuery): Promise<OutboxMessage[]>;
  /**
   * Counts of pending messages due by `now` and due later, and the oldest due one (the admin's queue
   * depth and its age). In PostgreSQL, on an index on (status, due_at):
   *   SELECT count(*) FILTER (WHERE due_at <= $1), count(*) FILTER (WHERE due_at > $1),
   *          min(due_at) FILTER (WHERE due_at <= $1) FROM outbox WHERE status = 'pending'
   */
  pendingSummary(now: Date): Promise<PendingSummary>;
}

export interface OutboxWriter {
  /** A taken id rejects with DuplicateKeyError: this call or, where the store writes it later, the transaction. */
  enqueueMessage(message: NewOutboxMessage): Promise<void>;
  /** Cancels the booking's pending messages of these kinds (leased ones too); answers how many. */
  cancelPendingMessages(bookingCode: string, kinds: readonly MessageKind[], now: Date): Promise<number>;
  /**
   * An admin's decision on a dead letter: `retry` puts it back to pending, due now, with its tries counted
   * from zero; `cancel` marks it cancelled. False unless the message exists and is dead.
   */
  resolveDeadMessage(id: string, action: 'retry' | 'cancel', now: Date): Promise<boolean>;
  /**
   * Makes a pending message held for later (a web meeting's confirmation waiting for its Teams meeting) due
   * at `now`. False unless it is pending, due later and under no live lease.
   */
  releaseMessage(id: string, now: Date): Promise<boolean>;
}

export interface OutboxStore {
  /**
   * Atomically leases up to `limit` pending messages due by `now` whose lease is absent or expired,
   * soonest due first, counting an attempt on each. Concurrent claims never share a message.
   */
  claimDueMessages(options: ClaimOptions): Promise<OutboxMessage[]>;
  /** Marks a pending message sent, whoever holds the lease (it did go out); false if not pending. */
  completeMessage(id: string, result: { now: Date; providerMessageId?: string }): Promise<boolean>;
  /** Reschedules or finishes a message; ignored (false) unless `worker` holds its lease. */
  failMessage(id: string, worker: string, outcome: FailOutcome): Promise<boolean>;
}

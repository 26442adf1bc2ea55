// The store for several server instances: PostgreSQL through node-postgres. Records are kept whole as jsonb
// beside the columns they are found by (migrations/). Transactions run at READ COMMITTED; a read inside a
// transaction locks what a decision is taken on (a day's bookings or tickets, a citizen's bookings, the
// video queue: an advisory lock per partition, as lowdb runs one transaction at a time; one record: FOR
// UPDATE), so a slot's capacity, "call next" and the video match are decided by one instance at a time,
// and every other read and write runs in parallel.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { romeDayOf, romeDayOfIso as localDay } from '../../calendar/rome-time.ts';
import pg from 'pg';
import type { CallRecord, CounterState, QueueEntry } from '@sportello/protocol';
import { listenSafely } from '../listen-safely.ts';
import { removeFromBooking, removeFromCallRecord, removeFromTicket } from '../personal-data.ts';
import {
  DuplicateKeyError,
  REMOVED,
  type AuditEvent,
  type CalendarChange,
  type ClaimOptions,
  type DayStatsRollup,
  type EnrolmentCode,
  type FailOutcome,
  type KioskSessionStat,
  type MessageQuery,
  type OutboxMessage,
  type RetentionResult,
  type SelfTestRun,
  type StaffSession,
  type StationAlert,
  type StationCredential,
  type StationStatus,
  type Store,
  type StoredBoard,
  type StoredBooking,
  type StoredStaffAccount,
  type StoredStation,
  type StoredTicket,
  type StoreReader,
  type StoreTx,
  type VideoQueueExit,
} from '../store.ts';
import type { HitCount, SharedLimits } from '../limits.ts';
import { instancesReader, instancesWriter } from './pg-instances.ts';
import { claimTeamsMeetings, teamsReader, teamsWriter } from './pg-teams.ts';
import type { TeamsClaimOptions, TeamsMeeting } from '../teams-meetings.ts';
import { pgLimits } from './pg-limits.ts';
import { PgListener, RESYNC } from './pg-listener.ts';
import { duplicateAsKeyError, HeldWrites } from './pg-held-writes.ts';
import { PgReadCache, READ_CACHE_CHANNEL } from './pg-read-cache.ts';
import { pendingMigrations, SchemaBehindError } from './schema.ts';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** A schema other than public (tests give each store its own). */
  schema?: string;
  /** Connections of this instance's pool. */
  poolSize?: number;
  now?: () => Date;
  /** Told when the listening connection is lost and when it is back. */
  onListenerState?: (state: 'lost' | 'listening', error?: unknown) => void;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

const SELF_TESTS_KEPT = 10;
const ALERTS_KEPT_DAYS = 92;
/** Finished messages are listed, without a booking code, from the appointments of this many days ago on. */
const LIST_DAYS_BACK = 31;
/** Tries of a transaction that PostgreSQL aborted for a deadlock or a serialization failure. */
const TX_TRIES = 5;
/** The one PostgreSQL channel every store channel travels on. */
export const PG_CHANNEL = 'sportello_events';
/** Schemas share a database's notifications: each schema's store listens on a channel of its own. */
const pgChannelOf = (schema: string | undefined) => (schema ? `${PG_CHANNEL}_${schema}` : PG_CHANNEL);
/** NOTIFY's payload limit is 8,000 bytes; longer ones are stored and their id notified. */
const NOTIFY_INLINE_BYTES = 7_000;

export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly now: () => Date;
  private readonly channels = new EventEmitter().setMaxListeners(0);
  private listener: PgListener | undefined;
  private closed = false;
  /** Booked times and calendar changes as availability reads them, dropped on notification. */
  private readonly cache = new PgReadCache();
  /** The reader of reads outside transactions: made once, not per request. */
  private poolReader: StoreReader | undefined;
  private readonly limits: SharedLimits;

  private constructor(private readonly options: PostgresStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
    });
    // An idle connection that breaks (the server restarted) is dropped from the pool, not thrown.
    this.pool.on('error', () => undefined);
    // One that breaks while checked out fails the query under way; its 'error' event, unheard, would end the
    // process (seen when PostgreSQL stopped under load).
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.limits = pgLimits(this.pool);
  }

  /** Opens the store; refuses a database whose schema is behind (SchemaBehindError). */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pending = await pendingMigrations({
      url: options.url,
      ...(options.schema ? { schema: options.schema } : {}),
    });
    if (pending.length > 0) throw new SchemaBehindError(pending);
    const store = new PostgresStore(options);
    store.listener = new PgListener({
      url: options.url,
      channel: pgChannelOf(options.schema),
      onPayload: (raw) => store.deliver(raw),
      onState: (state, error) => {
        store.cache.setListening(state === 'listening');
        options.onListenerState?.(state, error);
      },
    });
    await store.listener.start();
    return store;
  }

  // ---- Store ----

  read<T>(fn: (reader: StoreReader) => Promise<T>): Promise<T> {
    this.assertOpen();
    return fn((this.poolReader ??= this.reader(this.pool, false)));
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    this.assertOpen();
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const db = beginWithFirstStatement(client);
      const notifications: [string, string][] = [];
      const held = new HeldWrites();
      let broken: Error | undefined;
      try {
        const result = await fn(this.writer(held.flushingFirst(db), notifications, held));
        await this.commit(db, notifications, held.take());
        // This instance's reads see the change at once; the others' when the notification reaches them.
        for (const [channel, key] of notifications)
          if (channel === READ_CACHE_CHANNEL) this.cache.invalidate(key);
        return result;
      } catch (error) {
        if (db.begun)
          await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        if (attempt < TX_TRIES && isRetryable(error)) continue;
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  listen(channel: string, fn: (payload: string) => void): () => void {
    return listenSafely(this.channels, channel, fn);
  }

  /**
   * Called each time the listening connection is back after a loss: notifications sent meanwhile are not
   * replayed, so whoever keeps state from them reads the store again.
   */
  onResync(fn: () => void): () => void {
    this.channels.on(RESYNC, fn);
    return () => void this.channels.off(RESYNC, fn);
  }

  async removePersonalData(beforeDay: string, now: Date): Promise<RetentionResult> {
    const stamp = now.toISOString();
    const result: RetentionResult = { bookings: 0, tickets: 0, messages: 0, calls: 0 };
    this.assertOpen();
    // Days before the last run's cut-off were done then (as lowdb skips them).
    const meta = await this.pool.query<{ value: string }>(
      `SELECT value FROM store_meta WHERE key = 'retentionDoneBefore'`,
    );
    const from = meta.rows[0]?.value ?? '';
    // In one transaction: the job is done whole or not at all.
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const bookings = await client.query<{ doc: StoredBooking }>(
        `SELECT doc FROM bookings WHERE day < $1 AND day >= $2 AND doc->>'personalDataRemovedAt' IS NULL FOR UPDATE`,
        [beforeDay, from],
      );
      for (const { doc } of bookings.rows)
        if (removeFromBooking(doc, stamp)) {
          await client.query(`UPDATE bookings SET codice_fiscale = $2, doc = $3 WHERE code = $1`, [
            doc.code,
            REMOVED,
            doc,
          ]);
          result.bookings++;
        }
      const tickets = await client.query<{ doc: StoredTicket }>(
        `SELECT doc FROM tickets WHERE day < $1 AND day >= $2 AND doc->>'personalDataRemovedAt' IS NULL FOR UPDATE`,
        [beforeDay, from],
      );
      for (const { doc } of tickets.rows)
        if (removeFromTicket(doc, stamp)) {
          await client.query(`UPDATE tickets SET doc = $2 WHERE id = $1`, [doc.id, doc]);
          result.tickets++;
        }
      const calls = await client.query<{ doc: CallRecord }>(
        `SELECT doc FROM call_records WHERE day < $1 AND day >= $2 FOR UPDATE`,
        [beforeDay, from],
      );
      for (const { doc } of calls.rows)
        if (removeFromCallRecord(doc)) {
          await client.query(`UPDATE call_records SET doc = $2 WHERE call_id = $1`, [doc.callId, doc]);
          result.calls++;
        }
      const messages = await client.query(
        `UPDATE outbox SET doc = doc || jsonb_build_object('to', $3::text, 'text', $3::text, 'personalDataRemovedAt', $4::text)
         WHERE status <> 'pending' AND slot_day < $1 AND slot_day >= $2 AND doc->>'personalDataRemovedAt' IS NULL`,
        [beforeDay, from, REMOVED, stamp],
      );
      result.messages = messages.rowCount ?? 0;
      await client.query(
        `INSERT INTO store_meta (key, value) VALUES ('retentionDoneBefore', $1)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [beforeDay],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return result;
  }

  // ---- outbox claims: single statements, safe across instances ----

  async claimDueMessages({ now, limit, leaseMs, worker }: ClaimOptions): Promise<OutboxMessage[]> {
    this.assertOpen();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const { rows } = await this.pool.query<{ doc: OutboxMessage }>(
      `UPDATE outbox o SET lease_until = $2,
         doc = o.doc || jsonb_build_object('lease', jsonb_build_object('worker', $3::text, 'until', $2::text),
                                           'attempts', (o.doc->>'attempts')::int + 1)
       WHERE o.id IN (SELECT id FROM outbox WHERE status = 'pending' AND due_at <= $1
                        AND (lease_until IS NULL OR lease_until <= $1)
                      ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING o.doc`,
      [nowIso, until, worker, limit],
    );
    return rows.map((r) => r.doc).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  }

  claimTeamsMeetings(options: TeamsClaimOptions): Promise<TeamsMeeting[]> {
    this.assertOpen();
    return claimTeamsMeetings(this.pool, options);
  }

  async completeMessage(id: string, result: { now: Date; providerMessageId?: string }): Promise<boolean> {
    this.assertOpen();
    const finishedAt = result.now.toISOString();
    const extra =
      result.providerMessageId === undefined ? {} : { providerMessageId: result.providerMessageId };
    const { rowCount } = await this.pool.query(
      `UPDATE outbox SET status = 'sent', finished_at = $2, lease_until = NULL,
         doc = (doc - 'lease') || $3::jsonb
       WHERE id = $1 AND status = 'pending'`,
      [id, finishedAt, { status: 'sent', finishedAt, ...extra }],
    );
    return (rowCount ?? 0) > 0;
  }

  async failMessage(id: string, worker: string, outcome: FailOutcome): Promise<boolean> {
    this.assertOpen();
    const leased = `id = $1 AND status = 'pending' AND doc->'lease'->>'worker' = $2`;
    if ('final' in outcome) {
      const finishedAt = outcome.now.toISOString();
      const { rowCount } = await this.pool.query(
        `UPDATE outbox SET status = $3, finished_at = $4, lease_until = NULL, doc = (doc - 'lease') || $5::jsonb
         WHERE ${leased}`,
        [
          id,
          worker,
          outcome.final,
          finishedAt,
          { status: outcome.final, finishedAt, lastError: outcome.error },
        ],
      );
      return (rowCount ?? 0) > 0;
    }
    const dueAt = outcome.retryAt.toISOString();
    const { rowCount } = await this.pool.query(
      `UPDATE outbox SET due_at = $3, lease_until = NULL, doc = (doc - 'lease') || $4::jsonb WHERE ${leased}`,
      [id, worker, dueAt, { dueAt, lastError: outcome.error }],
    );
    return (rowCount ?? 0) > 0;
  }

  // ---- what db:import-lowdb writes beyond the contract; each safe to run again ----

  async importMeta(key: string, value: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, value],
    );
  }

  /** The last number of each prefix: never lowered, so numbers already given here stay unique. */
  async importTicketNumbers(sede: string, day: string, counters: Record<string, number>): Promise<void> {
    for (const [prefix, last] of Object.entries(counters))
      await this.pool.query(
        `INSERT INTO ticket_numbers (sede, day, prefix, last) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sede, day, prefix) DO UPDATE SET last = GREATEST(ticket_numbers.last, EXCLUDED.last)`,
        [sede, day, prefix, last],
      );
  }

  /** A day of audit events with its marker, in one transaction; false if that day was moved before. */
  async importAuditDay(day: string, events: AuditEvent[]): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const marked = await client.query(
        `INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
        [`imported:audit:${day}`, this.now().toISOString()],
      );
      if (marked.rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      for (const event of events)
        await client.query(`INSERT INTO audit_events (day, doc) VALUES ($1, $2)`, [
          localDay(event.at),
          event,
        ]);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Messages as they stand (pending, sent, dead…), replacing those with the same id. */
  async importMessages(messages: OutboxMessage[]): Promise<void> {
    for (const m of messages)
      await this.pool.query(
        `INSERT INTO outbox (id, status, booking_code, slot_day, due_at, lease_until, finished_at, doc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, due_at = EXCLUDED.due_at,
           lease_until = EXCLUDED.lease_until, finished_at = EXCLUDED.finished_at, doc = EXCLUDED.doc`,
        [
          m.id,
          m.status,
          m.bookingCode,
          romeDayOf(Date.parse(m.slotStart)),
          utc(m.dueAt),
          m.lease?.until ?? null,
          m.finishedAt ?? null,
          m,
        ],
      );
  }

  // ---- limits shared by every instance (pg-limits.ts) ----

  useOnce(key: string, until: Date, now: Date): Promise<boolean> {
    this.assertOpen();
    return this.limits.useOnce(key, until, now);
  }

  countHit(key: string, windowMs: number, now: Date): Promise<HitCount> {
    this.assertOpen();
    return this.limits.countHit(key, windowMs, now);
  }

  uncountHit(key: string, now: Date): Promise<void> {
    this.assertOpen();
    return this.limits.uncountHit(key, now);
  }

  resetHits(key: string): Promise<void> {
    this.assertOpen();
    return this.limits.resetHits(key);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener?.stop();
    await this.pool.end();
  }

  // ---- notifications ----

  /**
   * Writes what the transaction held back (`held`), sends its notifications and commits, in one round trip (a
   * simple query of several statements, the payloads as escaped literals); payloads too long for NOTIFY are
   * stored first.
   */
  private async commit(
    client: Queryable,
    notifications: [string, string][],
    held: string | undefined,
  ): Promise<void> {
    const statements = held === undefined ? [] : [held];
    const notify = (raw: string) =>
      statements.push(`SELECT pg_notify('${pgChannelOf(this.options.schema)}', ${pg.escapeLiteral(raw)})`);
    // Several in one NOTIFY where they fit (a booking sends three): PostgreSQL queues, and every instance's
    // listener receives and reads, one instead of each. Repeats are dropped, as PostgreSQL drops them.
    const distinct = [...new Map(notifications.map((n) => [JSON.stringify(n), n])).values()];
    const batch = `b${JSON.stringify(distinct)}`;
    if (distinct.length > 1 && Buffer.byteLength(batch) <= NOTIFY_INLINE_BYTES) notify(batch);
    else
      for (const [channel, payload] of distinct) {
        let raw = `i${channel}\n${payload}`;
        if (Buffer.byteLength(channel) + Buffer.byteLength(payload) + 2 > NOTIFY_INLINE_BYTES) {
          const { rows } = await client.query<{ id: string }>(
            'INSERT INTO notify_payloads (payload) VALUES ($1) RETURNING id',
            [payload],
          );
          raw = `r${channel}\n${rows[0]!.id}`;
          // Every listener has read a stored payload within seconds; older ones are of no use.
          await client.query(`DELETE FROM notify_payloads WHERE created_at < now() - interval '10 minutes'`);
        }
        notify(raw);
      }
    statements.push('COMMIT');
    await duplicateAsKeyError(client.query(statements.join(';\n')));
  }

  /**
   * One raw notification: inline ('i'), the id of a stored payload ('r', fetched in order by the listener), or
   * a transaction's several at once ('b', a JSON list of [channel, payload]).
   */
  private async deliver(raw: string): Promise<void> {
    if (raw === RESYNC) {
      this.cache.clear();
      this.channels.emit(RESYNC);
      return;
    }
    if (raw[0] === 'b') {
      for (const [channel, payload] of JSON.parse(raw.slice(1)) as [string, string][])
        this.emit(channel, payload);
      return;
    }
    const newline = raw.indexOf('\n');
    if (newline < 1) return;
    const channel = raw.slice(1, newline);
    let payload = raw.slice(newline + 1);
    if (raw[0] === 'r') {
      const { rows } = await this.pool.query<{ payload: string }>(
        'SELECT payload FROM notify_payloads WHERE id = $1',
        [payload],
      );
      if (!rows[0]) return;
      payload = rows[0].payload;
    }
    this.emit(channel, payload);
  }

  private emit(channel: string, payload: string): void {
    if (channel === READ_CACHE_CHANNEL) this.cache.invalidate(payload);
    this.channels.emit(channel, payload);
  }

  // ---- reading and writing records ----

  /** Reads on `db`; inside a transaction (`locking`), reads of what decisions are taken on lock it. */
  private reader(db: Queryable, locking: boolean): StoreReader {
    // Each text is a prepared statement of its own on each connection: parsed and planned once.
    const query = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
      db.query<R>({ name: statementName(text), text, values });
    const docs = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
      (await query<{ doc: T }>(text, params)).rows.map((r) => r.doc);
    const one = async <T>(text: string, params: unknown[]): Promise<T | undefined> =>
      (await docs<T>(text, params))[0];
    const lock = async (...key: string[]) => {
      if (locking) await query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key.join('\u001f')]);
    };
    /**
     * The lock and the read after it in one round trip, where a booking's transaction takes them: two statements
     * of one simple query (parameters as escaped literals). At READ COMMITTED each statement takes its own
     * snapshot, so the read sees whatever the lock's previous holder committed.
     */
    const lockedQuery = async <R extends pg.QueryResultRow>(
      key: string[],
      text: string,
      values: unknown[],
    ) => {
      if (!locking) return query<R>(text, values);
      const results = (await db.query(
        `SELECT pg_advisory_xact_lock(hashtextextended(${pg.escapeLiteral(key.join('\u001f'))}, 0));\n` +
          inlineParameters(text, values),
      )) as unknown as pg.QueryResult<R>[];
      return results[1]!;
    };
    const forUpdate = locking ? ' FOR UPDATE' : '';
    // No spreads in these literals: one makes V8 define each of the many properties after it the slow way, a
    // cost every read and transaction paid; the other parts' methods are assigned beside them.
    const own: Omit<StoreReader, 'serverInstances' | 'videoPresence' | 'teamsMeeting'> = {
      bookingByCode: (code) => one(`SELECT doc FROM bookings WHERE code = $1${forUpdate}`, [code]),
      bookingsOfDay: async (sede, day) => {
        await lock('bookings', sede, day);
        return docs(`SELECT doc FROM bookings WHERE sede = $1 AND day = $2 ORDER BY start, code`, [
          sede,
          day,
        ]);
      },
      bookedTimesOfDay: async (sede, day) => {
        const load = async () => {
          const { rows } = await lockedQuery<{ code: string; sector: string; s: string; e: string }>(
            ['bookings', sede, day],
            `SELECT code, doc->>'sector' AS sector, doc->>'start' AS s, doc->>'end' AS e FROM bookings
              WHERE sede = $1 AND day = $2 AND doc->>'status' = 'booked' ORDER BY start, code`,
            [sede, day],
          );
          return rows.map((r) => ({
            code: r.code,
            sector: r.sector,
            start: Date.parse(r.s),
            end: Date.parse(r.e),
          }));
        };
        return locking ? load() : this.cache.get(PgReadCache.bookedTimesKey(sede, day), load);
      },
      bookingsOfCitizen: async (codiceFiscale, fromDay) => {
        if (codiceFiscale === REMOVED) return [];
        const { rows } = await lockedQuery<{ doc: StoredBooking }>(
          ['citizen', codiceFiscale],
          `SELECT doc FROM bookings WHERE codice_fiscale = $1 AND day >= $2 ORDER BY start, code`,
          [codiceFiscale, fromDay],
        );
        return rows.map((r) => r.doc);
      },
      ticketsOfDay: async (sede, day) => {
        await lock('tickets', sede, day);
        return docs(`SELECT doc FROM tickets WHERE sede = $1 AND day = $2 ORDER BY ord`, [sede, day]);
      },
      counterStatesOfDay: async (sede, day) => {
        await lock('tickets', sede, day);
        return docs<CounterState>(
          `SELECT doc FROM counter_states WHERE sede = $1 AND day = $2 ORDER BY ord`,
          [sede, day],
        );
      },
      boardByTokenHash: (tokenHash) => one(`SELECT doc FROM boards WHERE token_hash = $1`, [tokenHash]),
      boards: () => docs(`SELECT doc FROM boards ORDER BY ord`),
      sessionByTokenHash: (tokenHash) => {
        const load = () =>
          one<StaffSession>(`SELECT doc FROM staff_sessions WHERE token_hash = $1${forUpdate}`, [tokenHash]);
        // Every staff request asks; a session found is kept until it is replaced or ended (invalidated).
        return locking ? load() : this.cache.get(PgReadCache.sessionKey(tokenHash), load, Boolean);
      },
      stationByTokenHash: (tokenHash) =>
        one(`SELECT doc FROM station_credentials WHERE token_hash = $1`, [tokenHash]),
      enrolmentCode: (codeHash) =>
        one(`SELECT doc FROM enrolment_codes WHERE code_hash = $1${forUpdate}`, [codeHash]),
      stationCredentials: async () =>
        (await docs<StationCredential>(`SELECT doc FROM station_credentials ORDER BY ord`)).map(
          ({ station, issuedAt }) => ({ station, issuedAt }),
        ),
      stationStatuses: () => docs(`SELECT doc FROM station_statuses ORDER BY ord`),
      stationStatus: (station) => one(`SELECT doc FROM station_statuses WHERE station = $1`, [station]),
      videoQueue: async () => {
        await lock('video');
        return docs<QueueEntry>(`SELECT doc FROM video_queue ORDER BY ord`);
      },
      callRecord: (callId) => one(`SELECT doc FROM call_records WHERE call_id = $1${forUpdate}`, [callId]),
      callRecordsOfDay: (group, day) =>
        docs(`SELECT doc FROM call_records WHERE grp = $1 AND day = $2 ORDER BY ord`, [group, day]),
      auditOfDay: (day) => docs(`SELECT doc FROM audit_events WHERE day = $1 ORDER BY ord`, [day]),
      staffAccount: (username) =>
        one(`SELECT doc FROM staff_accounts WHERE username = $1${forUpdate}`, [username]),
      // In a transaction the whole list is read to decide (seed once, keep one admin, a new id): one at a time.
      staffAccounts: async () => {
        await lock('staff-accounts');
        return (await docs<StoredStaffAccount>(`SELECT doc FROM staff_accounts`)).sort((a, b) =>
          a.username.localeCompare(b.username),
        );
      },
      station: (id) => one(`SELECT doc FROM stations WHERE id = $1${forUpdate}`, [id]),
      stations: async () => {
        await lock('stations');
        return (await docs<StoredStation>(`SELECT doc FROM stations`)).sort((a, b) =>
          a.id.localeCompare(b.id),
        );
      },
      selfTestRun: (id) => one(`SELECT doc FROM self_test_runs WHERE id = $1${forUpdate}`, [id]),
      selfTestRuns: (station) =>
        docs(`SELECT doc FROM self_test_runs WHERE station = $1 ORDER BY requested_at DESC`, [station]),
      latestSelfTestRuns: async () =>
        (
          await docs<SelfTestRun>(
            `SELECT DISTINCT ON (station) doc FROM self_test_runs ORDER BY station, requested_at DESC`,
          )
        ).sort((a, b) => a.station.localeCompare(b.station)),
      alerts: async (clearedSince, station) => {
        await lock('alerts');
        return docs<StationAlert>(
          `SELECT doc FROM station_alerts WHERE (cleared_at IS NULL OR cleared_at > $1)
             AND ($2::text IS NULL OR station = $2) ORDER BY raised_at DESC`,
          [clearedSince, station ?? null],
        );
      },
      videoQueueExitsOfDay: (group, day) =>
        docs(`SELECT doc FROM video_queue_exits WHERE grp = $1 AND day = $2 ORDER BY ord`, [group, day]),
      kioskSessionsOfDay: (sede, day) =>
        docs(`SELECT doc FROM kiosk_sessions WHERE sede = $1 AND day = $2 ORDER BY ord`, [sede, day]),
      dayStats: (sede, fromDay, toDay) =>
        docs<DayStatsRollup>(
          `SELECT doc FROM day_stats WHERE sede = $1 AND day >= $2 AND day <= $3 ORDER BY day`,
          [sede, fromDay, toDay],
        ),
      calendarChange: (id) => one(`SELECT doc FROM calendar_changes WHERE id = $1${forUpdate}`, [id]),
      calendarChanges: (sede) => {
        const load = () =>
          docs<CalendarChange>(
            `SELECT doc FROM calendar_changes WHERE ($1::text IS NULL OR sede = $1) ORDER BY created_at DESC`,
            [sede ?? null],
          );
        // Inside a transaction its own changes must show: read the table.
        return locking ? load() : this.cache.get(PgReadCache.calendarChangesKey(sede), load);
      },
      outboxMessages: ({ status, bookingCode, limit }: MessageQuery) => {
        if (status === 'pending')
          return docs<OutboxMessage>(
            `SELECT doc FROM outbox WHERE status = 'pending' AND ($1::text IS NULL OR booking_code = $1)
             ORDER BY due_at LIMIT $2`,
            [bookingCode ?? null, limit],
          );
        // A message finishes before its appointment or soon after it: recent and coming days hold the news.
        const from =
          bookingCode === undefined ? romeDayOf(this.now().getTime() - LIST_DAYS_BACK * 86_400_000) : '';
        return docs<OutboxMessage>(
          `SELECT doc FROM outbox WHERE status = $1 AND ($2::text IS NULL OR booking_code = $2) AND slot_day >= $3
           ORDER BY finished_at DESC LIMIT $4`,
          [status, bookingCode ?? null, from, limit],
        );
      },
      pendingSummary: async (now) => {
        const { rows } = await db.query<{ due: string; scheduled: string; oldest: string | null }>(
          `SELECT count(*) FILTER (WHERE due_at <= $1) AS due, count(*) FILTER (WHERE due_at > $1) AS scheduled,
                  min(due_at) FILTER (WHERE due_at <= $1) AS oldest
           FROM outbox WHERE status = 'pending'`,
          [now.toISOString()],
        );
        const row = rows[0]!;
        return {
          due: Number(row.due),
          scheduled: Number(row.scheduled),
          ...(row.oldest ? { oldestDueAt: row.oldest } : {}),
        };
      },
    };
    return Object.assign(own, instancesReader(db), teamsReader(db, locking)) satisfies StoreReader;
  }

  private writer(db: Queryable, notifications: [string, string][], held: HeldWrites): StoreTx {
    const run = async (text: string, values: unknown[]) =>
      (await db.query({ name: statementName(text), text, values })).rowCount ?? 0;
    /** Every instance drops what it keeps of this entry once the transaction commits (pg-read-cache.ts). */
    const invalidate = (key: string) => void notifications.push([READ_CACHE_CHANNEL, key]);
    const nowIso = () => this.now().toISOString();
    const own: Omit<
      StoreTx,
      keyof StoreReader | keyof ReturnType<typeof instancesWriter> | keyof ReturnType<typeof teamsWriter>
    > = {
      insertBooking: async (booking: StoredBooking) => {
        // Written with the transaction's next statement or its commit (pg-held-writes.ts).
        held.insertBooking(booking);
        invalidate(PgReadCache.bookedTimesKey(booking.sede, localDay(booking.start)));
      },
      updateBooking: async (booking) => {
        const day = localDay(booking.start);
        // The day it was on too (a move changes it), read from the row before the update.
        const { rows } = await db.query<{ sede: string; day: string }>({
          name: 'update-booking',
          text: `UPDATE bookings b SET sede = $2, day = $3, start = $4, codice_fiscale = $5, doc = $6
                 FROM (SELECT code, sede, day FROM bookings WHERE code = $1 FOR UPDATE) old
                 WHERE b.code = old.code RETURNING old.sede, old.day`,
          values: [booking.code, booking.sede, day, booking.start, booking.citizen.codiceFiscale, booking],
        });
        if (!rows[0]) throw new Error(`no booking ${booking.code} to update`);
        invalidate(PgReadCache.bookedTimesKey(rows[0].sede, rows[0].day));
        invalidate(PgReadCache.bookedTimesKey(booking.sede, day));
      },
      nextTicketNumber: async (sede, day, prefix) => {
        // The row lock of the UPSERT orders concurrent issuers; a rollback gives the number back: no gaps.
        const { rows } = await db.query<{ last: number }>(
          `INSERT INTO ticket_numbers (sede, day, prefix, last) VALUES ($1, $2, $3, 1)
           ON CONFLICT (sede, day, prefix) DO UPDATE SET last = ticket_numbers.last + 1 RETURNING last`,
          [sede, day, prefix],
        );
        return rows[0]!.last;
      },
      insertTicket: async (ticket: StoredTicket) => {
        const inserted = await run(
          `INSERT INTO tickets (id, sede, day, doc) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
          [ticket.id, ticket.sede, ticket.day, ticket],
        );
        if (inserted === 0) throw new DuplicateKeyError('ticket id');
      },
      updateTicket: async (ticket) => {
        const updated = await run(`UPDATE tickets SET doc = $2 WHERE id = $1`, [ticket.id, ticket]);
        if (updated === 0) throw new Error(`no ticket ${ticket.id} to update`);
      },
      putCounterState: async ({ day, ...state }) => {
        await run(
          `INSERT INTO counter_states (sede, day, counter, doc) VALUES ($1, $2, $3, $4)
           ON CONFLICT (sede, day, counter) DO UPDATE SET doc = EXCLUDED.doc`,
          [state.sede, day, state.counter, state],
        );
      },
      putBoard: async (board: StoredBoard) => {
        await run(
          `INSERT INTO boards (id, token_hash, doc) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, doc = EXCLUDED.doc`,
          [board.id, board.tokenHash, board],
        );
      },
      deleteBoard: async (id) => (await run(`DELETE FROM boards WHERE id = $1`, [id])) > 0,
      notify: (channel, payload) => void notifications.push([channel, payload]),
      insertSession: async (session: StaffSession) => {
        // Expired sessions are dropped here so the table stays small.
        await run(`DELETE FROM staff_sessions WHERE expires_at <= $1`, [nowIso()]);
        await run(
          `INSERT INTO staff_sessions (token_hash, username, expires_at, doc) VALUES ($1, $2, $3, $4)
           ON CONFLICT (token_hash) DO UPDATE SET username = EXCLUDED.username, expires_at = EXCLUDED.expires_at,
             doc = EXCLUDED.doc`,
          [session.tokenHash, session.username, session.expiresAt, session],
        );
        invalidate(PgReadCache.sessionKey(session.tokenHash));
      },
      deleteSession: async (tokenHash) => {
        await run(`DELETE FROM staff_sessions WHERE token_hash = $1`, [tokenHash]);
        invalidate(PgReadCache.sessionKey(tokenHash));
      },
      putStationCredential: async (credential: StationCredential) => {
        await run(
          `INSERT INTO station_credentials (station, token_hash, doc) VALUES ($1, $2, $3)
           ON CONFLICT (station) DO UPDATE SET token_hash = EXCLUDED.token_hash, doc = EXCLUDED.doc`,
          [credential.station, credential.tokenHash, credential],
        );
      },
      putEnrolmentCode: async (code: EnrolmentCode) => {
        // Expired codes are of no use to anyone.
        await run(`DELETE FROM enrolment_codes WHERE expires_at <= $1 AND code_hash <> $2`, [
          nowIso(),
          code.codeHash,
        ]);
        await run(
          `INSERT INTO enrolment_codes (code_hash, expires_at, doc) VALUES ($1, $2, $3)
           ON CONFLICT (code_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at, doc = EXCLUDED.doc`,
          [code.codeHash, code.expiresAt, code],
        );
      },
      putStationStatus: async (status: StationStatus) => {
        await run(
          `INSERT INTO station_statuses (station, doc) VALUES ($1, $2)
           ON CONFLICT (station) DO UPDATE SET doc = EXCLUDED.doc`,
          [status.station, status],
        );
      },
      putVideoQueueEntry: async (entry) => {
        await run(
          `INSERT INTO video_queue (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc`,
          [entry.id, entry],
        );
      },
      deleteVideoQueueEntry: async (id) => (await run(`DELETE FROM video_queue WHERE id = $1`, [id])) > 0,
      putCallRecord: async (record: CallRecord) => {
        // A record stays filed under the day it started, whatever is changed later.
        await run(
          `INSERT INTO call_records (call_id, grp, day, doc) VALUES ($1, $2, $3, $4)
           ON CONFLICT (call_id) DO UPDATE SET doc = EXCLUDED.doc`,
          [record.callId, record.group, localDay(record.startedAt), record],
        );
      },
      appendVideoQueueExit: async (exit: VideoQueueExit) => {
        await run(
          `INSERT INTO video_queue_exits (entry_id, grp, day, doc) VALUES ($1, $2, $3, $4)
           ON CONFLICT (entry_id) DO NOTHING`,
          [exit.entryId, exit.group, localDay(exit.leftAt), exit],
        );
      },
      appendAudit: async (event: AuditEvent) => {
        await run(`INSERT INTO audit_events (day, doc) VALUES ($1, $2)`, [localDay(event.at), event]);
      },
      putStaffAccount: async (account) => {
        await run(
          `INSERT INTO staff_accounts (username, doc) VALUES ($1, $2)
           ON CONFLICT (username) DO UPDATE SET doc = EXCLUDED.doc`,
          [account.username, account],
        );
      },
      deleteSessionsOf: async (username) => {
        const { rows } = await db.query<{ token_hash: string }>(
          `DELETE FROM staff_sessions WHERE username = $1 RETURNING token_hash`,
          [username],
        );
        for (const row of rows) invalidate(PgReadCache.sessionKey(row.token_hash));
        return rows.length;
      },
      putStation: async (station) => {
        await run(
          `INSERT INTO stations (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc`,
          [station.id, station],
        );
      },
      deleteStationCredential: async (station) =>
        (await run(`DELETE FROM station_credentials WHERE station = $1`, [station])) > 0,
      putSelfTestRun: async (selfTest) => {
        await run(
          `INSERT INTO self_test_runs (id, station, requested_at, doc) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET station = EXCLUDED.station, requested_at = EXCLUDED.requested_at,
             doc = EXCLUDED.doc`,
          [selfTest.id, selfTest.station, selfTest.requestedAt, selfTest],
        );
        // The newest ten of each station are kept: the console shows the last one and a short history.
        await run(
          `DELETE FROM self_test_runs WHERE station = $1 AND id NOT IN
             (SELECT id FROM self_test_runs WHERE station = $1 ORDER BY requested_at DESC LIMIT $2)`,
          [selfTest.station, SELF_TESTS_KEPT],
        );
      },
      putAlert: async (alert) => {
        await run(
          `INSERT INTO station_alerts (id, station, raised_at, cleared_at, doc) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET station = EXCLUDED.station, raised_at = EXCLUDED.raised_at,
             cleared_at = EXCLUDED.cleared_at, doc = EXCLUDED.doc`,
          [alert.id, alert.station, alert.raisedAt, alert.clearedAt ?? null, alert],
        );
        // Cleared alerts are history after a quarter; open ones stay whatever their age.
        const before = new Date(this.now().getTime() - ALERTS_KEPT_DAYS * 86_400_000).toISOString();
        await run(`DELETE FROM station_alerts WHERE cleared_at < $1`, [before]);
      },
      appendKioskSession: async (session: KioskSessionStat) => {
        const inserted = await run(
          `INSERT INTO kiosk_sessions (id, sede, day, doc) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
          [session.id, session.sede, localDay(session.endedAt), session],
        );
        if (inserted === 0) throw new DuplicateKeyError('kiosk session id');
      },
      putDayStats: async (rollup) => {
        await run(
          `INSERT INTO day_stats (sede, day, doc) VALUES ($1, $2, $3)
           ON CONFLICT (sede, day) DO UPDATE SET doc = EXCLUDED.doc`,
          [rollup.sede, rollup.day, rollup],
        );
      },
      putCalendarChange: async (change) => {
        await run(
          `INSERT INTO calendar_changes (id, sede, created_at, doc) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET sede = EXCLUDED.sede, created_at = EXCLUDED.created_at, doc = EXCLUDED.doc`,
          [change.id, change.sede, change.createdAt, change],
        );
        invalidate(PgReadCache.calendarChangesKey(change.sede));
        invalidate(PgReadCache.calendarChangesKey(undefined));
      },
      enqueueMessage: async (input) => {
        held.enqueueMessage({ ...input, dueAt: utc(input.dueAt), status: 'pending', attempts: 0 });
      },
      cancelPendingMessages: (bookingCode, kinds, now) => {
        const finishedAt = now.toISOString();
        return run(
          `UPDATE outbox SET status = 'cancelled', finished_at = $3, lease_until = NULL,
             doc = (doc - 'lease') || $4::jsonb
           WHERE status = 'pending' AND booking_code = $1 AND doc->>'kind' = ANY($2)`,
          [bookingCode, kinds, finishedAt, { status: 'cancelled', finishedAt }],
        );
      },
      releaseMessage: async (id, now) => {
        const at = now.toISOString();
        return (
          (await run(
            `UPDATE outbox SET due_at = $2, doc = doc || $3::jsonb
             WHERE id = $1 AND status = 'pending' AND due_at > $2 AND (lease_until IS NULL OR lease_until <= $2)`,
            [id, at, { dueAt: at }],
          )) > 0
        );
      },
      resolveDeadMessage: async (id, action, now) => {
        const at = now.toISOString();
        if (action === 'cancel')
          return (
            (await run(
              `UPDATE outbox SET status = 'cancelled', finished_at = $2, doc = doc || $3::jsonb
               WHERE id = $1 AND status = 'dead'`,
              [id, at, { status: 'cancelled', finishedAt: at }],
            )) > 0
          );
        return (
          (await run(
            `UPDATE outbox SET status = 'pending', due_at = $2, finished_at = NULL, lease_until = NULL,
               doc = (doc - 'finishedAt' - 'lease') || $3::jsonb
             WHERE id = $1 AND status = 'dead'`,
            [id, at, { status: 'pending', attempts: 0, dueAt: at }],
          )) > 0
        );
      },
    };
    return Object.assign(this.reader(db, true), instancesWriter(db), teamsWriter(db), own) satisfies StoreTx;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store is closed');
  }
}

/** Deadlocks and serialization failures: PostgreSQL rolled the transaction back, and it may run again. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '40P01' || code === '40001';
}

/** A query's text with its $n parameters written as literals, for a simple query of several statements. */
/**
 * The transaction's connection, whose BEGIN goes with its first statement when that is plain text (a lock and
 * its read, or the commit): one round trip fewer a transaction. Before a prepared statement it goes alone.
 */
function beginWithFirstStatement(client: pg.PoolClient): Queryable & { readonly begun: boolean } {
  let begun = false;
  const query = (async (config: unknown, values?: unknown) => {
    if (begun) return client.query(config as string, values as unknown[]);
    begun = true;
    if (typeof config !== 'string' || values !== undefined) {
      await client.query('BEGIN');
      return client.query(config as string, values as unknown[]);
    }
    // A multi-statement text answers one result per statement: BEGIN's is not the caller's.
    const results = (await client.query(`BEGIN;\n${config}`)) as unknown as pg.QueryResult[];
    return results.length === 2 ? results[1] : results.slice(1);
  }) as Queryable['query'];
  return {
    query,
    get begun() {
      return begun;
    },
  };
}

function inlineParameters(text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string') return pg.escapeLiteral(value);
    throw new Error(`inlineParameters: no literal for ${typeof value}`);
  });
}

const statementNames = new Map<string, string>();

/** A prepared statement's name for a query text: the same text, the same name. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name)
    statementNames.set(text, (name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad schema name ${name}`);
  return name;
}

function utc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad dueAt ${iso}`);
  return new Date(ms).toISOString();
}

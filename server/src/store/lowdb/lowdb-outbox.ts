// The outbox on lowdb. Messages are filed by the day of the appointment they speak of, like bookings:
// pending ones in data/outbox/pending/2026-12-01.json (all loaded at open), sent, dead and cancelled
// ones in data/outbox/archive/2026-12/2026-12-01.json. A booking's transaction touches only its own
// day's files and a claim only the files of the messages it takes: files stay small however many
// confirmations go out today and however many reminders wait.
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Low } from 'lowdb';
import { romeDayOf } from '../../calendar/rome-time.ts';
import {
  DuplicateKeyError,
  REMOVED,
  type ClaimOptions,
  type FailOutcome,
  type MessageQuery,
  type NewOutboxMessage,
  type OutboxMessage,
  type OutboxReader,
  type OutboxWriter,
  type PendingSummary,
} from '../store.ts';
import { clone } from './clone.ts';
import { putItem, removeItem, type TxLog } from './tx-log.ts';

interface MessageFile {
  messages: OutboxMessage[];
}

/** The store's file cache, shared so each file is open once. */
export interface OutboxFiles {
  file(filename: string, empty: () => object): Promise<Low<unknown>>;
  /** The file if it is open already. */
  opened(filename: string): Promise<Low<unknown>> | undefined;
  /** Drops a file from the cache; only once it is on disk and no transaction will touch it again. */
  forget(filename: string): void;
  /** The names in a folder, with files that so far exist only in the journal. */
  list(dir: string): Promise<string[]>;
  /** A file's newest text, the journal's if its file is behind it; null if there is none. */
  read(filename: string): Promise<string | null>;
}

/** Without a booking code, finished messages are listed from the appointments of this many days ago on. */
const LIST_DAYS_BACK = 31;
const emptyFile = (): MessageFile => ({ messages: [] });
// Instants are kept as UTC ISO strings of one length ("2026-12-01T07:30:00.000Z"): they compare as strings.
const byDueAt = (a: OutboxMessage, b: OutboxMessage) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0);

export class LowdbOutbox {
  private readonly pendingDir: string;
  private readonly archiveDir: string;
  /** Pending messages by appointment day: every pending file, in memory from open on. */
  private readonly pending = new Map<string, Low<MessageFile>>();
  /** message id → the day of its pending file. */
  private readonly dayOf = new Map<string, string>();
  /** booking code → its pending messages' ids: a cancel finds them without reading every pending one. */
  private readonly ofBooking = new Map<string, Set<string>>();

  constructor(
    dataDir: string,
    private readonly files: OutboxFiles,
    private readonly now: () => Date,
  ) {
    this.pendingDir = path.join(dataDir, 'outbox', 'pending');
    this.archiveDir = path.join(dataDir, 'outbox', 'archive');
  }

  async open(): Promise<void> {
    const today = romeDayOf(this.now().getTime());
    for (const name of await this.files.list(this.pendingDir)) {
      const day = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1];
      if (!day) continue;
      const low = await this.pendingFile(day);
      // Past days with nothing left to send are of no further use.
      if (low.data.messages.length === 0 && day < today) {
        this.pending.delete(day);
        this.files.forget(this.pendingPath(day));
        await unlink(this.pendingPath(day)).catch(() => undefined);
        continue;
      }
      for (const message of low.data.messages) this.track(message, day);
    }
  }

  reader(): OutboxReader {
    return {
      outboxMessages: (query) => this.list(query),
      pendingSummary: async (now) => {
        const nowIso = now.toISOString();
        const summary: PendingSummary = { due: 0, scheduled: 0 };
        for (const low of this.pending.values())
          for (const { dueAt } of low.data.messages) {
            if (dueAt > nowIso) summary.scheduled++;
            else {
              summary.due++;
              if (summary.oldestDueAt === undefined || dueAt < summary.oldestDueAt)
                summary.oldestDueAt = dueAt;
            }
          }
        return summary;
      },
    };
  }

  writer(log: TxLog): OutboxWriter {
    return {
      enqueueMessage: async (input: NewOutboxMessage) => {
        if (this.dayOf.has(input.id)) throw new DuplicateKeyError('message id');
        // Every field a string: copied by name, the caller's object not kept and no deep copy needed.
        const message: OutboxMessage = {
          id: input.id,
          kind: input.kind,
          bookingCode: input.bookingCode,
          to: input.to,
          language: input.language,
          text: input.text,
          slotStart: input.slotStart,
          status: 'pending',
          dueAt: utc(input.dueAt),
          createdAt: input.createdAt,
          attempts: 0,
        };
        const day = romeDayOf(Date.parse(message.slotStart));
        const low = await this.pendingFile(day);
        putItem<OutboxMessage>(log, low as Low<unknown>, 'messages', 'id', message);
        this.track(message, day);
        log.undo.push(() => this.untrack(message));
      },
      cancelPendingMessages: async (bookingCode, kinds, now) => {
        const ids = [...(this.ofBooking.get(bookingCode) ?? [])].filter((id) =>
          kinds.includes(this.find(id)!.message.kind),
        );
        for (const id of ids) await this.finish(log, id, now, { status: 'cancelled' });
        return ids.length;
      },
      resolveDeadMessage: (id, action, now) => this.resolveDead(log, id, action, now),
      releaseMessage: async (id, now) => {
        const day = this.dayOf.get(id);
        const message =
          day === undefined ? undefined : this.pending.get(day)?.data.messages.find((m) => m.id === id);
        const nowIso = now.toISOString();
        if (!message || message.dueAt <= nowIso || (message.lease && message.lease.until > nowIso))
          return false;
        const before = message.dueAt;
        message.dueAt = nowIso;
        log.touched.add(this.pending.get(day!)! as Low<unknown>);
        log.undo.push(() => (message.dueAt = before));
        return true;
      },
    };
  }

  async claim(log: TxLog, { now, limit, leaseMs, worker }: ClaimOptions): Promise<OutboxMessage[]> {
    const nowIso = now.toISOString();
    const due: { message: OutboxMessage; low: Low<MessageFile> }[] = [];
    for (const low of this.pending.values())
      for (const message of low.data.messages)
        if (message.dueAt <= nowIso && (!message.lease || message.lease.until <= nowIso))
          due.push({ message, low });
    due.sort((a, b) => byDueAt(a.message, b.message));
    const until = new Date(now.getTime() + leaseMs).toISOString();
    return due.slice(0, limit).map(({ message, low }) => {
      const before = { lease: message.lease, attempts: message.attempts };
      message.lease = { worker, until };
      message.attempts++;
      log.undo.push(() => {
        message.attempts = before.attempts;
        if (before.lease) message.lease = before.lease;
        else delete message.lease;
      });
      putItem<OutboxMessage>(log, low as Low<unknown>, 'messages', 'id', message, { inList: true });
      return clone(message);
    });
  }

  async complete(log: TxLog, id: string, now: Date, providerMessageId?: string): Promise<boolean> {
    if (!this.dayOf.has(id)) return false;
    await this.finish(log, id, now, {
      status: 'sent',
      ...(providerMessageId === undefined ? {} : { providerMessageId }),
    });
    return true;
  }

  async fail(log: TxLog, id: string, worker: string, outcome: FailOutcome): Promise<boolean> {
    const found = this.find(id);
    if (!found || found.message.lease?.worker !== worker) return false;
    if ('final' in outcome) {
      await this.finish(log, id, outcome.now, { status: outcome.final, lastError: outcome.error });
      return true;
    }
    const { message, low } = found;
    const before = { dueAt: message.dueAt, lastError: message.lastError, lease: message.lease };
    message.dueAt = outcome.retryAt.toISOString();
    message.lastError = outcome.error;
    delete message.lease;
    log.undo.push(() => Object.assign(message, before));
    putItem<OutboxMessage>(log, low as Low<unknown>, 'messages', 'id', message, { inList: true });
    return true;
  }

  /** Retries (back to pending, due now) or cancels a dead message, found in the archive, newest days first. */
  async resolveDead(log: TxLog, id: string, action: 'retry' | 'cancel', now: Date): Promise<boolean> {
    for (const day of await this.archiveDays()) {
      const archive = (await this.files.file(this.archivePath(day), emptyFile)) as Low<MessageFile>;
      const messages = archive.data.messages;
      const index = messages.findIndex((m) => m.id === id);
      if (index < 0) continue;
      const message = messages[index]!;
      if (message.status !== 'dead') return false;
      log.touched.add(archive as Low<unknown>);
      if (action === 'cancel') {
        const before = { status: message.status, finishedAt: message.finishedAt };
        message.status = 'cancelled';
        message.finishedAt = now.toISOString();
        log.undo.push(() => Object.assign(message, before));
        return true;
      }
      messages.splice(index, 1);
      log.undo.push(() => void messages.splice(index, 0, message));
      const again: OutboxMessage = { ...message, status: 'pending', attempts: 0, dueAt: now.toISOString() };
      delete again.finishedAt;
      const low = await this.pendingFile(day);
      log.touched.add(low as Low<unknown>);
      low.data.messages.push(again);
      this.track(again, day);
      log.undo.push(() => {
        low.data.messages.splice(low.data.messages.indexOf(again), 1);
        this.untrack(again);
      });
      return true;
    }
    return false;
  }

  /** Blanks number and text of finished messages of appointment days before `beforeDay` (from `from` on). */
  async removePersonalData(
    beforeDay: string,
    from: string | undefined,
    stamp: string,
    exclusive: (fn: (log: TxLog) => Promise<void>) => Promise<void>,
  ): Promise<number> {
    let removed = 0;
    for (const day of await this.archiveDays()) {
      if (day >= beforeDay || (from && day < from)) continue;
      const filename = this.archivePath(day);
      await exclusive(async (log) => {
        const low = (await this.files.file(filename, emptyFile)) as Low<MessageFile>;
        for (const message of low.data.messages) {
          if (message.personalDataRemovedAt) continue;
          message.to = REMOVED;
          message.text = REMOVED;
          message.personalDataRemovedAt = stamp;
          removed++;
          log.touched.add(low as Low<unknown>);
        }
      });
      this.files.forget(filename);
    }
    return removed;
  }

  // ---- inside ----

  private async list({ status, bookingCode, limit }: MessageQuery): Promise<OutboxMessage[]> {
    const wanted = (m: OutboxMessage) =>
      m.status === status && (bookingCode === undefined || m.bookingCode === bookingCode);
    if (status === 'pending') {
      const all = [...this.pending.values()].flatMap((low) => low.data.messages.filter(wanted));
      return clone(all.sort(byDueAt).slice(0, limit));
    }
    // A message finishes before its appointment or soon after it: recent and coming days hold the news.
    const from =
      bookingCode === undefined ? romeDayOf(this.now().getTime() - LIST_DAYS_BACK * 86_400_000) : '';
    const found: OutboxMessage[] = [];
    for (const day of await this.archiveDays()) {
      if (day < from) continue;
      const filename = this.archivePath(day);
      // An open file may hold writes not yet on disk; a closed one is read without caching it.
      const open = this.files.opened(filename);
      const data = open ? ((await open).data as MessageFile) : await this.readClosed(filename);
      found.push(...data.messages.filter(wanted));
    }
    found.sort((a, b) => ((a.finishedAt ?? '') > (b.finishedAt ?? '') ? -1 : 1));
    return clone(found.slice(0, limit));
  }

  private async readClosed(filename: string): Promise<MessageFile> {
    const text = await this.files.read(filename);
    return text === null ? emptyFile() : (JSON.parse(text) as MessageFile);
  }

  private find(id: string): { message: OutboxMessage; low: Low<MessageFile>; index: number } | undefined {
    const day = this.dayOf.get(id);
    const low = day === undefined ? undefined : this.pending.get(day);
    const index = low?.data.messages.findIndex((m) => m.id === id) ?? -1;
    if (!low || index < 0) return undefined;
    return { message: low.data.messages[index]!, low, index };
  }

  /** Moves a pending message, with its final state, to the archive of its day. */
  private async finish(
    log: TxLog,
    id: string,
    now: Date,
    result: Pick<OutboxMessage, 'status'> & Partial<Pick<OutboxMessage, 'lastError' | 'providerMessageId'>>,
  ): Promise<void> {
    const found = this.find(id);
    const day = this.dayOf.get(id);
    if (!found || day === undefined) return;
    const { message, low, index } = found;
    removeItem<OutboxMessage>(log, low as Low<unknown>, 'messages', 'id', index);
    this.untrack(message);
    log.undo.push(() => this.track(message, day));
    const done: OutboxMessage = { ...message, ...result, finishedAt: now.toISOString() };
    delete done.lease;
    const archive = (await this.files.file(this.archivePath(day), emptyFile)) as Low<MessageFile>;
    putItem<OutboxMessage>(log, archive as Low<unknown>, 'messages', 'id', done);
  }

  private track(message: OutboxMessage, day: string): void {
    this.dayOf.set(message.id, day);
    let ids = this.ofBooking.get(message.bookingCode);
    if (!ids) this.ofBooking.set(message.bookingCode, (ids = new Set()));
    ids.add(message.id);
  }

  private untrack(message: OutboxMessage): void {
    this.dayOf.delete(message.id);
    const ids = this.ofBooking.get(message.bookingCode);
    ids?.delete(message.id);
    if (ids?.size === 0) this.ofBooking.delete(message.bookingCode);
  }

  private async pendingFile(day: string): Promise<Low<MessageFile>> {
    let low = this.pending.get(day);
    if (!low) {
      low = (await this.files.file(this.pendingPath(day), emptyFile)) as Low<MessageFile>;
      this.pending.set(day, low);
    }
    return low;
  }

  private pendingPath(day: string): string {
    return path.join(this.pendingDir, `${day}.json`);
  }

  private archivePath(day: string): string {
    return path.join(this.archiveDir, day.slice(0, 7), `${day}.json`);
  }

  /** Days with an archive file, newest first. */
  private async archiveDays(): Promise<string[]> {
    const days: string[] = [];
    for (const month of await this.files.list(this.archiveDir))
      for (const name of await this.files.list(path.join(this.archiveDir, month))) {
        const day = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1];
        if (day) days.push(day);
      }
    return days.sort().reverse();
  }
}

function utc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad dueAt ${iso}`);
  return new Date(ms).toISOString();
}

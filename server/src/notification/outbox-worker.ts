// Sends what the outbox holds: claims due messages under a lease, sends each through the provider,
// then marks it sent, retries it later with exponential backoff, or gives up on it (dead) after the
// configured number of tries. Several workers, in one process or many, may run against one store.
// Between batches it sleeps until the earliest pending message falls due, woken earlier when the outbox
// channel announces a message due sooner (outbox-channel.ts): a reminder goes out at its time, not up to a
// poll later.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { NotificationSettings } from '@sportello/protocol';
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import type { OutboxMessage, Store } from '../store/store.ts';
import { OUTBOX_CHANNEL, announcedDueAt } from './outbox-channel.ts';
import { reasonNotToSend } from './reminders.ts';
import { SmsSendError, type SmsProvider } from './sms-provider.ts';

export interface OutboxWorkerOptions {
  store: Store;
  provider: SmsProvider;
  /** Decides what is due and when a retry falls; tests move it. */
  clock: () => Date;
  log: Logger;
  retry: NotificationSettings['retry'];
  /**
   * The longest real time between looks at the outbox. The worker wakes when the next message falls due
   * or is announced; this bounds the wait for one written without an announcement.
   */
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  /** Why a message should not go out now, or undefined to send it. */
  reasonNotToSend?(message: OutboxMessage): Promise<string | undefined>;
  /** Names this worker in leases; by default host, process and a random part. */
  id?: string;
}

/** Wait before the next try after `attempts` failed ones: first, 2×first, 4×first… up to the maximum. */
export function backoffMs(retry: NotificationSettings['retry'], attempts: number): number {
  const seconds = retry.firstDelaySeconds * 2 ** Math.max(0, attempts - 1);
  return Math.min(seconds, retry.maxDelaySeconds) * 1000;
}

/** Pending messages read ahead, soonest first, to know when to wake; read again once used up. */
const LOOKAHEAD = 200;
/**
 * And at least this often, for messages written without an announcement (until then each goes out at the
 * first look at the outbox after its due time, pollMs at most). Reading 10k pending costs tens of ms.
 */
const READ_AHEAD_MAX_AGE_MS = 60_000;

export class OutboxWorker {
  readonly id: string;
  private running: Promise<void> | undefined;
  private stopping = false;
  private unlisten: (() => void) | undefined;
  /**
   * When pending messages may next be claimed (clock ms, ascending): due times, or a lease's end, read ahead
   * from the outbox, with those announced and those this worker rescheduled since.
   */
  private upcoming: number[] = [];
  /** Whether the last read-ahead saw every pending message (less than a page). */
  private upcomingComplete = false;
  /** Real time (performance.now) of the last read-ahead. */
  private readAheadAt = -Infinity;
  /** The clock when the last claim began, and what was announced from then on (the claim may not see it). */
  private claimedAt = -Infinity;
  private announcedSinceClaim: number[] = [];
  /** Announcements arriving while the read-ahead runs, merged into what it read. */
  private announcedDuringRead: number[] | undefined;
  /** While asleep: when it wakes (clock ms), and how to wake it sooner. */
  private sleeping: { until: number; rearm(at: number): void; wake(): void } | undefined;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    const unlisten = this.options.store.listen(OUTBOX_CHANNEL, (payload) => this.announce(payload));
    // Announcements missed while the store's listener was away: read the outbox again, now.
    const unresync = this.options.store.onResync(() => this.expect(0, true));
    this.unlisten = () => {
      unlisten();
      unresync();
    };
    this.running = this.loop();
  }

  /** Stops claiming and resolves once the messages already claimed have been sent or given back. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unlisten?.();
    this.unlisten = undefined;
    this.sleeping?.wake();
    await this.running;
    this.running = undefined;
  }

  /** When the worker next looks at the outbox (on its clock) while it sleeps; undefined while it works. */
  get wakesAt(): Date | undefined {
    return this.sleeping ? new Date(this.sleeping.until) : undefined;
  }

  /** Claims one batch and sends it; answers how many messages were claimed. */
  async runOnce(): Promise<number> {
    const { store, clock, batchSize, leaseMs } = this.options;
    const now = clock();
    this.claimedAt = now.getTime();
    this.announcedSinceClaim = [];
    const messages = await store.claimDueMessages({
      now,
      limit: batchSize,
      leaseMs,
      worker: this.id,
    });
    await Promise.all(messages.map((message) => this.deliver(message)));
    return messages.length;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let next = Infinity;
      try {
        // A full batch suggests more are due: go on at once.
        next = (await this.runOnce()) < this.options.batchSize ? await this.nextDueAt() : 0;
      } catch (error) {
        this.options.log.error({ err: error }, 'outbox: claiming failed');
      }
      if (!this.stopping) await this.sleepUntil(next);
    }
  }

  /** When the next pending message may be claimed (clock ms), after a claim that took all it could. */
  private async nextDueAt(): Promise<number> {
    // What was due when the claim began is claimed now, or under another worker's lease (its end is listed).
    this.upcoming = this.upcoming.filter((at) => at > this.claimedAt);
    for (const at of this.announcedSinceClaim) insertSorted(this.upcoming, at);
    const stale = performance.now() - this.readAheadAt >= READ_AHEAD_MAX_AGE_MS;
    if (stale || (this.upcoming.length === 0 && !this.upcomingComplete)) await this.readAhead();
    return this.upcoming[0] ?? Infinity;
  }

  private async readAhead(): Promise<void> {
    this.announcedDuringRead = [];
    try {
      const pending = await this.options.store.read((r) =>
        r.outboxMessages({ status: 'pending', limit: LOOKAHEAD }),
      );
      const times = pending.map((m) =>
        m.lease ? Math.max(Date.parse(m.dueAt), Date.parse(m.lease.until)) : Date.parse(m.dueAt),
      );
      this.upcoming = [...times, ...this.announcedDuringRead].sort((a, b) => a - b);
      this.upcomingComplete = pending.length < LOOKAHEAD;
      this.readAheadAt = performance.now();
    } finally {
      this.announcedDuringRead = undefined;
    }
  }

  /** A message falls due at `at` (clock ms): wake then if that is sooner than planned; `readAgain` after a resync. */
  private expect(at: number, readAgain = false): void {
    if (readAgain) this.readAheadAt = -Infinity;
    insertSorted(this.upcoming, at);
    this.announcedSinceClaim.push(at);
    this.announcedDuringRead?.push(at);
    if (this.sleeping && at < this.sleeping.until) this.sleeping.rearm(at);
  }

  private announce(payload: string): void {
    this.expect(announcedDueAt(payload));
  }

  /** Sleeps until `at` on the worker's clock, at most pollMs of real time. */
  private sleepUntil(at: number): Promise<void> {
    const { clock, pollMs } = this.options;
    if (at <= clock().getTime()) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        clearTimeout(timer);
        this.sleeping = undefined;
        resolve();
      };
      const sleeping = {
        until: at,
        rearm: (when: number) => {
          clearTimeout(timer);
          const now = clock().getTime();
          const ms = Math.min(Math.max(0, when - now), pollMs);
          sleeping.until = now + ms;
          timer = setTimeout(wake, ms);
        },
        wake,
      };
      this.sleeping = sleeping;
      sleeping.rearm(at);
    });
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const { store, provider, clock, log, retry } = this.options;
    // Never the number or the text: both are personal data.
    const about = {
      messageId: message.id,
      kind: message.kind,
      bookingCode: message.bookingCode,
      attempt: message.attempts,
    };
    try {
      const reason = await this.options.reasonNotToSend?.(message);
      if (reason) {
        await store.failMessage(message.id, this.id, {
          now: clock(),
          error: `not sent: ${reason}`,
          final: 'cancelled',
        });
        log.info({ ...about, reason }, 'sms dropped');
        return;
      }
      let providerMessageId: string;
      try {
        providerMessageId = (await provider.send({ to: message.to, text: message.text, ref: message.id })).id;
      } catch (error) {
        const retryable = !(error instanceof SmsSendError) || error.retryable;
        const problem =
          error instanceof SmsSendError ? error.message : `provider failed (${(error as Error).name})`;
        const now = clock();
        if (!retryable || message.attempts >= retry.maxAttempts) {
          await store.failMessage(message.id, this.id, { now, error: problem, final: 'dead' });
          log.error({ ...about, problem }, 'sms given up: dead letter');
        } else {
          const retryAt = new Date(now.getTime() + backoffMs(retry, message.attempts));
          if (await store.failMessage(message.id, this.id, { now, error: problem, retryAt }))
            this.expect(retryAt.getTime());
          log.warn({ ...about, problem, retryAt: retryAt.toISOString() }, 'sms not sent; will retry');
        }
        return;
      }
      await store.completeMessage(message.id, { now: clock(), providerMessageId });
      log.info({ ...about, providerMessageId }, 'sms sent');
    } catch (error) {
      // The store failed: the lease runs out and the message is tried again.
      log.error({ ...about, err: error }, 'outbox: could not record the outcome of a message');
    }
  }
}

export function startOutboxWorker(ctx: AppContext, provider: SmsProvider): OutboxWorker {
  const settings = ctx.config.notifications;
  const worker = new OutboxWorker({
    store: ctx.store,
    provider,
    clock: ctx.clock,
    log: ctx.log,
    retry: settings.retry,
    pollMs: settings.worker.pollMilliseconds,
    batchSize: settings.worker.batchSize,
    leaseMs: settings.worker.leaseSeconds * 1000,
    reasonNotToSend: (message) => reasonNotToSend(ctx, message),
  });
  worker.start();
  return worker;
}

function insertSorted(times: number[], at: number): void {
  const index = times.findIndex((t) => t > at);
  times.splice(index < 0 ? times.length : index, 0, at);
}

// Sends what the outbox holds: claims due messages under a lease, sends each through the provider,
// then marks it sent, retries it later with exponential backoff, or gives up on it (dead) after the
// configured number of tries. Several workers, in one process or many, may run against one store.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { NotificationSettings } from '@sportello/protocol';
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import type { OutboxMessage, Store } from '../store/store.ts';
import { reasonNotToSend } from './reminders.ts';
import { SmsSendError, type SmsProvider } from './sms-provider.ts';

export interface OutboxWorkerOptions {
  store: Store;
  provider: SmsProvider;
  /** Decides what is due and when a retry falls; tests move it. */
  clock: () => Date;
  log: Logger;
  retry: NotificationSettings['retry'];
  /** Real time between looks at the outbox when the last one found less than a full batch. */
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

export class OutboxWorker {
  readonly id: string;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Stops claiming and resolves once the messages already claimed have been sent or given back. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  /** Claims one batch and sends it; answers how many messages were claimed. */
  async runOnce(): Promise<number> {
    const { store, clock, batchSize, leaseMs } = this.options;
    const messages = await store.claimDueMessages({
      now: clock(),
      limit: batchSize,
      leaseMs,
      worker: this.id,
    });
    await Promise.all(messages.map((message) => this.deliver(message)));
    return messages.length;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.options.log.error({ err: error }, 'outbox: claiming failed');
      }
      // A full batch suggests more are due: go on at once.
      if (!this.stopping && claimed < this.options.batchSize) await this.sleep(this.options.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
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
          await store.failMessage(message.id, this.id, { now, error: problem, retryAt });
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

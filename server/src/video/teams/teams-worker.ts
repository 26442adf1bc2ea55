// Brings Graph in step with the Teams meeting records: claims due records under a lease, creates the meeting
// (createOrGet by booking code: a retry after a lost answer finds the same meeting), patches its time and
// lobby, deletes it once cancelled; then releases the held confirmation SMS. Failures are tried again later:
// after Graph's Retry-After on a 429, else with a growing wait. Several workers may share one store.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { OUTBOX_CHANNEL } from '../../notification/outbox-channel.ts';
import type { Store } from '../../store/store.ts';
import type { TeamsMeeting } from '../../store/teams-meetings.ts';
import type { AppContext } from '../../context.ts';
import { GraphError, graphClient, type TeamsGraph } from './graph-client.ts';
import { TEAMS_CHANNEL } from './teams-meetings.service.ts';

export interface TeamsWorkerOptions {
  store: Store;
  graph: TeamsGraph;
  clock: () => Date;
  log: Logger;
  /** The longest real time between looks at the records (a notification wakes it sooner). */
  pollMs?: number;
  leaseMs?: number;
  batchSize?: number;
  id?: string;
}

/** Wait before the next try after `attempts` failed ones: 5 s, 10 s, 20 s… up to 15 minutes. */
export const retryDelayMs = (attempts: number) =>
  Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);

export class TeamsWorker {
  readonly id: string;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private unlisten: (() => void) | undefined;

  constructor(private readonly options: TeamsWorkerOptions) {
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.unlisten = this.options.store.listen(TEAMS_CHANNEL, () => this.wake?.());
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.unlisten?.();
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  /** Claims one batch and works it; answers how many records were claimed. */
  async runOnce(): Promise<number> {
    const { store, clock, leaseMs = 60_000, batchSize = 10 } = this.options;
    const claimed = await store.claimTeamsMeetings({
      now: clock(),
      limit: batchSize,
      leaseMs,
      worker: this.id,
    });
    await Promise.all(claimed.map((meeting) => this.work(meeting)));
    return claimed.length;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let full = false;
      try {
        full = (await this.runOnce()) >= (this.options.batchSize ?? 10);
      } catch (error) {
        this.options.log.error({ err: error }, 'teams: claiming failed');
      }
      if (full || this.stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 5_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async work(claimed: TeamsMeeting): Promise<void> {
    const { graph } = this.options;
    const fields = { start: claimed.start, end: claimed.end, subject: claimed.subject };
    const found: Partial<Pick<TeamsMeeting, 'meetingId' | 'joinUrl' | 'deletedAt'>> = {};
    try {
      if (claimed.cancelled) {
        if (claimed.meetingId && !claimed.deletedAt) await graph.remove(claimed.organizer, claimed.meetingId);
        if (claimed.meetingId) found.deletedAt = this.options.clock().toISOString();
      } else {
        let meetingId = claimed.meetingId;
        if (!meetingId) {
          const made = await graph.createOrGet(claimed.organizer, claimed.bookingCode, fields);
          meetingId = found.meetingId = made.id;
          found.joinUrl = made.joinWebUrl;
        }
        await graph.update(claimed.organizer, meetingId, fields);
      }
    } catch (error) {
      await this.failed(claimed, error, found);
      return;
    }
    await this.finish(claimed, found);
  }

  /** Records what Graph now holds; more work stays due if the record changed meanwhile. */
  private async finish(
    claimed: TeamsMeeting,
    found: Partial<Pick<TeamsMeeting, 'meetingId' | 'joinUrl' | 'deletedAt'>>,
  ): Promise<void> {
    const now = this.options.clock();
    await this.options.store.transaction(async (tx) => {
      const current = await tx.teamsMeeting(claimed.bookingCode);
      if (!current || current.lease?.worker !== this.id) return;
      const { lease: _lease, lastError: _error, dueAt: _due, ...rest } = current;
      const next: TeamsMeeting = {
        ...rest,
        ...found,
        syncedVersion: claimed.version,
        attempts: 0,
        updatedAt: now.toISOString(),
        ...(current.version > claimed.version ? { dueAt: now.toISOString() } : {}),
      };
      await tx.putTeamsMeeting(next);
      // The meeting exists: the confirmation with the meeting page's link and code goes now.
      if (found.joinUrl && current.heldMessageId && !current.cancelled)
        if (await tx.releaseMessage(current.heldMessageId, now)) tx.notify(OUTBOX_CHANNEL, now.toISOString());
    });
  }

  private async failed(
    claimed: TeamsMeeting,
    error: unknown,
    found: Partial<Pick<TeamsMeeting, 'meetingId' | 'joinUrl' | 'deletedAt'>>,
  ): Promise<void> {
    const now = this.options.clock();
    const retryAfter = error instanceof GraphError ? error.retryAfterMs : undefined;
    const delay = retryAfter ?? retryDelayMs(claimed.attempts);
    const message = (error as Error).message;
    this.options.log.warn(
      { booking: claimed.bookingCode, err: message, retryInMs: delay },
      'teams: Graph call failed',
    );
    await this.options.store.transaction(async (tx) => {
      const current = await tx.teamsMeeting(claimed.bookingCode);
      if (!current || current.lease?.worker !== this.id) return;
      const { lease: _lease, ...rest } = current;
      await tx.putTeamsMeeting({
        ...rest,
        // A meeting made before a later step failed is kept: the retry patches it rather than asking again.
        ...found,
        lastError: message,
        dueAt: new Date(now.getTime() + delay).toISOString(),
        updatedAt: now.toISOString(),
      });
    });
  }
}

/**
 * The worker of a deployment with teams.json `graph`, talking to Graph with the client secret from the
 * environment (a start without it fails, naming the variable); undefined when Teams meetings are off.
 */
export function startTeamsWorker(
  ctx: Pick<AppContext, 'config' | 'store' | 'clock' | 'log'>,
  graph?: TeamsGraph,
  env: NodeJS.ProcessEnv = process.env,
): TeamsWorker | undefined {
  const settings = ctx.config.teams?.graph;
  if (!settings) return undefined;
  let client = graph;
  if (!client) {
    const clientSecret = env[settings.clientSecretEnv];
    if (!clientSecret)
      throw new Error(
        `teams.json graph: the environment variable ${settings.clientSecretEnv} (the app registration's client secret) is not set`,
      );
    client = graphClient({ settings, clientSecret });
  }
  const worker = new TeamsWorker({ store: ctx.store, graph: client, clock: ctx.clock, log: ctx.log });
  worker.start();
  return worker;
}

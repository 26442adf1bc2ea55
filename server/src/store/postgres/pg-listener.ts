// LISTEN on a connection of its own (a pooled one would be handed to others): when it breaks — the
// database restarted, the network dropped — it connects again with backoff and listens again, and says
// so, because what was notified meanwhile is lost and listeners must read the store again.
import pg from 'pg';

/** What the listener hands on when it is listening again after a loss. */
export const RESYNC = '\u0000resync';

export interface PgListenerOptions {
  url: string;
  channel: string;
  /** Each raw payload, in the order PostgreSQL delivered them; RESYNC after a reconnection. */
  onPayload: (raw: string) => Promise<void>;
  onState?: (state: 'lost' | 'listening', error?: unknown) => void;
  /** First and longest wait between two tries to connect again. */
  backoffMs?: { first: number; max: number };
}

export class PgListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Payloads are handed on one after another: a stored one must not be overtaken by a later inline one. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: PgListenerOptions) {}

  /** Resolves once listening the first time; rejects if the first connection fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.chain;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload !== undefined)
        this.hand(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
  }

  private hand(raw: string): void {
    this.chain = this.chain.then(() => this.options.onPayload(raw)).catch(() => undefined);
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.options.onState?.('lost', error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const { first, max } = this.options.backoffMs ?? { first: 250, max: 5_000 };
    const wait = Math.min(max, first * 2 ** this.failures) * (0.5 + Math.random() / 2);
    this.failures++;
    this.retry = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.stopped) return;
          this.options.onState?.('listening');
          this.hand(RESYNC);
        },
        () => {
          if (!this.stopped) this.scheduleReconnect();
        },
      );
    }, wait);
    this.retry.unref();
  }
}

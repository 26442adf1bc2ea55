// Knows whether the server answers; on failure tells the kiosk at once and retries with backoff.
import type { Logger } from 'pino';
import type { DeviceEventHub } from '../local-api/device-events.ts';

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const HEALTHY_INTERVAL_MS = 10_000;

export class ServerMonitor {
  private online: boolean | undefined;
  private timer: NodeJS.Timeout | undefined;
  private delay = MIN_DELAY_MS;
  private stopped = false;

  constructor(
    private readonly serverUrl: string,
    private readonly hub: DeviceEventHub,
    private readonly log: Logger,
  ) {}

  get isOnline(): boolean {
    return this.online === true;
  }

  start(): void {
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Called by the proxy when a forwarded request failed, so the page learns without waiting for a poll. */
  reportFailure(): void {
    this.set(false);
    clearTimeout(this.timer);
    this.schedule();
  }

  private async check(): Promise<void> {
    try {
      const response = await fetch(new URL('/readyz', this.serverUrl), {
        signal: AbortSignal.timeout(5_000),
      });
      this.set(response.ok);
    } catch {
      this.set(false);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const wait = this.online ? HEALTHY_INTERVAL_MS : this.delay;
    this.delay = this.online ? MIN_DELAY_MS : Math.min(this.delay * 2, MAX_DELAY_MS);
    this.timer = setTimeout(() => void this.check(), wait);
    this.timer.unref();
  }

  private set(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.log[online ? 'info' : 'warn']({ online }, online ? 'server reachable' : 'server unreachable');
    this.hub.publish({ type: 'server', online });
  }
}

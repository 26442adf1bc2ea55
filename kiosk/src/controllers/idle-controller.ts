// Ends an idle session: after `warnAfter` seconds without a touch the host shows a countdown,
// after `endAfter` more it ends the session. Any touch or key restarts the clock.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface IdleOptions {
  warnAfterSeconds: number;
  endAfterSeconds: number;
  onEnd: () => void;
}

export class IdleController implements ReactiveController {
  /** Seconds left before the session ends, while the warning shows; null otherwise. */
  secondsLeft: number | null = null;
  private lastActivity = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private active = false;
  private readonly onActivity = () => this.touch();

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private options: IdleOptions,
  ) {
    host.addController(this);
  }

  /** The station's own timings, once known. */
  configure(timing: Pick<IdleOptions, 'warnAfterSeconds' | 'endAfterSeconds'>): void {
    this.options = { ...this.options, ...timing };
  }

  /** Starts watching (a session began). */
  start(): void {
    this.active = true;
    this.touch();
  }

  /** Stops watching (back at the welcome screen). */
  stop(): void {
    this.active = false;
    this.secondsLeft = null;
    this.host.requestUpdate();
  }

  touch(): void {
    this.lastActivity = Date.now();
    if (this.secondsLeft !== null) {
      this.secondsLeft = null;
      this.host.requestUpdate();
    }
  }

  hostConnected(): void {
    for (const type of ['pointerdown', 'keydown', 'input'])
      this.host.addEventListener(type, this.onActivity, true);
    this.timer = setInterval(() => this.tick(), 1000);
  }

  hostDisconnected(): void {
    for (const type of ['pointerdown', 'keydown', 'input'])
      this.host.removeEventListener(type, this.onActivity, true);
    clearInterval(this.timer);
  }

  private tick(): void {
    if (!this.active) return;
    const idle = (Date.now() - this.lastActivity) / 1000;
    const { warnAfterSeconds, endAfterSeconds } = this.options;
    if (idle >= warnAfterSeconds + endAfterSeconds) {
      this.stop();
      this.options.onEnd();
    } else if (idle >= warnAfterSeconds) {
      this.secondsLeft = Math.ceil(warnAfterSeconds + endAfterSeconds - idle);
      this.host.requestUpdate();
    }
  }
}

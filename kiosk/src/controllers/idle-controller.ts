// Ends an idle session: after `warnAfter` seconds without a touch the host shows a countdown,
// after `endAfter` more it ends the session. Any touch or key restarts the clock. While a citizen waits
// for a video call it only asks whether they are still there (their place is kept); during the call the
// clock stops, since talking is not touching.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface IdleOptions {
  warnAfterSeconds: number;
  endAfterSeconds: number;
  onEnd: () => void;
}

/** normal: warn, then end; warn-only: ask "still there?" but keep the session; paused: no clock. */
export type IdleMode = 'normal' | 'warn-only' | 'paused';

export class IdleController implements ReactiveController {
  /** Seconds left before the session ends, while the warning shows; null otherwise. */
  secondsLeft: number | null = null;
  /** In warn-only mode: the citizen has not touched the screen for the warning time. */
  stillThere = false;
  private mode: IdleMode = 'normal';
  private lastActivity = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private active = false;
  // While the warning shows only its own buttons answer it: a touch used to restart the clock on
  // pointerdown, which took the dialog away before its «Chiudi ora» could be clicked.
  private readonly onActivity = () => {
    if (this.secondsLeft === null && !this.stillThere) this.touch();
  };

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

  /** Changing the mode restarts the clock, so a call that just ended does not end the session at once. */
  setMode(mode: IdleMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.lastActivity = Date.now();
    this.secondsLeft = null;
    this.stillThere = false;
    this.host.requestUpdate();
  }

  /** A session is on: the clock is watching (whatever the mode). */
  get watching(): boolean {
    return this.active;
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
    this.stillThere = false;
    this.host.requestUpdate();
  }

  touch(): void {
    this.lastActivity = Date.now();
    if (this.secondsLeft !== null || this.stillThere) {
      this.secondsLeft = null;
      this.stillThere = false;
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
    if (!this.active || this.mode === 'paused') return;
    const idle = (Date.now() - this.lastActivity) / 1000;
    const { warnAfterSeconds, endAfterSeconds } = this.options;
    if (this.mode === 'warn-only') {
      if (idle >= warnAfterSeconds && !this.stillThere) {
        this.stillThere = true;
        this.host.requestUpdate();
      }
      return;
    }
    if (idle >= warnAfterSeconds + endAfterSeconds) {
      this.stop();
      this.options.onEnd();
    } else if (idle >= warnAfterSeconds) {
      this.secondsLeft = Math.ceil(warnAfterSeconds + endAfterSeconds - idle);
      this.host.requestUpdate();
    }
  }
}

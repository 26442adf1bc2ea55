// The kiosk page's health for the heartbeat: whether it loaded and is still connected to the agent, and the
// script errors it reported since it last loaded (a reload is often what fixes a page, so it starts afresh).
import type { PageHealth, PageReportBody } from '@sportello/protocol';

export class PageHealthTracker {
  #loaded = false;
  #errors = 0;
  #lastError: string | undefined;

  /** @param connectedPages how many kiosk pages hold the agent's WebSocket now */
  constructor(private readonly connectedPages: () => number) {}

  report(body: PageReportBody): void {
    if (body.event === 'loaded') {
      this.#loaded = true;
      this.#errors = 0;
      this.#lastError = undefined;
    } else {
      this.#errors++;
      this.#lastError = body.message;
    }
  }

  /** Loaded: it said so and a page is still connected (a crashed or closed page is not). */
  health(): PageHealth {
    return {
      loaded: this.#loaded && this.connectedPages() > 0,
      errors: this.#errors,
      ...(this.#lastError === undefined ? {} : { lastError: this.#lastError }),
    };
  }
}

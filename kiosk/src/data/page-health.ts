// The page tells its agent that it loaded and which script errors happen, so that the technicians' fleet
// view shows a kiosk stuck on a broken page. Messages are cut short and long codes in them masked: an error
// must never carry a citizen's codice fiscale or number to the fleet view.
import type { PageReportBody } from '@sportello/protocol';
import { request } from './api-client.ts';

const MAX_MESSAGE = 200;
/** At most this many error reports a minute: a failing loop must not flood the agent. */
const REPORTS_PER_MINUTE = 10;

/** "TypeError: RSSMRA80A01H501U is bad" → "TypeError: … is bad" (any run of 6+ letters and digits mixed). */
export function safeErrorText(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : typeof error === 'string'
        ? error
        : 'unknown error';
  return text
    .split('\n')[0]!
    .replace(/\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,}\b/gi, '…')
    .replace(/\d{4,}/g, '…')
    .slice(0, MAX_MESSAGE);
}

const report = (body: PageReportBody) => request<void>('POST', '/agent/page', body).catch(() => undefined);

/** Says the page loaded, then reports its uncaught errors (rate-limited). Call once at start. */
export function reportPageHealth(target: Window = window): void {
  let sent: number[] = [];
  const error = (reason: unknown) => {
    const now = Date.now();
    sent = sent.filter((at) => now - at < 60_000);
    if (sent.length >= REPORTS_PER_MINUTE) return;
    sent.push(now);
    void report({ event: 'error', message: safeErrorText(reason) });
  };
  target.addEventListener('error', (event) => error(event.error ?? event.message));
  target.addEventListener('unhandledrejection', (event) => error(event.reason));
  void report({ event: 'loaded' });
}

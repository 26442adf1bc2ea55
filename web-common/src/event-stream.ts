// A live stream of server-sent events that says honestly whether it is live. It reconnects by itself after
// a server restart or a network drop, and takes a connection that stays silent for `silenceMs` as dead: the
// server's keep-alive is a comment line, which the browser's EventSource never shows, so it reads the
// stream with fetch and eventsource-parser instead (and sees the status of a refusal, which EventSource hides).
import { createParser } from 'eventsource-parser';

/**
 * connecting: the first try is under way; open: the server answered and events flow; down: the stream
 * failed, ended or went silent, and the next try is scheduled; refused: the server refused the
 * stream (see `stopOn`) and no try follows.
 */
export type StreamState = 'connecting' | 'open' | 'down' | 'refused';

export interface EventStreamOptions {
  /** Every event: its name ("message" when it has none) and its data parsed as JSON (undefined if not JSON). */
  onEvent(event: string, data: unknown): void;
  /** `status` is the HTTP status with "refused". */
  onState(state: StreamState, status?: number): void;
  /** Past this without a byte (event or keep-alive) the connection counts as dead. Default 40 s. */
  silenceMs?: number;
  /** The longest wait between tries; the first wait is the server's `retry:` (2 s until it says). Default 5 s. */
  maxRetryMs?: number;
  /** Statuses after which trying again cannot help. Default 401, 403, 404. */
  stopOn?: readonly number[];
  /** For tests. */
  fetch?: typeof fetch;
}

export interface EventStream {
  /** Stops the stream and every further try. */
  close(): void;
}

export function openEventStream(url: string, options: EventStreamOptions): EventStream {
  const silenceMs = options.silenceMs ?? 40_000;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  const stopOn = options.stopOn ?? [401, 403, 404];
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let retryMs = 2_000;
  let failures = 0;
  let closed = false;
  let connection: AbortController | undefined;
  let nextTry: ReturnType<typeof setTimeout> | undefined;

  const deliver = (event: string, data: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = undefined;
    }
    try {
      options.onEvent(event, parsed);
    } catch (error) {
      // A fault in the page's handler is not the connection's: the stream goes on.
      console.error('event handler failed', error);
    }
  };

  const connect = async () => {
    const controller = new AbortController();
    connection = controller;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const alive = () => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), silenceMs);
    };
    alive();
    try {
      const response = await doFetch(url, {
        headers: { accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (stopOn.includes(response.status)) {
        closed = true;
        options.onState('refused', response.status);
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      failures = 0;
      options.onState('open');
      const parser = createParser({
        onEvent: (message) => deliver(message.event ?? 'message', message.data),
        onRetry: (ms) => {
          retryMs = ms;
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      // Silence or close() ends the read at once, whatever the body's source does with the abort.
      controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined));
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        alive();
        parser.feed(value);
      }
    } catch {
      // Unreachable, dropped or silent: all the same to the page, which tries again.
    } finally {
      clearTimeout(silence);
      if (!controller.signal.aborted) controller.abort();
    }
    if (closed) return;
    failures += 1;
    options.onState('down');
    nextTry = setTimeout(() => void connect(), Math.min(maxRetryMs, retryMs * 2 ** (failures - 1)));
  };

  options.onState('connecting');
  void connect();
  return {
    close() {
      closed = true;
      clearTimeout(nextTry);
      connection?.abort();
    },
  };
}

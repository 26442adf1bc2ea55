// The office-floor bench's clients over node:http with keep-alive off (a connection of its own each, as a
// phone or a board has): JSON requests, and server-sent event streams whose events are stamped with the
// moment their bytes arrived, before any parsing.
import http from 'node:http';
import { createParser } from 'eventsource-parser';

const WAIT_MS = 30_000;

export interface JsonAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads answers freely
  body: any;
}

/** One request on a new connection; a JSON body in and out. */
export function requestJson(
  method: string,
  url: string,
  options: { token?: string; body?: unknown } = {},
): Promise<JsonAnswer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: {
          ...(payload !== undefined && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
          ...(options.token && { authorization: `Bearer ${options.token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: the text as it came
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface Arrival {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads events freely
  data: any;
  /** performance.now() when the chunk holding the event was read from the socket. */
  at: number;
}

interface Waiter {
  match: (arrival: Arrival) => boolean;
  after: number;
  resolve: (arrival: Arrival) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A server-sent event stream on its own connection; events are kept until taken. */
export class EventStream {
  private readonly arrivals: Arrival[] = [];
  private readonly waiters = new Set<Waiter>();
  private chunkAt = 0;
  private ended?: Error;

  private constructor(private readonly req: http.ClientRequest) {}

  /** Opens the stream; resolves once the server answered 200 with an event stream. */
  static open(url: string, options: { token?: string; localAddress?: string } = {}): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const req = http.get(url, {
        agent: false,
        headers: {
          accept: 'text/event-stream',
          ...(options.token && { authorization: `Bearer ${options.token}` }),
        },
        ...(options.localAddress && { localAddress: options.localAddress }),
      });
      const stream = new EventStream(req);
      const parser = createParser({
        onEvent: (message) => {
          const arrival: Arrival = {
            event: message.event ?? 'message',
            data: JSON.parse(message.data) as unknown,
            at: stream.chunkAt,
          };
          stream.arrived(arrival);
        },
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200 || !res.headers['content-type']?.startsWith('text/event-stream')) {
          res.resume();
          reject(new Error(`${url}: HTTP ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          stream.chunkAt = performance.now();
          parser.feed(chunk);
        });
        res.on('close', () => stream.end(new Error(`${url}: the stream ended`)));
        resolve(stream);
      });
      req.on('error', (error) => {
        stream.end(error);
        reject(error);
      });
    });
  }

  /** The first event since `after` (performance.now()) that matches, kept or still to come. */
  next(match: (arrival: Arrival) => boolean, after = 0, timeoutMs = WAIT_MS): Promise<Arrival> {
    const index = this.arrivals.findIndex((a) => a.at >= after && match(a));
    if (index >= 0) return Promise.resolve(this.arrivals.splice(index, 1)[0]!);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        after,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`no matching event within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Forgets the events kept so far. */
  drop(): void {
    this.arrivals.length = 0;
  }

  close(): void {
    this.req.destroy();
  }

  private arrived(arrival: Arrival): void {
    for (const w of this.waiters)
      if (arrival.at >= w.after && w.match(arrival)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(arrival);
        return;
      }
    this.arrivals.push(arrival);
  }

  private end(error: Error): void {
    this.ended ??= error;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters.clear();
  }
}

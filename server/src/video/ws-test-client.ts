// A WebSocket client for tests of /ws: buffers what the server sends and waits for a message by type.
import WebSocket from 'ws';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read messages freely
type Message = { type: string; [key: string]: any };

export interface WsPeerOptions {
  /** Sent as the Cookie header, e.g. the web meeting's `sportello_meeting=…`. */
  cookie?: string;
  origin?: string;
  /** Added to /ws, e.g. `?client=meeting`. */
  query?: string;
}

export class WsPeer {
  private readonly inbox: Message[] = [];
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  /** Resolves with the close code once the socket has closed. */
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Message;
      const i = this.waiters.findIndex((w) => w.match(message));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(message);
      else this.inbox.push(message);
    });
  }

  static open(baseUrl: string, token?: string, options: WsPeerOptions = {}): Promise<WsPeer> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.cookie) headers.cookie = options.cookie;
    if (options.origin) headers.origin = options.origin;
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws${options.query ?? ''}`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new WsPeer(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first message of this type (and matching `where`), received already or within the timeout. */
  next(type: string, where: (m: Message) => boolean = () => true, timeoutMs = 3000): Promise<Message> {
    const match = (m: Message) => m.type === type && where(m);
    const i = this.inbox.findIndex(match);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (m: Message) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(
          new Error(`no ${type} within ${timeoutMs} ms; got ${this.inbox.map((m) => m.type).join(', ')}`),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Messages of this type received so far (left in the inbox). */
  received(type: string): Message[] {
    return this.inbox.filter((m) => m.type === type);
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

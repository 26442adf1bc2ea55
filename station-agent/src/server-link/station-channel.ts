// The agent's end of the station channel: one outbound WebSocket to the server with the station's
// credential (stations sit behind municipal firewalls: nothing ever connects to them). It reconnects with
// exponential backoff and jitter, so a restarted server is not hit by every station in the same second;
// reports that could not be sent wait for the next connection.
import {
  channelCloseCodes,
  ServerToStation,
  STATION_CHANNEL_PATH,
  type StationToServer,
} from '@sportello/protocol';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { StationCredential } from './credential-file.ts';

export interface ChannelHandlers {
  onMessage(message: ServerToStation): void;
}

export interface ChannelOptions {
  /** First retry after about this long (default 1 s), doubling up to `maxDelayMs` (default 60 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** With no ping from the server for this long the connection is taken for dead (default 75 s). */
  silenceMs?: number;
  /** For tests: the jitter's random source. */
  random?: () => number;
}

/** The wait before retry `attempt` (0-based): half fixed, half random, so stations spread out. */
export function retryDelay(attempt: number, min: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, min * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class StationChannelClient {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private silence: NodeJS.Timeout | undefined;
  private stopped = false;
  private refusedLogged = false;
  private readonly unsent: StationToServer[] = [];
  private readonly minDelay: number;
  private readonly maxDelay: number;
  private readonly silenceMs: number;
  private readonly random: () => number;

  constructor(
    private readonly credential: StationCredential,
    private readonly handlers: ChannelHandlers,
    private readonly log: Logger,
    options: ChannelOptions = {},
  ) {
    this.minDelay = options.minDelayMs ?? 1_000;
    this.maxDelay = options.maxDelayMs ?? 60_000;
    this.silenceMs = options.silenceMs ?? 75_000;
    this.random = options.random ?? Math.random;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.open();
  }

  /** Sends now, or on the next connection if the channel is down. */
  send(message: StationToServer): void {
    if (this.connected) this.socket!.send(JSON.stringify(message));
    else this.unsent.push(message);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearTimeout(this.silence);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'agent stopping');
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 2_000).unref();
    });
  }

  private open(): void {
    if (this.stopped) return;
    const url = new URL(STATION_CHANNEL_PATH, this.credential.serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${this.credential.token}` },
      handshakeTimeout: 10_000,
    });
    this.socket = socket;
    socket.on('unexpected-response', (_req, res) => {
      if (res.statusCode === 401 || res.statusCode === 403) this.refused(`HTTP ${res.statusCode}`);
      else this.log.warn({ status: res.statusCode }, 'station channel refused');
      socket.terminate();
    });
    socket.on('open', () => {
      this.attempt = 0;
      this.refusedLogged = false;
      this.log.info('station channel open');
      this.heard();
      for (const message of this.unsent.splice(0)) socket.send(JSON.stringify(message));
    });
    socket.on('ping', () => this.heard());
    socket.on('message', (data) => {
      this.heard();
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        json = undefined;
      }
      const parsed = ServerToStation.safeParse(json);
      if (!parsed.success) {
        this.log.warn('station channel: a message this agent does not know (server newer?)');
        return;
      }
      this.handlers.onMessage(parsed.data);
    });
    socket.on('error', (error) => this.log.debug({ err: error }, 'station channel error'));
    socket.on('close', (code, reason) => {
      clearTimeout(this.silence);
      if (this.socket !== socket || this.stopped) return;
      if (code === channelCloseCodes.revoked) this.refused(String(reason));
      else if (code === channelCloseCodes.replaced)
        this.log.warn('station channel: another agent with this credential connected');
      else this.log.info({ code }, 'station channel closed');
      this.schedule(code === channelCloseCodes.revoked);
    });
  }

  /** The server no longer takes this credential: keep trying slowly (a technician may restore it). */
  private refused(why: string): void {
    if (!this.refusedLogged)
      this.log.error({ why }, 'the server refuses this station’s credential: enrol the station again');
    this.refusedLogged = true;
    this.attempt = Math.max(this.attempt, 30);
  }

  private schedule(slow = false): void {
    if (this.stopped) return;
    const wait = slow ? this.maxDelay : retryDelay(this.attempt++, this.minDelay, this.maxDelay, this.random);
    this.retry = setTimeout(() => this.open(), wait);
    this.retry.unref();
  }

  /** The server pings every half minute: a long silence is a dead connection (a cable pulled, NAT lost). */
  private heard(): void {
    clearTimeout(this.silence);
    this.silence = setTimeout(() => this.socket?.terminate(), this.silenceMs);
    this.silence.unref();
  }
}

// /ws for the browser apps (protocol/src/video.ts): the waiting room, officials' status and call signaling.
// The browser sends its cookie on the upgrade (the kiosk goes through its agent, which adds the station's
// credential); the socket reconnects by itself until closed.
import type { ClientMessage, ServerMessage } from '@sportello/protocol';

export type CallStarted = Extract<ServerMessage, { type: 'call.started' }>;
export type SignalMessage = Extract<ServerMessage, { type: 'call.answer' | 'call.offer' | 'call.ice' }>;
export type Connection = 'connecting' | 'open' | 'closed';
type IceCandidate = Extract<ClientMessage, { type: 'call.ice' }>['candidate'];

const RETRY_MS = [500, 1000, 2000, 5000, 10_000];
/** The server closes with this code when the same official opened a newer console. */
const REPLACED = 4000;
/** …and with this one when an admin ended the official's sessions; the reason says why. */
const SESSION_ENDED = 4001;

/** Why the socket closed for good: another console took over, or an admin ended the session. */
export type ClosedWhy = 'replaced' | 'account-disabled' | 'session-ended';

/** Thrown when a message is sent while the socket is not open. */
export class NotConnected extends Error {
  constructor() {
    super('the video connection is not open');
    this.name = 'NotConnected';
  }
}

export class VideoSocket {
  private ws?: WebSocket;
  private attempt = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;
  private readonly listeners = new Set<(message: ServerMessage) => void>();
  private readonly connectionListeners = new Set<(connection: Connection, why?: ClosedWhy) => void>();

  constructor(private readonly url = VideoSocket.defaultUrl()) {
    this.connect();
  }

  static defaultUrl(): string {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  }

  /** Every valid server message; returns the unsubscribe function. */
  subscribe(listener: (message: ServerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onConnection(listener: (connection: Connection, why?: ClosedWhy) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  send(message: ClientMessage): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) throw new NotConnected();
    this.ws.send(JSON.stringify(message));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.ws?.close(1000, 'signed out');
  }

  private connect(): void {
    this.tell('connecting');
    const ws = (this.ws = new WebSocket(this.url));
    ws.addEventListener('open', () => {
      this.attempt = 0;
      this.tell('open');
    });
    ws.addEventListener('message', (event) => {
      let json: unknown;
      try {
        json = JSON.parse(String(event.data));
      } catch {
        return;
      }
      // Our own server, typed with this page, sent it: the browsers check its shape no further (zod stays out).
      if (typeof (json as { type?: unknown } | null)?.type !== 'string') return;
      for (const listener of [...this.listeners]) listener(json as ServerMessage);
    });
    ws.addEventListener('close', (event) => {
      if (this.ws !== ws) return;
      if (this.closed || event.code === REPLACED || event.code === SESSION_ENDED) {
        this.closed = true;
        const why: ClosedWhy | undefined =
          event.code === REPLACED
            ? 'replaced'
            : event.code === SESSION_ENDED
              ? event.reason === 'account-disabled'
                ? 'account-disabled'
                : 'session-ended'
              : undefined;
        this.tell('closed', why);
        return;
      }
      this.tell('connecting');
      const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }

  private tell(connection: Connection, why?: ClosedWhy): void {
    for (const listener of [...this.connectionListeners]) listener(connection, why);
  }
}

export const setStatus = (socket: VideoSocket, status: 'available' | 'paused') =>
  socket.send({ type: 'official.status', status });

export const acceptNext = (socket: VideoSocket) => socket.send({ type: 'queue.accept-next' });

/** The official's offer made before call.started: the server hands it to the citizen with the match. */
export const sendEarlyOffer = (socket: VideoSocket, sdp: string) => socket.send({ type: 'queue.offer', sdp });

export const sendOffer = (socket: VideoSocket, callId: string, sdp: string) =>
  socket.send({ type: 'call.offer', callId, sdp });

export const sendAnswer = (socket: VideoSocket, callId: string, sdp: string) =>
  socket.send({ type: 'call.answer', callId, sdp });

/** An ICE candidate of ours, or null at the end of gathering. */
export const sendIce = (socket: VideoSocket, callId: string, candidate: IceCandidate) =>
  socket.send({ type: 'call.ice', callId, candidate });

export const hangUp = (socket: VideoSocket, callId: string, reason?: 'hangup' | 'media-failed') =>
  socket.send({ type: 'call.hangup', callId, ...(reason && { reason }) });

// One side of a video call for the bench (../video-call-bench.ts), built from the project's own code: the
// official's OfficialCall or the citizen's CitizenCall, over the real /ws (VideoSocket) or, for the floors,
// over a BroadcastChannel between two pages of one browser context (signaling passed directly, no server) or
// through a bare WebSocket relay (../ws-relay-child.ts: the wire without the server).
// Times are wall-clock milliseconds (timeOrigin + now), so the two pages' times compare.
import type { IceServer, QueueEntry, ServerMessage } from '@sportello/protocol';
import { CitizenCall } from '@sportello/web-common/citizen-call';
import {
  acceptNext,
  setStatus,
  VideoSocket,
  type CallStarted,
  type SignalMessage,
} from '@sportello/web-common/video-socket';
import { OfficialCall } from '../../../console/src/call/official-call.ts';

export type Mode = 'server' | 'relay' | 'direct';
/** What one side saw of one call: when it became connected and when the first remote video frame came. */
export interface SideTimes {
  connectedAt: number;
  frameAt: number;
}
export interface OfficialTimes extends SideTimes {
  /** The moment the official asked for the next citizen (server) or started the call (floors). */
  acceptedAt: number;
  /** When call.started reached the official (server only). */
  startedAt?: number;
  callId: string;
}

const now = () => performance.timeOrigin + performance.now();
const CHANNEL = 'sportello-bench-signaling';
const CALL_TIMEOUT_MS = 20_000;

/** What the floors' sockets share: whoever subscribed gets each message received. */
abstract class FloorSocket {
  private readonly listeners = new Set<(message: ServerMessage) => void>();
  readonly open = true;

  subscribe(listener: (message: ServerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  abstract send(message: unknown): void;

  protected deliver(message: ServerMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }
}

/**
 * The floor's stand-in for VideoSocket: what one page sends, the other page receives as is — the same
 * relay the server does for call.offer / call.answer / call.ice, minus the server.
 */
class DirectSocket extends FloorSocket {
  private readonly channel = new BroadcastChannel(CHANNEL);

  constructor() {
    super();
    this.channel.onmessage = (event: MessageEvent<ServerMessage>) => this.deliver(event.data);
  }

  send(message: unknown): void {
    this.channel.postMessage(message);
  }
}

/** The relay floor's: the same messages as JSON text through the bare relay, which passes them on unread. */
class RelaySocket extends FloorSocket {
  private constructor(private readonly ws: WebSocket) {
    super();
    ws.onmessage = (event: MessageEvent<string>) => this.deliver(JSON.parse(event.data) as ServerMessage);
  }

  static async open(url: string): Promise<RelaySocket> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = () => reject(new Error(`the relay at ${url} refused the connection`));
    });
    return new RelaySocket(ws);
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }
}

let socket: VideoSocket | FloorSocket;

/** What this page did when, for the bench's breakdown of where a call's time goes. */
const trace: { what: string; at: number }[] = [];
const mark = (what: string) => trace.push({ what, at: now() });
/** Marks every message this page sends and receives on `s`. */
function traced<S extends VideoSocket | FloorSocket>(s: S): S {
  const send = s.send.bind(s) as (m: unknown) => void;
  s.send = ((m: { type: string }) => {
    mark(`send ${m.type}`);
    send(m);
  }) as S['send'];
  s.subscribe((m) => mark(`recv ${m.type}`));
  return s;
}
/** The classes take a VideoSocket; they only call send, which the floors' sockets have. */
const asVideoSocket = () => socket as VideoSocket;

const isSignal = (m: ServerMessage): m is SignalMessage =>
  m.type === 'call.offer' || m.type === 'call.answer' || m.type === 'call.ice';

function nextMessage<T extends ServerMessage['type']>(
  type: T,
  match: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${type} within ${CALL_TIMEOUT_MS} ms`));
    }, CALL_TIMEOUT_MS);
    const off = socket.subscribe((m) => {
      if (m.type === 'error') {
        clearTimeout(timer);
        off();
        reject(new Error(`server error ${m.code}: ${m.message}`));
      } else if (m.type === type && match(m as Extract<ServerMessage, { type: T }>)) {
        clearTimeout(timer);
        off();
        resolve(m as Extract<ServerMessage, { type: T }>);
      }
    });
  });
}

/** Resolves when `state` becomes connected; rejects on failed or after the call timeout. */
function stateWatch<S extends string>(): { onState: (s: S) => void; connected: Promise<number> } {
  let onState: (s: S) => void = () => undefined;
  const connected = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not connected in time')), CALL_TIMEOUT_MS);
    onState = (s) => {
      if (s === 'connected') {
        clearTimeout(timer);
        mark('connected');
        resolve(now());
      } else if (s === 'failed') {
        clearTimeout(timer);
        reject(new Error('the call failed'));
      }
    };
  });
  return { onState, connected };
}

/**
 * The first remote video frame decoded and ready in the page's video element (loadeddata). Not the frame's
 * paint (requestVideoFrameCallback): headless Chromium's software compositor, on a loaded machine, adds
 * up to a second to that, which is not the call's doing.
 */
function firstFrame(remote: MediaStream): Promise<number> {
  const video = document.querySelector<HTMLVideoElement>('#remote')!;
  video.srcObject = remote;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no remote video frame in time')), CALL_TIMEOUT_MS);
    video.addEventListener(
      'loadeddata',
      () => {
        clearTimeout(timer);
        mark('first frame');
        resolve(now());
      },
      { once: true },
    );
  });
}

function clearVideo(): void {
  document.querySelector<HTMLVideoElement>('#remote')!.srcObject = null;
}

/**
 * Opens the socket: the real /ws (this page's cookie or the context's Authorization header), the bare relay at
 * `relayUrl`, or the channel.
 */
async function connect(mode: Mode, relayUrl = ''): Promise<void> {
  if (mode === 'direct') {
    socket = traced(new DirectSocket());
    return;
  }
  if (mode === 'relay') {
    socket = traced(await RelaySocket.open(relayUrl));
    return;
  }
  const real = traced(new VideoSocket());
  socket = real;
  await new Promise<void>((resolve) => {
    const off = real.onConnection((c) => {
      if (c === 'open') {
        off();
        resolve();
      }
    });
  });
}

// ---- the official ----

let officialCall: OfficialCall | undefined;

/** Signs in as a console does (the session cookie), opens /ws and becomes available. */
async function officialSignIn(username: string, password: string): Promise<void> {
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in: HTTP ${response.status}`);
  await connect('server');
  const available = nextMessage('official.state', (m) => m.status === 'available');
  setStatus(asVideoSocket(), 'available');
  await available;
}

/** A call.started the floors make up in place of the server's match (same fields, same ICE servers). */
function directStart(iceServers: IceServer[]): { official: CallStarted; citizen: CallStarted } {
  const callId = crypto.randomUUID();
  const entry: QueueEntry = {
    id: crypto.randomUUID(),
    group: 'rovigo',
    origin: 'station',
    station: 'adria-municipio',
    sector: 'assicurato-pensionato',
    service: 'pensione-informazioni',
    since: new Date().toISOString(),
    authLevel: 'typed',
    status: 'in-call',
    official: 'ro-laura-bianchi',
    callId,
  };
  const base = { type: 'call.started' as const, callId, iceServers, entry };
  const official = { id: 'ro-laura-bianchi', name: 'Laura Bianchi' };
  return {
    official: { ...base, role: 'official', official },
    citizen: { ...base, role: 'citizen', official },
  };
}

/**
 * One call as the console makes it: accept (or, for the floors, start directly) and at once start making the
 * call (camera and microphone, the offer: OfficialCall), then start it on call.started; resolves once
 * connected and a remote frame is shown.
 */
async function officialCallOnce(mode: Mode, iceServers: IceServer[] = []): Promise<OfficialTimes> {
  const acceptedAt = now();
  let started: CallStarted;
  let startedAt: number | undefined;
  let off: () => void = () => undefined;
  const make = () => {
    const made = (officialCall = new OfficialCall(asVideoSocket()));
    void made.local.then(() => mark('media open'));
    // From the accept on, as the console's prepared call does: the citizen may answer an early offer at once.
    const unsubscribe = socket.subscribe((m) => {
      if (isSignal(m)) void made.handle(m);
    });
    off = () => void unsubscribe();
    return made;
  };
  let call: OfficialCall;
  if (mode === 'server') {
    const matched = nextMessage('call.started', (m) => m.role === 'official');
    acceptNext(asVideoSocket());
    call = make();
    started = await matched;
    startedAt = now();
  } else {
    const made = directStart(iceServers);
    (socket as FloorSocket).send(made.citizen);
    call = make();
    started = made.official;
  }
  const watch = stateWatch();
  const frame = firstFrame(call.remote);
  try {
    await call.start(started, watch.onState);
    const [connectedAt, frameAt] = await Promise.all([watch.connected, frame]);
    return { acceptedAt, startedAt, connectedAt, frameAt, callId: started.callId };
  } catch (error) {
    call.close();
    throw error;
  } finally {
    off();
  }
}

/** Hangs up; with the server, waits until it has made the official available again. */
async function officialHangUp(mode: Mode): Promise<void> {
  const available =
    mode === 'server' ? nextMessage('official.state', (m) => m.status === 'available') : undefined;
  officialCall?.hangUp();
  officialCall = undefined;
  clearVideo();
  await available;
}

// ---- the citizen ----

interface CitizenTurn {
  times: Promise<SideTimes>;
  ended: Promise<void>;
}
let turn: CitizenTurn | undefined;

/**
 * Waits for the next call like a kiosk in the waiting room, its camera and microphone already open (the
 * kiosk's preparation screen and the meeting page's device check open them before joining): answers it
 * with CitizenCall.
 */
function citizenAwait(local: MediaStream): CitizenTurn {
  let ended!: () => void;
  const endedPromise = new Promise<void>((resolve) => (ended = resolve));
  let call: CitizenCall | undefined;
  const times = new Promise<SideTimes>((resolve, reject) => {
    const finish = () => {
      off();
      call?.close();
      for (const track of local.getTracks()) track.stop();
      clearVideo();
      reject(new Error('the call ended before it connected')); // no-op once resolved
      ended();
    };
    const begin = async (started: CallStarted) => {
      const watch = stateWatch();
      const answering = (call = new CitizenCall(started, asVideoSocket(), local, watch.onState));
      const frame = firstFrame(answering.remote);
      const [connectedAt, frameAt] = await Promise.all([watch.connected, frame]);
      resolve({ connectedAt, frameAt });
    };
    const off = socket.subscribe((m) => {
      const type: string = m.type; // the floors' official sends call.hangup where the server sends call.ended
      if (m.type === 'call.started' && m.role === 'citizen' && !call) begin(m).catch(reject);
      else if (isSignal(m)) void call?.handle(m);
      else if (type === 'call.ended' || type === 'call.hangup') finish();
    });
  });
  // The bench reads `times` later; a rejection before then is not unhandled.
  times.catch(() => undefined);
  return { times, ended: endedPromise };
}

/** Opens camera and microphone, joins the queue (server) and waits for the call; resolves once in the queue. */
async function citizenJoin(mode: Mode): Promise<void> {
  turn = citizenAwait(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
  if (mode !== 'server') return;
  const joined = nextMessage('queue.joined');
  socket.send({ type: 'queue.join', service: 'pensione-informazioni', authMethod: 'typed' });
  await joined;
}

const bench = {
  connect,
  officialSignIn,
  officialCallOnce,
  officialHangUp,
  citizenJoin,
  citizenTimes: () => turn!.times,
  citizenEnded: () => turn!.ended,
  /** Everything marked since the last call, oldest first. */
  takeTrace: () => trace.splice(0),
};
export type Bench = typeof bench;
(window as unknown as { bench: Bench }).bench = bench;

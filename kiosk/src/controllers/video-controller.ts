// The citizen's video call, from joining the waiting room to the end of the call: owns the /ws socket, the
// camera and microphone handed over by the preparation screen, and the WebRTC answerer. The app reads its
// state for the waiting and call screens and is told once how it ended: a finished call, or a reason to
// offer a callback. close() leaves nothing open: socket closed, every track stopped.
import type { Language, ServerMessage, Service } from '@sportello/protocol';
import { CitizenCall, type CitizenCallState } from '@sportello/web-common/citizen-call';
import type { VideoSocket } from '@sportello/web-common/video-socket';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { joinQueue, leaveQueue, openVideoSocket, type Assistant, type Suggestion } from '../data/video.ts';
import type { Identity } from '../session/kiosk-session.ts';

export type VideoPhase = 'off' | 'joining' | 'waiting' | 'in-call';

/** Why the call did not happen or did not last: each leads to a callback offer. */
export type FallbackReason = 'failed' | 'dropped' | 'no-official-online' | 'asked' | 'no-camera';

export type VideoOutcome =
  { kind: 'ended' } | { kind: 'fallback'; reason: FallbackReason; callback?: Suggestion | null };

export interface VideoJoin {
  service: Service;
  identity: Identity;
  assistant?: Assistant;
  language: Language;
  /** The camera and microphone the citizen checked; the controller stops them when it closes. */
  local: MediaStream;
}

/** Without an answer to queue.join in this time the waiting room is not reachable. */
const JOIN_TIMEOUT_MS = 15_000;

export class VideoController implements ReactiveController {
  phase: VideoPhase = 'off';
  /** 1 = next. */
  position?: number;
  estimatedWaitMinutes?: number;
  /** The server said the wait is too long: the waiting screen offers this callback while still waiting. */
  waitTooLong?: { callback: Suggestion | null };
  /** The official's name, once matched. */
  official?: string;
  callState?: CitizenCallState;
  remote?: MediaStream;
  local?: MediaStream;
  muted = false;
  /** The call of this session, kept after it ends: its follow-up is asked for by this id. */
  lastCallId?: string;

  private socket?: VideoSocket;
  private call?: CitizenCall;
  private releases: (() => void)[] = [];
  private joinTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly events: { onCallStarted: () => void; onOutcome: (outcome: VideoOutcome) => void },
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  join(join: VideoJoin): void {
    this.close();
    this.lastCallId = undefined;
    this.local = join.local;
    this.phase = 'joining';
    const socket = (this.socket = openVideoSocket());
    let opened = false;
    this.releases.push(
      socket.onConnection((connection) => {
        if (connection === 'open' && !opened) {
          opened = true;
          joinQueue(socket, join);
        } else if (connection !== 'open' && opened) {
          // The agent keeps /ws open for the whole session: a drop means the server has let us go.
          this.finish({ kind: 'fallback', reason: 'dropped' });
        }
      }),
      socket.subscribe((message) => this.onMessage(message)),
    );
    this.joinTimer = setTimeout(() => {
      if (this.phase === 'joining') this.finish({ kind: 'fallback', reason: 'dropped' });
    }, JOIN_TIMEOUT_MS);
    this.host.requestUpdate();
  }

  /** "Preferisco essere richiamato": out of the queue, on to the callback. */
  leave(): void {
    this.finish({ kind: 'fallback', reason: 'asked', callback: this.waitTooLong?.callback });
  }

  /** The citizen ends the call (close() tells the official). */
  hangUp(): void {
    this.finish({ kind: 'ended' });
  }

  /** The call sends this same local stream, so muting its tracks mutes the call too. */
  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
    this.host.requestUpdate();
  }

  /** Ends whatever is going on without telling the app: the queue left, the call hung up, all closed. */
  close(): void {
    clearTimeout(this.joinTimer);
    for (const release of this.releases.splice(0)) release();
    const socket = this.socket;
    try {
      if (this.call) this.call.hangUp('hangup');
      else if (socket?.open && (this.phase === 'waiting' || this.phase === 'joining')) leaveQueue(socket);
    } catch {
      // The socket is already down: the server drops our place by itself.
    }
    socket?.close();
    for (const track of this.local?.getTracks() ?? []) track.stop();
    for (const track of this.remote?.getTracks() ?? []) track.stop();
    this.socket = undefined;
    this.call = undefined;
    this.local = undefined;
    this.remote = undefined;
    this.phase = 'off';
    this.position = undefined;
    this.estimatedWaitMinutes = undefined;
    this.waitTooLong = undefined;
    this.official = undefined;
    this.callState = undefined;
    this.muted = false;
    this.host.requestUpdate();
  }

  private finish(outcome: VideoOutcome): void {
    if (this.phase === 'off') return;
    this.close();
    this.events.onOutcome(outcome);
  }

  private onMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'queue.joined':
        clearTimeout(this.joinTimer);
        this.phase = 'waiting';
        break;
      case 'queue.position':
        this.position = message.position;
        this.estimatedWaitMinutes = message.estimatedWaitMinutes;
        break;
      case 'queue.no-official':
        if (message.reason === 'no-official-online')
          return this.finish({ kind: 'fallback', reason: message.reason, callback: message.callback });
        this.waitTooLong = { callback: message.callback };
        break;
      case 'call.started':
        if (message.role !== 'citizen' || !this.socket || this.call) return;
        this.startCall(message, this.socket);
        return;
      case 'call.offer':
      case 'call.answer':
      case 'call.ice':
        void this.call?.handle(message);
        return;
      case 'call.ended':
        if (!this.call || message.callId !== this.call.callId) return;
        this.call.close();
        return this.finish(
          message.reason === 'hangup' ? { kind: 'ended' } : { kind: 'fallback', reason: 'failed' },
        );
      case 'error':
        // Refused at the door (e.g. a card sign-in that has expired): the call cannot happen now.
        if (this.phase === 'joining') return this.finish({ kind: 'fallback', reason: 'failed' });
        return;
      default:
        return;
    }
    this.host.requestUpdate();
  }

  private startCall(started: Extract<ServerMessage, { type: 'call.started' }>, socket: VideoSocket): void {
    this.phase = 'in-call';
    this.lastCallId = started.callId;
    this.official = started.official.name;
    this.waitTooLong = undefined;
    this.call = new CitizenCall(started, socket, this.local ?? null, (state) => this.onCallState(state));
    this.remote = this.call.remote;
    this.host.requestUpdate();
    this.events.onCallStarted();
  }

  private onCallState(state: CitizenCallState): void {
    this.callState = state;
    if (state === 'failed') {
      this.call?.hangUp('media-failed');
      this.finish({ kind: 'fallback', reason: 'failed' });
      return;
    }
    this.host.requestUpdate();
  }
}

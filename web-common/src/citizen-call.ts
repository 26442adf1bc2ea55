// The citizen's side of one video call, shared by the kiosk and the web-meeting page. The official makes
// the offer (and a new one with an ICE restart when the connection drops); we answer every offer.
// A connection that does not come up, or does not come back, within its time is reported as failed:
// the page then hangs up with reason media-failed and offers a callback.
import { asCandidate, openPeerConnection } from './peer-connection.ts';
import {
  hangUp,
  sendAnswer,
  type CallStarted,
  type SignalMessage,
  type VideoSocket,
} from './video-socket.ts';

export type CitizenCallState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'ended';

/** How long the first connection may take. */
const CONNECT_TIMEOUT_MS = 20_000;
/** How long a dropped connection may take to come back (the official restarts ICE meanwhile). */
const RECONNECT_TIMEOUT_MS = 15_000;

export class CitizenCall {
  readonly remote = new MediaStream();
  private readonly pc: RTCPeerConnection;
  private readonly early: RTCIceCandidateInit[] = [];
  private chain = Promise.resolve();
  private timer?: ReturnType<typeof setTimeout>;
  private done = false;
  private state: CitizenCallState = 'connecting';

  constructor(
    private readonly started: CallStarted,
    private readonly socket: VideoSocket,
    private readonly local: MediaStream | null,
    private readonly onState: (state: CitizenCallState) => void,
  ) {
    this.pc = openPeerConnection(started, socket, this.remote, () => this.done);
    if (local) for (const track of local.getTracks()) this.pc.addTrack(track, local);
    this.pc.addEventListener('connectionstatechange', () => this.onConnectionState());
    this.setState('connecting');
    this.deadline(CONNECT_TIMEOUT_MS);
  }

  get callId(): string {
    return this.started.callId;
  }

  /** A signaling message relayed from the official; handled strictly in order. */
  handle(message: SignalMessage): Promise<void> {
    if (message.callId !== this.started.callId) return Promise.resolve();
    this.chain = this.chain
      .then(() => this.apply(message))
      .catch(() => {
        if (!this.done) this.setState('failed');
      });
    return this.chain;
  }

  setMuted(muted: boolean): void {
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /**
   * Sends another camera's track in place of the current one (the back camera, to show a document):
   * replaceTrack on the video sender, so the call goes on without a new offer.
   */
  async replaceVideoTrack(track: MediaStreamTrack): Promise<void> {
    const sender = this.pc.getSenders().find((s) => s.track?.kind === 'video');
    if (!sender) throw new Error('this call sends no video');
    await sender.replaceTrack(track);
  }

  /** Tells the server (which tells the official) and closes the connection. */
  hangUp(reason: 'hangup' | 'media-failed' = 'hangup'): void {
    try {
      if (!this.done) hangUp(this.socket, this.started.callId, reason);
    } catch {
      // The socket is down: the server has ended the call already.
    } finally {
      this.close();
    }
  }

  /** Closes the connection; the caller owns the local stream and stops it. */
  close(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.pc.close();
    this.setState('ended');
  }

  private async apply(message: SignalMessage): Promise<void> {
    if (this.done) return;
    if (message.type === 'call.offer') {
      await this.pc.setRemoteDescription({ type: 'offer', sdp: message.sdp });
      for (const candidate of this.early.splice(0)) await this.pc.addIceCandidate(candidate);
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      sendAnswer(this.socket, this.started.callId, answer.sdp ?? '');
    } else if (message.type === 'call.ice') {
      const candidate = asCandidate(message.candidate);
      if (candidate === undefined) return;
      if (this.pc.remoteDescription) await this.pc.addIceCandidate(candidate ?? undefined);
      else if (candidate) this.early.push(candidate);
    }
  }

  private onConnectionState(): void {
    if (this.done) return;
    switch (this.pc.connectionState) {
      case 'connected':
        clearTimeout(this.timer);
        this.setState('connected');
        return;
      case 'disconnected':
      case 'failed':
        if (this.state === 'connected') {
          this.setState('reconnecting');
          this.deadline(RECONNECT_TIMEOUT_MS);
        }
        return;
      default:
        return;
    }
  }

  private deadline(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.done && this.pc.connectionState !== 'connected') this.setState('failed');
    }, ms);
  }

  private setState(state: CitizenCallState): void {
    this.state = state;
    this.onState(state);
  }
}

// The official's side of one video call. The official makes the offer (protocol: call.started), the
// citizen's kiosk answers; candidates arriving before the answer wait until the remote description is set.
// A dropped connection is restarted from here (a new offer with an ICE restart): the official offers.
// A first connection that does not come up in time is failed here too, whatever the citizen's side does.
import { asCandidate, openPeerConnection } from '@sportello/web-common/peer-connection';
import {
  hangUp,
  sendOffer,
  type CallStarted,
  type SignalMessage,
  type VideoSocket,
} from '@sportello/web-common/video-socket';

const RESTART_AFTER_MS = 2000;
const MAX_RESTARTS = 3;
/** How long the first connection may take: as long as the citizen's side waits (web-common citizen-call). */
const CONNECT_TIMEOUT_MS = 20_000;

export type CallState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'ended';

/** Camera and microphone for the self-view and the citizen; null when the browser refuses them. */
export async function openLocalMedia(): Promise<MediaStream | null> {
  try {
    return await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  } catch {
    return null;
  }
}

export class OfficialCall {
  readonly remote = new MediaStream();
  private readonly pc: RTCPeerConnection;
  private readonly early: RTCIceCandidateInit[] = [];
  private answered = false;
  private done = false;
  private restarts = 0;
  private restartTimer?: ReturnType<typeof setTimeout>;
  private connectTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly started: CallStarted,
    private readonly socket: VideoSocket,
    private readonly local: MediaStream | null,
    private readonly onState: (state: CallState) => void,
  ) {
    this.pc = openPeerConnection(started, socket, this.remote, () => this.done);
    this.pc.addEventListener('connectionstatechange', () => {
      const state = this.pc.connectionState;
      clearTimeout(this.restartTimer);
      if (state === 'connected') {
        clearTimeout(this.connectTimer);
        this.onState('connected');
      } else if (state === 'disconnected') {
        this.onState('reconnecting');
        // Often back by itself within a second or two; restart only if it is not.
        this.restartTimer = setTimeout(() => void this.restart(), RESTART_AFTER_MS);
      } else if (state === 'failed') {
        this.onState('reconnecting');
        void this.restart();
      }
    });
  }

  /** A new offer with fresh ICE credentials; the citizen answers it as the first one. */
  private async restart(): Promise<void> {
    if (this.done || this.restarts >= MAX_RESTARTS) {
      if (!this.done) this.onState('failed');
      return;
    }
    this.restarts++;
    try {
      const offer = await this.pc.createOffer({ iceRestart: true });
      await this.pc.setLocalDescription(offer);
      sendOffer(this.socket, this.started.callId, offer.sdp ?? '');
    } catch {
      this.onState('failed');
    }
  }

  get callId(): string {
    return this.started.callId;
  }

  /** Adds our tracks (or receive-only transceivers without a camera) and sends the offer. */
  async start(): Promise<void> {
    this.onState('connecting');
    // A TURN that refuses our credentials leaves the connection at `new` for ever: no event would come.
    this.connectTimer = setTimeout(() => {
      if (!this.done) this.onState('failed');
    }, CONNECT_TIMEOUT_MS);
    if (this.local) for (const track of this.local.getTracks()) this.pc.addTrack(track, this.local);
    else for (const kind of ['audio', 'video']) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    sendOffer(this.socket, this.started.callId, offer.sdp ?? '');
  }

  /** A signaling message of this call relayed from the citizen. */
  async handle(message: SignalMessage): Promise<void> {
    if (message.callId !== this.started.callId || this.done) return;
    if (message.type === 'call.answer') {
      await this.pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
      this.answered = true;
      for (const candidate of this.early.splice(0)) await this.pc.addIceCandidate(candidate);
    } else if (message.type === 'call.ice') {
      const candidate = asCandidate(message.candidate);
      if (candidate === undefined) return;
      if (this.answered) await this.pc.addIceCandidate(candidate ?? undefined);
      else if (candidate) this.early.push(candidate);
    }
  }

  setMuted(muted: boolean): void {
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** Tells the server (which tells the citizen) and closes the connection. */
  hangUp(): void {
    try {
      hangUp(this.socket, this.started.callId);
    } finally {
      this.close();
    }
  }

  /** Closes the connection and turns camera and microphone off. */
  close(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.connectTimer);
    this.pc.close();
    for (const track of this.local?.getTracks() ?? []) track.stop();
    this.onState('ended');
  }
}

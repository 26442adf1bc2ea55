// The official's side of one video call. The official makes the offer (protocol: call.started), the
// citizen's kiosk answers; candidates arriving before the answer wait until the remote description is set.
import {
  hangUp,
  sendIce,
  sendOffer,
  type CallStarted,
  type SignalMessage,
  type VideoSocket,
} from '../data/video-socket.ts';

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

  constructor(
    private readonly started: CallStarted,
    private readonly socket: VideoSocket,
    private readonly local: MediaStream | null,
    private readonly onState: (state: CallState) => void,
  ) {
    this.pc = new RTCPeerConnection({ iceServers: started.iceServers });
    this.pc.addEventListener('track', (event) => {
      if (!this.remote.getTracks().includes(event.track)) this.remote.addTrack(event.track);
    });
    this.pc.addEventListener('icecandidate', (event) => {
      if (this.done) return;
      try {
        const c = event.candidate;
        sendIce(
          socket,
          started.callId,
          c && {
            candidate: c.candidate,
            sdpMid: c.sdpMid,
            sdpMLineIndex: c.sdpMLineIndex,
            usernameFragment: c.usernameFragment,
          },
        );
      } catch {
        // The socket is down: the server ends the call on its side and says so when it is back.
      }
    });
    this.pc.addEventListener('connectionstatechange', () => {
      const state = this.pc.connectionState;
      if (state === 'connected') this.onState('connected');
      else if (state === 'disconnected') this.onState('reconnecting');
      else if (state === 'failed') this.onState('failed');
    });
  }

  get callId(): string {
    return this.started.callId;
  }

  /** Adds our tracks (or receive-only transceivers without a camera) and sends the offer. */
  async start(): Promise<void> {
    this.onState('connecting');
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
    this.pc.close();
    for (const track of this.local?.getTracks() ?? []) track.stop();
    this.onState('ended');
  }
}

/** The relayed candidate as RTCIceCandidateInit, null for end-of-candidates, undefined when malformed. */
function asCandidate(value: unknown): RTCIceCandidateInit | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || typeof (value as { candidate?: unknown }).candidate !== 'string')
    return undefined;
  return value as RTCIceCandidateInit;
}

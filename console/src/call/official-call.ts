// The official's side of one video call. The official makes the offer (protocol: call.started), the
// citizen's kiosk answers; candidates arriving before the answer wait until the remote description is set.
// Everything that does not need the server's match is done from the accept on, while the server makes it:
// camera and microphone, the peer connection with our tracks, the offer. An offer ready before call.started
// goes to the server at once (queue.offer), which hands it to the citizen with the match; call.started then
// only sets the call's ICE servers and the offer as our description (start), else it also sends the offer.
// A dropped connection is restarted from here (a new offer with an ICE restart): the official offers.
// A first connection that does not come up in time is failed here too, whatever the citizen's side does.
import { asCandidate, newPeerConnection, trickle } from '@sportello/web-common/peer-connection';
import {
  hangUp,
  sendEarlyOffer,
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
  /** Camera and microphone (null when the browser refuses them), asked for as the call is made. */
  readonly local: Promise<MediaStream | null>;
  private readonly pc: RTCPeerConnection;
  /** Our tracks added and the offer made: usually ready before call.started comes. */
  private readonly offer: Promise<RTCSessionDescriptionInit>;
  private readonly early: RTCIceCandidateInit[] = [];
  private started?: CallStarted;
  /** The offer went before call.started (queue.offer): the server gives it to the citizen. */
  private offerSent = false;
  /** Our offer is our local description: an answer may be applied. */
  private described?: Promise<void>;
  /** Signaling that came before call.started reached us (the citizen answered the early offer): kept for start. */
  private readonly beforeStart: SignalMessage[] = [];
  private onState: (state: CallState) => void = () => undefined;
  private media: MediaStream | null = null;
  private answered = false;
  private done = false;
  private restarts = 0;
  private restartTimer?: ReturnType<typeof setTimeout>;
  private connectTimer?: ReturnType<typeof setTimeout>;

  /** Starts making the call: at the official's accept, before the server has matched anyone. */
  constructor(
    private readonly socket: VideoSocket,
    openMedia: () => Promise<MediaStream | null> = openLocalMedia,
  ) {
    // The call's own ICE servers come with call.started; gathering starts only after (start).
    this.pc = newPeerConnection([], this.remote);
    this.local = openMedia().then((local) => {
      // Closed while the camera opened (the accept was refused): nothing may stay on.
      if (this.done) for (const track of local?.getTracks() ?? []) track.stop();
      else this.media = local;
      return local;
    });
    this.offer = this.local.then((local) => {
      if (this.done) throw new Error('the call was closed');
      if (local) for (const track of local.getTracks()) this.pc.addTrack(track, local);
      else for (const kind of ['audio', 'video']) this.pc.addTransceiver(kind, { direction: 'recvonly' });
      return this.pc.createOffer();
    });
    // A call closed before start has nobody to tell why its offer was not made.
    void this.offer.then(
      (offer) => {
        // Made while the server still matches: sent now, so it reaches the citizen with the match, one hop.
        if (this.started || this.done) return;
        try {
          sendEarlyOffer(this.socket, offer.sdp ?? '');
          this.offerSent = true;
        } catch {
          // The socket is down: start sends the offer as call.offer, as it would have anyway.
        }
      },
      () => undefined,
    );
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
      sendOffer(this.socket, this.started!.callId, offer.sdp ?? '');
    } catch {
      this.onState('failed');
    }
  }

  /** The call's id once call.started has come. */
  get callId(): string | undefined {
    return this.started?.callId;
  }

  /**
   * The server's call.started: the call's ICE servers set, then the offer made since the accept goes out,
   * and each candidate of ours follows it as soon as it is found.
   */
  async start(started: CallStarted, onState: (state: CallState) => void): Promise<void> {
    if (this.started) throw new Error('this call has started already');
    this.started = started;
    this.onState = onState;
    onState('connecting');
    // A TURN that refuses our credentials leaves the connection at `new` for ever: no event would come.
    this.connectTimer = setTimeout(() => {
      if (!this.done) this.onState('failed');
    }, CONNECT_TIMEOUT_MS);
    trickle(this.pc, this.socket, started.callId, () => this.done);
    let described!: () => void;
    this.described = new Promise((resolve) => (described = resolve));
    for (const message of this.beforeStart.splice(0))
      this.handle(message).catch(() => {
        if (!this.done) this.onState('failed');
      });
    const offer = await this.offer;
    if (this.done) return;
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers: started.iceServers });
    await this.pc.setLocalDescription(offer);
    described();
    if (!this.offerSent) sendOffer(this.socket, started.callId, offer.sdp ?? '');
  }

  /** A signaling message of this call relayed from the citizen. */
  async handle(message: SignalMessage): Promise<void> {
    if (!this.started && !this.done) this.beforeStart.push(message);
    if (message.callId !== this.started?.callId || this.done) return;
    if (message.type === 'call.answer') {
      // With the offer sent early, the answer may come back before start has set the offer as ours.
      await this.described;
      if (this.done) return;
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
    for (const track of this.media?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** Tells the server (which tells the citizen) and closes the connection. */
  hangUp(): void {
    try {
      if (this.started) hangUp(this.socket, this.started.callId);
    } finally {
      this.close();
    }
  }

  /** Closes the connection and turns camera and microphone off (now, or as soon as they open). */
  close(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.connectTimer);
    this.pc.close();
    for (const track of this.media?.getTracks() ?? []) track.stop();
    this.onState('ended');
  }
}

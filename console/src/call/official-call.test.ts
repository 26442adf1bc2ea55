// The order in which the official's side makes a call, against a recording stand-in for RTCPeerConnection:
// the offer is made from the accept on, before call.started; the call's ICE servers are set before ICE
// gathering starts; candidates that come before the answer are kept and applied after it; a call closed
// while the camera opens leaves no camera on. And the console's accept hands its call to the call screen.
import type { ServerMessage } from '@sportello/protocol';
import type { CallStarted, SignalMessage, VideoSocket } from '@sportello/web-common/video-socket';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfficialCall, type CallState } from './official-call.ts';
import { dropPreparedCall, prepareCall, takePreparedCall } from './prepared-call.ts';

class FakeTrack {
  enabled = true;
  stopped = false;
  constructor(readonly kind: string) {}
  stop() {
    this.stopped = true;
  }
}

class FakeStream {
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  addTrack(track: FakeTrack) {
    this.tracks.push(track);
  }
}

/** Records what the call asks of its peer connection, in order. */
class FakePeer {
  static made: FakePeer[] = [];
  readonly log: string[] = [];
  readonly candidates: (RTCIceCandidateInit | undefined)[] = [];
  configuration: RTCConfiguration;
  connectionState = 'new';
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  constructor(configuration: RTCConfiguration) {
    this.configuration = configuration;
    FakePeer.made.push(this);
  }
  addEventListener(type: string, fn: (event: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, event: unknown) {
    for (const fn of this.listeners.get(type) ?? []) fn(event);
  }
  addTrack(track: FakeTrack) {
    this.log.push(`addTrack ${track.kind}`);
  }
  addTransceiver(kind: string) {
    this.log.push(`addTransceiver ${kind}`);
  }
  async createOffer() {
    this.log.push('createOffer');
    return { type: 'offer' as const, sdp: 'v=0 offer' };
  }
  getConfiguration() {
    return this.configuration;
  }
  setConfiguration(configuration: RTCConfiguration) {
    this.log.push(`setConfiguration ${JSON.stringify(configuration.iceServers)}`);
    this.configuration = configuration;
  }
  async setLocalDescription() {
    this.log.push('setLocalDescription');
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.log.push(`setRemoteDescription ${description.type}`);
  }
  async addIceCandidate(candidate?: RTCIceCandidateInit) {
    this.log.push(`addIceCandidate ${candidate?.candidate ?? 'end'}`);
  }
  close() {
    this.log.push('close');
  }
}

const ICE = [{ urls: ['stun:stun.example:3478'] }];
const started = {
  type: 'call.started',
  role: 'official',
  callId: 'call-1',
  iceServers: ICE,
  official: { id: 'ro-laura-bianchi', name: 'Laura Bianchi' },
  entry: {},
} as unknown as CallStarted;

type FakeSocket = VideoSocket & { sent: { type: string }[]; receive: (m: ServerMessage) => void };
function fakeSocket(): FakeSocket {
  const sent: { type: string }[] = [];
  const listeners = new Set<(m: ServerMessage) => void>();
  return {
    sent,
    send: (m: { type: string }) => sent.push(m),
    subscribe: (fn: (m: ServerMessage) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    receive: (m: ServerMessage) => {
      for (const fn of [...listeners]) fn(m);
    },
  } as unknown as FakeSocket;
}

const camera = () => new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]);
const asStream = (s: FakeStream) => s as unknown as MediaStream;
/** Lets every promise already settled run its callbacks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ice = (candidate: string | null): SignalMessage =>
  ({
    type: 'call.ice',
    callId: 'call-1',
    candidate: candidate && { candidate, sdpMid: '0', sdpMLineIndex: 0 },
  }) as SignalMessage;

beforeEach(() => {
  FakePeer.made = [];
  vi.stubGlobal('RTCPeerConnection', FakePeer);
  vi.stubGlobal('MediaStream', FakeStream);
});
afterEach(() => {
  dropPreparedCall();
  vi.unstubAllGlobals();
});

describe('OfficialCall', () => {
  it('makes its offer before call.started and sends it at once for the match; start sets the call’s ICE servers first', async () => {
    const socket = fakeSocket();
    const call = new OfficialCall(socket, async () => asStream(camera()));
    await settle();
    const pc = FakePeer.made[0]!;
    expect(pc.log).toEqual(['addTrack audio', 'addTrack video', 'createOffer']);
    expect(socket.sent).toEqual([{ type: 'queue.offer', sdp: 'v=0 offer' }]);

    const states: CallState[] = [];
    await call.start(started, (s) => states.push(s));
    // ICE gathering starts at setLocalDescription: by then it must use the call's own servers.
    expect(pc.log.slice(3)).toEqual([`setConfiguration ${JSON.stringify(ICE)}`, 'setLocalDescription']);
    // The server gave the offer to the citizen with the match: it is not sent twice.
    expect(socket.sent).toEqual([{ type: 'queue.offer', sdp: 'v=0 offer' }]);
    expect(states).toEqual(['connecting']);
    call.close();
  });

  it('sends its offer as call.offer at start when call.started came before the offer was made', async () => {
    const socket = fakeSocket();
    let open!: (stream: MediaStream) => void;
    const call = new OfficialCall(socket, () => new Promise<MediaStream>((resolve) => (open = resolve)));
    const starting = call.start(started, () => undefined);
    open(asStream(camera()));
    await starting;
    await settle();
    expect(socket.sent).toEqual([{ type: 'call.offer', callId: 'call-1', sdp: 'v=0 offer' }]);
    call.close();
  });

  it('sends each ICE candidate it finds for the started call, and the end of candidates', async () => {
    const socket = fakeSocket();
    const call = new OfficialCall(socket, async () => asStream(camera()));
    await call.start(started, () => undefined);
    const pc = FakePeer.made[0]!;
    socket.sent.length = 0;
    pc.emit('icecandidate', {
      candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
    });
    pc.emit('icecandidate', { candidate: null });
    expect(socket.sent).toMatchObject([
      {
        type: 'call.ice',
        callId: 'call-1',
        candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host' },
      },
      { type: 'call.ice', callId: 'call-1', candidate: null },
    ]);
    call.close();
  });

  it('keeps the citizen’s candidates that come before the answer and applies them, in order, after it', async () => {
    const call = new OfficialCall(fakeSocket(), async () => asStream(camera()));
    await call.start(started, () => undefined);
    const pc = FakePeer.made[0]!;
    const before = pc.log.length;

    await call.handle(ice('candidate:a'));
    await call.handle(ice('candidate:b'));
    expect(pc.log.slice(before)).toEqual([]);

    await call.handle({ type: 'call.answer', callId: 'call-1', sdp: 'v=0 answer' } as SignalMessage);
    await call.handle(ice('candidate:c'));
    expect(pc.log.slice(before)).toEqual([
      'setRemoteDescription answer',
      'addIceCandidate candidate:a',
      'addIceCandidate candidate:b',
      'addIceCandidate candidate:c',
    ]);
    call.close();
  });

  it('keeps an answer and candidates that come before call.started, applies them after its offer, ignores other calls', async () => {
    const call = new OfficialCall(fakeSocket(), async () => asStream(camera()));
    await settle();
    const pc = FakePeer.made[0]!;
    // The citizen answered the offer the server gave it with the match, before our call.started came.
    await call.handle({ type: 'call.answer', callId: 'call-1', sdp: 'v=0 answer' } as SignalMessage);
    await call.handle(ice('candidate:a'));
    await call.handle({ type: 'call.answer', callId: 'call-2', sdp: 'v=0 other' } as SignalMessage);
    expect(pc.log).toEqual(['addTrack audio', 'addTrack video', 'createOffer']);
    await call.start(started, () => undefined);
    await settle();
    expect(pc.log.slice(3)).toEqual([
      `setConfiguration ${JSON.stringify(ICE)}`,
      'setLocalDescription',
      'setRemoteDescription answer',
      'addIceCandidate candidate:a',
    ]);
    await call.handle({ type: 'call.answer', callId: 'call-2', sdp: 'v=0 other' } as SignalMessage);
    expect(pc.log.filter((l) => l.startsWith('setRemoteDescription'))).toHaveLength(1);
    call.close();
  });

  it('closed while the camera opens (a refused accept): the camera goes off as soon as it opens, no offer', async () => {
    const socket = fakeSocket();
    let open!: (stream: MediaStream) => void;
    const call = new OfficialCall(socket, () => new Promise<MediaStream>((resolve) => (open = resolve)));
    call.close();
    const stream = camera();
    open(asStream(stream));
    await settle();
    expect(stream.getTracks().map((t) => t.stopped)).toEqual([true, true]);
    expect(FakePeer.made[0]!.log).toEqual(['close']);
    expect(socket.sent).toEqual([]);
  });

  it('without camera or microphone it still offers, to receive the citizen', async () => {
    const call = new OfficialCall(fakeSocket(), async () => null);
    await call.start(started, () => undefined);
    expect(FakePeer.made[0]!.log.slice(0, 3)).toEqual([
      'addTransceiver audio',
      'addTransceiver video',
      'createOffer',
    ]);
    expect(await call.local).toBeNull();
    call.close();
  });
});

describe('the call prepared at the accept', () => {
  const made: OfficialCall[] = [];
  const make = (socket: VideoSocket) => {
    const call = new OfficialCall(socket, async () => asStream(camera()));
    made.push(call);
    return call;
  };
  beforeEach(() => void (made.length = 0));

  it('is the one the call screen takes on call.started, once', () => {
    const socket = fakeSocket();
    prepareCall(socket, make);
    expect(takePreparedCall(socket, make)).toBe(made[0]);
    // Taken: a later call.started (no accept of ours) makes a new call.
    expect(takePreparedCall(socket, make)).toBe(made[1]);
  });

  it('is closed when the server refuses the accept, and when another accept replaces it', async () => {
    const socket = fakeSocket();
    prepareCall(socket, make);
    prepareCall(socket, make);
    expect(FakePeer.made[0]!.log.at(-1)).toBe('close');
    expect(FakePeer.made[1]!.log.at(-1)).not.toBe('close');
    socket.receive({ type: 'error', code: 'queue_empty', message: 'nobody is waiting for your sectors' });
    expect(FakePeer.made[1]!.log.at(-1)).toBe('close');
    expect(takePreparedCall(socket, make)).toBe(made[2]);
  });

  it('keeps the citizen’s answer that comes before the call screen takes the call', async () => {
    const socket = fakeSocket();
    prepareCall(socket, make);
    await settle();
    socket.receive({ type: 'call.answer', callId: 'call-1', sdp: 'v=0 answer' });
    const call = takePreparedCall(socket, make);
    await call.start(started, () => undefined);
    await settle();
    expect(FakePeer.made[0]!.log).toContain('setRemoteDescription answer');
    call.close();
  });

  it('once taken, is the call screen’s: a later error does not close it', () => {
    const socket = fakeSocket();
    prepareCall(socket, make);
    takePreparedCall(socket, make);
    socket.receive({ type: 'error', code: 'not_in_call', message: 'you are not a party of this call' });
    expect(FakePeer.made[0]!.log).not.toContain('close');
  });

  it('is not handed to the call screen of another socket (signed in again meanwhile)', () => {
    prepareCall(fakeSocket(), make);
    expect(takePreparedCall(fakeSocket(), make)).toBe(made[1]);
  });

  it('goes off by itself when no call.started comes', async () => {
    vi.useFakeTimers();
    try {
      const socket = fakeSocket();
      prepareCall(socket, make);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(FakePeer.made[0]!.log.at(-1)).toBe('close');
      expect(takePreparedCall(socket, make)).toBe(made[1]);
    } finally {
      vi.useRealTimers();
    }
  });
});

// What both sides of a call do alike with their RTCPeerConnection: collect the remote tracks into one
// stream and trickle our ICE candidates to the other party over /ws.
import type { IceServer } from '@sportello/protocol';
import { sendIce, type CallStarted, type VideoSocket } from './video-socket.ts';

/** A peer connection whose remote tracks land in `remote`; no candidate is sent until `trickle`. */
export function newPeerConnection(iceServers: IceServer[], remote: MediaStream): RTCPeerConnection {
  const pc = new RTCPeerConnection({ iceServers });
  pc.addEventListener('track', (event) => {
    if (!remote.getTracks().includes(event.track)) remote.addTrack(event.track);
  });
  return pc;
}

/** Sends each ICE candidate of ours to the other party of `callId` as soon as it is found, until `ended()`. */
export function trickle(
  pc: RTCPeerConnection,
  socket: VideoSocket,
  callId: string,
  ended: () => boolean,
): void {
  pc.addEventListener('icecandidate', (event) => {
    if (ended()) return;
    const c = event.candidate;
    try {
      sendIce(
        socket,
        callId,
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
}

/** A peer connection for this call whose remote tracks land in `remote`; candidates stop once `ended()`. */
export function openPeerConnection(
  started: CallStarted,
  socket: VideoSocket,
  remote: MediaStream,
  ended: () => boolean,
): RTCPeerConnection {
  const pc = newPeerConnection(started.iceServers, remote);
  trickle(pc, socket, started.callId, ended);
  return pc;
}

/** The relayed candidate as RTCIceCandidateInit, null for end-of-candidates, undefined when malformed. */
export function asCandidate(value: unknown): RTCIceCandidateInit | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || typeof (value as { candidate?: unknown }).candidate !== 'string')
    return undefined;
  return value as RTCIceCandidateInit;
}

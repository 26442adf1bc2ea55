// The call the official is accepting, made from the click on: camera, microphone and offer get ready while
// the server matches, and the call screen takes them over when call.started comes. One console, one accept
// at a time, so one call at most waits here; a refused accept (the server's error) turns its camera off.
import type { VideoSocket } from '@sportello/web-common/video-socket';
import { OfficialCall } from './official-call.ts';

/** The server answers an accept within a moment; after this the camera goes off and the call screen starts over. */
const KEEP_MS = 10_000;

let pending: { call: OfficialCall; socket: VideoSocket; release: () => void } | undefined;

/** Just after sending an accept on `socket`: starts making the call (one made before and not taken is closed). */
export function prepareCall(socket: VideoSocket, make = (s: VideoSocket) => new OfficialCall(s)): void {
  dropPreparedCall();
  const timer = setTimeout(dropPreparedCall, KEEP_MS);
  const unsubscribe = socket.subscribe((message) => {
    if (message.type === 'error') dropPreparedCall();
    // The citizen may answer our early offer before the call screen takes the call: it keeps the answer.
    else if (message.type === 'call.answer' || message.type === 'call.ice')
      void pending?.call.handle(message);
  });
  const release = () => {
    clearTimeout(timer);
    unsubscribe();
  };
  pending = { call: make(socket), socket, release };
}

/** On call.started: the call made at the accept on this socket, or a new one (no accept from here). */
export function takePreparedCall(
  socket: VideoSocket,
  make = (s: VideoSocket) => new OfficialCall(s),
): OfficialCall {
  if (pending?.socket !== socket) return make(socket);
  const { call, release } = pending;
  release();
  pending = undefined;
  return call;
}

/** Nothing came of the accept: the call is closed and its camera goes off. */
export function dropPreparedCall(): void {
  if (!pending) return;
  pending.release();
  pending.call.close();
  pending = undefined;
}

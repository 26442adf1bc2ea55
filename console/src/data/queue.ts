// What the official says to the waiting room over /ws beyond status and accept-next (web-common has those).
import type { VideoSocket } from '@sportello/web-common/video-socket';

/** Accepts one waiting citizen by entry, e.g. a web meeting whose citizen is in the waiting room. */
export const acceptEntry = (socket: VideoSocket, entryId: string) =>
  socket.send({ type: 'queue.accept', entryId });

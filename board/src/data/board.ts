// The board's resources under /api/v1/board, signed in with the board's key: its live view and calls
// (server-sent events) and each call spoken as a WAV clip.
import type { BoardCall, BoardView, FloorEvent, Language } from '@sportello/protocol';
import { openEventStream } from '@sportello/web-common/event-stream';

/**
 * connecting: before the first view; live: the view is current; offline: the server is unreachable or the
 * stream went silent, trying again; unregistered: the key was refused (the board was removed).
 */
export type BoardConnection = 'connecting' | 'live' | 'offline' | 'unregistered';

export interface BoardListener {
  /** The whole view: on every (re)connection and after every change on the floor. */
  view(view: BoardView): void;
  /** A new call or a recall, to chime and speak. */
  call(call: BoardCall): void;
  connection(state: BoardConnection): void;
}

const withKey = (path: string, key: string, query: Record<string, string> = {}) =>
  `${path}?${new URLSearchParams({ key, ...query }).toString()}`;

/** Follows the board's sede live; returns what stops it. */
export function subscribeBoard(key: string, listener: BoardListener): () => void {
  const stream = openEventStream(withKey('/api/v1/board/events', key), {
    onEvent(event, data) {
      const message = data as FloorEvent | undefined;
      if (event === 'board' && message?.type === 'board') {
        listener.view(message.view);
        // Live only once the full view has come: never a screen from before the drop that looks current.
        listener.connection('live');
      } else if (event === 'call' && message?.type === 'call') {
        listener.call(message.call);
      }
    },
    onState(state) {
      if (state === 'down') listener.connection('offline');
      else if (state === 'refused') listener.connection('unregistered');
    },
    stopOn: [401],
  });
  return () => stream.close();
}

/** Past this the call is shown without its voice rather than late. */
const SPEECH_TIMEOUT_MS = 10_000;

/**
 * The call spoken in `language` (audio/wav), or undefined when there is none to play: the server has no
 * speech engine (503 speech_unavailable), the ticket is not today's, or the server did not answer in time.
 */
export async function fetchCallSpeech(
  key: string,
  ticketId: string,
  language: Language,
): Promise<ArrayBuffer | undefined> {
  try {
    const response = await fetch(
      withKey(`/api/v1/board/calls/${encodeURIComponent(ticketId)}/speech`, key, { language }),
      { cache: 'no-store', signal: AbortSignal.timeout(SPEECH_TIMEOUT_MS) },
    );
    return response.ok ? await response.arrayBuffer() : undefined;
  } catch {
    return undefined;
  }
}

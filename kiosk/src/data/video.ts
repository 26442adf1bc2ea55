// The citizen's video call as the kiosk sees it: /ws through the agent (which adds the station's
// credential), joining and leaving the waiting room, the camera and microphone, and the next callback time
// offered when the call cannot happen. Every /ws message the kiosk sends is built here.
import type { CallbackSuggestion, Language, Service, Slot } from '@sportello/protocol';
import type { z } from 'zod';
import { VideoSocket } from '@sportello/web-common/video-socket';
import type { Identity } from '../session/kiosk-session.ts';
import { openMedia } from '../session/privacy-wipe.ts';
import { fetchAvailability } from './server.ts';

export type Suggestion = z.infer<typeof CallbackSuggestion>;

/** Who helps the citizen at the station, as the kiosk asks it. */
export type Assistant = { kind: 'clerk' | 'relative'; name: string };

/** The agent's own /ws (ws://<the agent's host>/ws): the page never talks to the server directly. */
export const openVideoSocket = () => new VideoSocket(`ws://${location.host}/ws`);

/**
 * What the official reads about the assisting person. In Italian, whatever the citizen's language: it is
 * shown in the official's console, not to the citizen.
 */
export function assistedByText(assistant: Assistant): string {
  return `${assistant.name} (${assistant.kind === 'clerk' ? 'operatore del Comune' : 'familiare'})`;
}

export function joinQueue(
  socket: VideoSocket,
  join: { service: Service; identity: Identity; assistant?: Assistant; language: Language },
): void {
  // The WebRTC shims, loaded while the citizen waits (the call starts later); no other screen needs them.
  void import('webrtc-adapter');
  const { identity } = join;
  socket.send({
    type: 'queue.join',
    service: join.service.id,
    ...(join.assistant && { assistedBy: assistedByText(join.assistant) }),
    authMethod: identity.authMethod,
    ...(identity.authProof && { authProof: identity.authProof }),
    citizen: {
      codiceFiscale: identity.codiceFiscale,
      ...(identity.firstName && { firstName: identity.firstName }),
      ...(identity.lastName && { lastName: identity.lastName }),
      language: join.language,
    },
  });
}

export const leaveQueue = (socket: VideoSocket) => socket.send({ type: 'queue.leave' });

/** Camera and microphone for the self-view and the call; closed by the privacy wipe at the session's end. */
export const openCallMedia = () =>
  openMedia({
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
    audio: { echoCancellation: true, noiseSuppression: true },
  });

/** How far ahead a callback is looked for, as the server does for its own suggestion. */
const CALLBACK_DAYS = 14;

/** The first free telephone callback time of the next two weeks, or null when there is none. */
export async function nextCallbackSlot(sede: string, service: string): Promise<Slot | null> {
  const from = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const to = new Date(Date.UTC(y, m - 1, d + CALLBACK_DAYS)).toISOString().slice(0, 10);
  const answer = await fetchAvailability({ sede, service, mode: 'callback', from, to });
  return answer.days.flatMap((day) => day.slots)[0] ?? null;
}

/** The server's suggestion as a slot the booking screen can book. */
export const suggestionSlot = (s: Suggestion): Slot => ({ start: s.start, end: s.end, free: 1 });

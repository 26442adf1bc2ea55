// The citizen's camera and microphone: opened together (the official must see the ID document and hear
// the citizen), and each failure told apart so that the page can say what to do about it.
export type MediaProblem = 'denied' | 'no-camera' | 'no-microphone' | 'no-devices' | 'busy' | 'unsupported';

export class MediaUnavailable extends Error {
  constructor(readonly problem: MediaProblem) {
    super(`camera or microphone unavailable: ${problem}`);
    this.name = 'MediaUnavailable';
  }
}

const constraints: MediaStreamConstraints = {
  video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
  audio: { echoCancellation: true, noiseSuppression: true },
};

/** The browser's own devices get the WebRTC shims first: loaded here, as the page's first screen needs none. */
export async function openLocalMedia(devices?: MediaDevices): Promise<MediaStream> {
  if (!devices) {
    await import('webrtc-adapter');
    devices = globalThis.navigator?.mediaDevices;
  }
  if (!devices?.getUserMedia) throw new MediaUnavailable('unsupported');
  try {
    return await devices.getUserMedia(constraints);
  } catch (error) {
    const problem = problemOf(error);
    if (problem !== 'no-devices') throw new MediaUnavailable(problem);
    throw new MediaUnavailable(await whichIsMissing(devices));
  }
}

/** What a getUserMedia rejection means (DOMException names as the browsers use them). */
export function problemOf(error: unknown): MediaProblem {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-devices';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'busy';
  }
}

/** A camera without a microphone (or the reverse) fails as a whole: say which one is missing. */
async function whichIsMissing(devices: MediaDevices): Promise<MediaProblem> {
  try {
    const kinds = new Set((await devices.enumerateDevices()).map((d) => d.kind));
    if (!kinds.has('videoinput') && !kinds.has('audioinput')) return 'no-devices';
    if (!kinds.has('videoinput')) return 'no-camera';
    if (!kinds.has('audioinput')) return 'no-microphone';
  } catch {
    // Not listable: the general message.
  }
  return 'no-devices';
}

/** Turns the camera light off: every track stopped. */
export function stopMedia(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

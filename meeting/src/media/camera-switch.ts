// The camera switch during the call: the back camera to show a document, the front one to be seen. Phones
// answer facingMode; computers with several cameras are told apart by the device list instead.
export type Facing = 'user' | 'environment';

/** There is no other camera to switch to (or it would not start). */
export class NoOtherCamera extends Error {
  constructor() {
    super('no other camera');
    this.name = 'NoOtherCamera';
  }
}

const size = { width: { ideal: 1280 }, height: { ideal: 720 } };

/** The side a camera track faces, when the browser knows it. */
export function facingOf(track: MediaStreamTrack): Facing | undefined {
  const facing = track.getSettings().facingMode;
  return facing === 'user' || facing === 'environment' ? facing : undefined;
}

/**
 * Opens the camera facing `want` (by the device list when there are several cameras, else by facingMode);
 * answers its video track. The current track stays on: the caller stops it once the new one is sent.
 * A phone that cannot hold two cameras at once gets the current one stopped first.
 */
export async function openOtherCamera(
  current: MediaStreamTrack,
  want: Facing,
  devices: MediaDevices = navigator.mediaDevices,
): Promise<MediaStreamTrack> {
  const constraints = await constraintsFor(current, want, devices);
  try {
    return await videoTrack(devices, constraints);
  } catch (error) {
    if ((error as { name?: string }).name !== 'NotReadableError') throw asNoOtherCamera(error);
  }
  current.stop();
  try {
    return await videoTrack(devices, constraints);
  } catch (error) {
    throw asNoOtherCamera(error);
  }
}

async function constraintsFor(
  current: MediaStreamTrack,
  want: Facing,
  devices: MediaDevices,
): Promise<MediaTrackConstraints> {
  const cameras = (await devices.enumerateDevices()).filter((d) => d.kind === 'videoinput' && d.deviceId);
  const currentId = current.getSettings().deviceId;
  const others = cameras.filter((d) => d.deviceId !== currentId);
  if (others.length === 0) return { ...size, facingMode: { exact: want } };
  // A camera that says which way it faces (Chromium's device capabilities), else the next one in the list.
  const facing = others.find((d) => facingsOf(d).includes(want));
  const index = cameras.findIndex((d) => d.deviceId === currentId);
  const next = facing ?? cameras[(index + 1) % cameras.length] ?? others[0]!;
  return { ...size, deviceId: { exact: next.deviceId } };
}

function facingsOf(device: MediaDeviceInfo): string[] {
  const capabilities = (device as InputDeviceInfo).getCapabilities?.();
  return capabilities?.facingMode ?? [];
}

async function videoTrack(devices: MediaDevices, video: MediaTrackConstraints): Promise<MediaStreamTrack> {
  const stream = await devices.getUserMedia({ video });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new NoOtherCamera();
  return track;
}

function asNoOtherCamera(error: unknown): Error {
  const name = (error as { name?: string }).name;
  return name === 'OverconstrainedError' || name === 'NotFoundError' ? new NoOtherCamera() : (error as Error);
}

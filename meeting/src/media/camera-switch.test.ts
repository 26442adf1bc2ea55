import { describe, expect, it } from 'vitest';
import { NoOtherCamera, openOtherCamera } from './camera-switch.ts';

/** A camera track as the page sees it: its device, which way it faces, whether it was stopped. */
function track(deviceId: string, facingMode?: string) {
  return {
    kind: 'video',
    stopped: false,
    getSettings: () => ({ deviceId, ...(facingMode && { facingMode }) }),
    stop() {
      this.stopped = true;
    },
  };
}

/** Cameras by id, each with the way it faces (or none); getUserMedia records what it was asked. */
function devicesWith(cameras: { id: string; facing?: string }[], options: { busyOnce?: boolean } = {}) {
  const asked: MediaTrackConstraints[] = [];
  let busy = options.busyOnce ?? false;
  const devices = {
    enumerateDevices: () =>
      Promise.resolve(
        cameras.map((c) => ({
          kind: 'videoinput',
          deviceId: c.id,
          getCapabilities: () => ({ facingMode: c.facing ? [c.facing] : [] }),
        })),
      ),
    getUserMedia: ({ video }: { video: MediaTrackConstraints }) => {
      asked.push(video);
      if (busy) {
        busy = false;
        return Promise.reject(Object.assign(new Error('busy'), { name: 'NotReadableError' }));
      }
      const exact = (video.deviceId as { exact?: string } | undefined)?.exact;
      const facing = (video.facingMode as { exact?: string } | undefined)?.exact;
      const camera = cameras.find((c) => c.id === exact || (facing && c.facing === facing));
      if (!camera) return Promise.reject(Object.assign(new Error('none'), { name: 'OverconstrainedError' }));
      return Promise.resolve({ getVideoTracks: () => [track(camera.id, camera.facing)] });
    },
  };
  return { devices: devices as unknown as MediaDevices, asked };
}

const settingsOf = (t: MediaStreamTrack) => t.getSettings();

describe('switching the camera', () => {
  it('picks the camera that faces the back from the device list', async () => {
    const { devices } = devicesWith([
      { id: 'front', facing: 'user' },
      { id: 'wide', facing: 'user' },
      { id: 'back', facing: 'environment' },
    ]);
    const current = track('front', 'user') as unknown as MediaStreamTrack;
    const next = await openOtherCamera(current, 'environment', devices);
    expect(settingsOf(next)).toMatchObject({ deviceId: 'back', facingMode: 'environment' });
    expect((current as unknown as { stopped: boolean }).stopped).toBe(false);
  });

  it('takes the next camera in the list when none says which way it faces', async () => {
    const { devices } = devicesWith([{ id: 'cam0' }, { id: 'cam1' }]);
    const next = await openOtherCamera(track('cam1') as unknown as MediaStreamTrack, 'user', devices);
    expect(settingsOf(next).deviceId).toBe('cam0');
  });

  it('asks for the facing mode when the list shows one camera only (a phone before permission)', async () => {
    const { devices, asked } = devicesWith([{ id: 'front', facing: 'user' }]);
    await expect(
      openOtherCamera(track('front', 'user') as unknown as MediaStreamTrack, 'environment', devices),
    ).rejects.toBeInstanceOf(NoOtherCamera);
    expect(asked).toEqual([expect.objectContaining({ facingMode: { exact: 'environment' } })]);
  });

  it('stops the current camera and tries again on a phone that holds one camera at a time', async () => {
    const { devices, asked } = devicesWith(
      [
        { id: 'front', facing: 'user' },
        { id: 'back', facing: 'environment' },
      ],
      { busyOnce: true },
    );
    const current = track('front', 'user');
    const next = await openOtherCamera(current as unknown as MediaStreamTrack, 'environment', devices);
    expect(settingsOf(next).deviceId).toBe('back');
    expect(current.stopped).toBe(true);
    expect(asked).toHaveLength(2);
  });
});

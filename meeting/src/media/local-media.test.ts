import { describe, expect, it } from 'vitest';
import { MediaUnavailable, openLocalMedia, problemOf } from './local-media.ts';

const rejecting = (name: string, kinds: MediaDeviceKind[] = []) =>
  ({
    getUserMedia: () => Promise.reject(Object.assign(new Error(name), { name })),
    enumerateDevices: () => Promise.resolve(kinds.map((kind) => ({ kind }) as MediaDeviceInfo)),
  }) as unknown as MediaDevices;

const problemFrom = async (devices?: MediaDevices) => {
  try {
    await openLocalMedia(devices);
  } catch (error) {
    return (error as MediaUnavailable).problem;
  }
  throw new Error('expected a refusal');
};

describe('opening the camera and microphone', () => {
  it('tells a refusal from a device in use by another program', () => {
    expect(problemOf({ name: 'NotAllowedError' })).toBe('denied');
    expect(problemOf({ name: 'SecurityError' })).toBe('denied');
    expect(problemOf({ name: 'NotReadableError' })).toBe('busy');
  });

  it('says which device is missing', async () => {
    expect(await problemFrom(rejecting('NotFoundError', ['audioinput', 'audiooutput']))).toBe('no-camera');
    expect(await problemFrom(rejecting('NotFoundError', ['videoinput']))).toBe('no-microphone');
    expect(await problemFrom(rejecting('NotFoundError', []))).toBe('no-devices');
    expect(await problemFrom(rejecting('NotAllowedError', ['videoinput', 'audioinput']))).toBe('denied');
  });

  it('says the browser cannot do it when it has no getUserMedia (old browser, page not on https)', async () => {
    expect(await problemFrom(undefined)).toBe('unsupported');
    expect(await problemFrom({} as MediaDevices)).toBe('unsupported');
  });
});

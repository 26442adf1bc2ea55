// The camera's health for the heartbeat: what the kiosk page last reported after getUserMedia, and
// whether a video device exists. The page knows whether it can see; the device check tells why not.
import type { DeviceHealth } from '@sportello/protocol';
import { hasVideoDevice } from './video-device-check.ts';

export type CameraHealthReport = DeviceHealth['camera'];
export type CameraPageReport = CameraHealthReport['page'];

export class CameraHealth {
  #page: CameraPageReport = 'unknown';
  readonly #checkDevice: () => Promise<boolean>;

  constructor(checkDevice: () => Promise<boolean> = () => hasVideoDevice()) {
    this.#checkDevice = checkDevice;
  }

  /** What the page found when it last asked for the camera; 'unknown' until it says. */
  report(page: CameraPageReport): void {
    this.#page = page;
  }

  /** Checks the device now, so an unplugged webcam shows at the next heartbeat. */
  async health(): Promise<CameraHealthReport> {
    return { page: this.#page, device: await this.#checkDevice() };
  }
}

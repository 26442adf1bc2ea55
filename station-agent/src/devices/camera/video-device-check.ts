// Whether the station has a video capture device: on Linux, a /dev/video* node. Elsewhere there is no
// such node to look at, so the answer is false and the kiosk page's own report is what counts.
import { readdir } from 'node:fs/promises';

export interface VideoDeviceCheckOptions {
  /** Where device nodes live; tests give a temporary directory. Default /dev. */
  dir?: string;
  platform?: NodeJS.Platform;
}

export async function hasVideoDevice({
  dir = '/dev',
  platform = process.platform,
}: VideoDeviceCheckOptions = {}): Promise<boolean> {
  if (platform !== 'linux') return false;
  try {
    return (await readdir(dir)).some((name) => /^video\d+$/.test(name));
  } catch {
    return false;
  }
}

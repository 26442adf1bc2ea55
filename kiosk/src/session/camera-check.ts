// Whether the kiosk can see through its camera: asked once at start and after each session, released at
// once, and reported to the agent for the fleet's health. The kiosk hides video where it cannot see.
import type { DeviceHealth } from '@sportello/protocol';

export async function checkCamera(): Promise<DeviceHealth['camera']['page']> {
  if (!navigator.mediaDevices?.getUserMedia) return 'absent';
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    for (const track of stream.getTracks()) track.stop();
    return 'ok';
  } catch (error) {
    const name = (error as DOMException).name;
    if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
    if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'absent';
    return 'error';
  }
}

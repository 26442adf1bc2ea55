import { describe, expect, it } from 'vitest';
import { CameraHealth } from './camera-health.ts';

describe('CameraHealth', () => {
  it('is unknown until the page reports', async () => {
    expect(await new CameraHealth(async () => true).health()).toEqual({ page: 'unknown', device: true });
  });

  it("combines the page's last report with the device check", async () => {
    let plugged = true;
    const camera = new CameraHealth(async () => plugged);
    camera.report('ok');
    expect(await camera.health()).toEqual({ page: 'ok', device: true });
    plugged = false;
    camera.report('absent');
    expect(await camera.health()).toEqual({ page: 'absent', device: false });
    camera.report('denied');
    expect(await camera.health()).toEqual({ page: 'denied', device: false });
  });
});

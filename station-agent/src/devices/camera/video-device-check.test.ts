import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasVideoDevice } from './video-device-check.ts';

describe('hasVideoDevice', () => {
  const dirs: string[] = [];
  const devDir = async (...names: string[]) => {
    const dir = await mkdtemp(join(tmpdir(), 'sportello-dev-'));
    dirs.push(dir);
    for (const name of names) await writeFile(join(dir, name), '');
    return dir;
  };
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true });
  });

  it('finds a /dev/video* node', async () => {
    expect(await hasVideoDevice({ dir: await devDir('tty0', 'video0'), platform: 'linux' })).toBe(true);
  });

  it('does not take look-alikes for a video device', async () => {
    expect(
      await hasVideoDevice({ dir: await devDir('video', 'videodev', 'media0'), platform: 'linux' }),
    ).toBe(false);
  });

  it('answers false when the directory cannot be read, or off Linux', async () => {
    expect(await hasVideoDevice({ dir: join(tmpdir(), 'no-such-dev-dir'), platform: 'linux' })).toBe(false);
    expect(await hasVideoDevice({ dir: await devDir('video0'), platform: 'darwin' })).toBe(false);
  });
});

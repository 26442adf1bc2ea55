import { describe, expect, it } from 'vitest';
import { pcmWav, sineSamples } from './testing/pcm-wav.ts';
import { wavLevels } from './wav-levels.ts';

describe('WAV levels', () => {
  it('measures a sine: RMS is the amplitude over root two, peak the amplitude', () => {
    const levels = wavLevels(pcmWav(sineSamples(1, 0.5)));
    expect(levels.durationSeconds).toBeCloseTo(1, 5);
    expect(levels.rms).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(levels.peak).toBeCloseTo(0.5, 3);
    expect(levels.activeShare).toBe(1);
  });

  it('counts a lone click as a loud peak but almost no sound', () => {
    const samples = new Array(22050).fill(0);
    samples[5000] = 1;
    const levels = wavLevels(pcmWav(samples));
    expect(levels.peak).toBeCloseTo(1, 3);
    expect(levels.activeShare).toBe(1 / 20);
  });

  it('counts the share of the clip that sounds', () => {
    const levels = wavLevels(pcmWav([...sineSamples(0.5, 0.3), ...new Array(11025 * 3).fill(0)]));
    expect(levels.activeShare).toBe(0.25);
  });

  it('measures silence as zero', () => {
    expect(wavLevels(pcmWav(new Array(22050).fill(0)))).toEqual({
      durationSeconds: 1,
      rms: 0,
      peak: 0,
      activeShare: 0,
    });
  });

  it('reads negative samples as negative (signed 16-bit)', () => {
    const levels = wavLevels(pcmWav([-1, -1, -1, -1]));
    expect(levels.peak).toBeCloseTo(1, 3);
    expect(levels.rms).toBeCloseTo(1, 3);
  });

  it('refuses samples that are not 16-bit integer PCM', () => {
    const float = pcmWav([0.5]);
    float.writeUInt16LE(3, 20);
    expect(() => wavLevels(float)).toThrow('expected 16-bit integer PCM');
  });
});

import { describe, expect, it } from 'vitest';
import { held, rms } from './mic-level.ts';

describe('the microphone meter', () => {
  it('measures silence as 0 and a full-scale square wave as 1', () => {
    expect(rms(new Float32Array(64))).toBe(0);
    expect(rms(Float32Array.from({ length: 64 }, (_, i) => (i % 2 ? 1 : -1)))).toBe(1);
  });

  it('jumps up to a louder sound at once', () => {
    expect(held(0.001, 0.2)).toBe(0.2);
  });

  it('falls back 20 dB a second, so a short syllable stays visible between the meter’s readings', () => {
    let shown = held(0, 0.1);
    for (let tick = 0; tick < 10; tick++) shown = held(shown, 0);
    expect(20 * Math.log10(shown / 0.1)).toBeCloseTo(-20, 6);
    expect(shown).toBeGreaterThan(0);
  });
});

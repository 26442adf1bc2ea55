import { describe, expect, it } from 'vitest';
import { barPercent } from './mic-meter.ts';

describe('the microphone bar', () => {
  it('is empty in silence, about half for a voice at arm’s length, full for a loud voice close by', () => {
    expect(barPercent(0)).toBe(0);
    expect(barPercent(0.0005)).toBe(0);
    expect(barPercent(0.018)).toBeGreaterThan(40);
    expect(barPercent(0.018)).toBeLessThan(60);
    expect(barPercent(0.5)).toBe(100);
  });
});

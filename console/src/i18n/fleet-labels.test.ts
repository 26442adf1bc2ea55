// The fleet's words: how long a station has been up, when it was last heard, what a device's state means.
import { describe, expect, it } from 'vitest';
import { deviceStateText, durationText, momentText } from './fleet-labels.ts';

describe('fleet labels', () => {
  it('writes a length of time in its two largest units', () => {
    expect(durationText(40)).toBe('40 s');
    expect(durationText(12 * 60 + 5)).toBe('12 min');
    expect(durationText(2 * 3600 + 5 * 60)).toBe('2 h 5 min');
    expect(durationText(3 * 86_400 + 4 * 3600 + 59)).toBe('3 g 4 h');
  });

  it('gives the time alone for today in Rome, the day too before', () => {
    const now = new Date('2026-11-30T09:00:00+01:00');
    expect(momentText('2026-11-30T08:58:30+01:00', now)).toBe('08:58');
    expect(momentText('2026-11-29T23:30:00+01:00', now)).toBe('domenica 29 novembre, 23:30');
  });

  it('names printer states in plain words and leaves an unknown one as sent', () => {
    expect(deviceStateText('paper-out')).toBe('carta esaurita');
    expect(deviceStateText('cover-open')).toBe('coperchio aperto');
    expect(deviceStateText('on-fire')).toBe('on-fire');
  });
});

// The wait estimate against the naive one on ten simulated working days (fixed seeds, so the same days every
// run): at least 30 % lower mean absolute error, and fewer citizens called well after the time announced.
import { describe, expect, it } from 'vitest';
import { estimateWaits } from '../../server/src/floor/wait-estimate.ts';
import { compareEstimates } from './office-day-simulation.ts';

const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

describe('the wait estimate on simulated days', () => {
  const days = compareEstimates(SEEDS, estimateWaits);

  it('measures hundreds of tickets with real queues', () => {
    expect(days.tickets).toBeGreaterThan(500);
    expect(days.meanWait).toBeGreaterThan(5);
  });

  it('errs at least 30 % less than people ahead × configured minutes ÷ open counters', () => {
    expect(days.estimate.mae).toBeLessThanOrEqual(0.7 * days.naive.mae);
  });

  it('beats the naive rule even when it divides only by the counters serving the ticket', () => {
    expect(days.estimate.mae).toBeLessThan(days.naivePerLine.mae);
  });

  it('leaves fewer citizens waiting more than 5 minutes longer than announced', () => {
    expect(days.estimate.lateShare).toBeLessThan(days.naive.lateShare);
  });
});

// Exact order statistics of durations. A day's rollup keeps every wait and service time as whole seconds
// (a few hundred numbers a day at a busy sede), so that a month or a year merges them exactly: medians and
// 90th percentiles of averages, or of fixed-bin histograms, would not be the ones a manager computes in a
// spreadsheet from the same tickets.
import type { DurationSummary } from '@sportello/protocol';

/** Whole seconds from `from` to `to` (ISO instants); never negative (clocks of two machines). */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/**
 * The p-quantile (0..1) of values sorted ascending, interpolating between the two nearest ranks: the
 * definition of Excel's PERCENTILE.INC / MEDIANA and R's type 7, so a manager's own check agrees.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const below = sorted[lower]!;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)]!;
  return below + (h - lower) * (above - below);
}

export function summarize(values: readonly number[]): DurationSummary {
  // A typed array sorts numerically without a comparator: several times faster on a year of waits.
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    medianSeconds: quantile(sorted, 0.5),
    p90Seconds: quantile(sorted, 0.9),
    meanSeconds: sorted.length ? sum / sorted.length : null,
  };
}

// Bench rows for the wait estimate: simulated working days at a sede (office-day-simulation.ts), the wait each
// citizen was announced at printing beside the wait they had, for estimateWaits and for the naive rule.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { estimateWaits } from '../../server/src/floor/wait-estimate.ts';
import { valueTable, type BenchRow } from './bench-support.ts';
import { compareEstimates, CONFIGURED_MINUTES } from './office-day-simulation.ts';

/** Days simulated, one seed each: enough for the figures to settle, few enough to run in a second or two. */
const DAYS = 30;
const FIRST_SEED = 1000;

const reduction = (ours: number, theirs: number) => (1 - ours / theirs) * 100;

export async function waitEstimateBench(): Promise<BenchRow[]> {
  const seeds = Array.from({ length: DAYS }, (_, i) => FIRST_SEED + i);
  const day = compareEstimates(seeds, estimateWaits);
  const blind = compareEstimates(seeds, estimateWaits, { tellAppointments: false });
  return [
    { name: 'days simulated', value: day.days, unit: `days, ${day.tickets} tickets measured` },
    { name: 'actual wait, mean', value: day.meanWait, unit: 'min' },
    { name: 'actual wait, longest', value: day.maxWait, unit: 'min' },
    { name: 'MAE, estimateWaits', value: day.estimate.mae, unit: 'min' },
    { name: 'MAE, naive', value: day.naive.mae, unit: 'min' },
    { name: 'MAE, naive per line', value: day.naivePerLine.mae, unit: 'min' },
    { name: 'MAE, estimateWaits without appointments', value: blind.estimate.mae, unit: 'min' },
    {
      name: 'MAE lower than naive by',
      value: reduction(day.estimate.mae, day.naive.mae),
      unit: '% (goal ≥ 30)',
    },
    {
      name: 'MAE lower than naive per line by',
      value: reduction(day.estimate.mae, day.naivePerLine.mae),
      unit: '%',
    },
    {
      name: 'waited > 5 min longer than announced, estimateWaits',
      value: day.estimate.lateShare * 100,
      unit: '%',
    },
    { name: 'waited > 5 min longer than announced, naive', value: day.naive.lateShare * 100, unit: '%' },
    {
      name: 'waited > 5 min longer than announced, naive per line',
      value: day.naivePerLine.lateShare * 100,
      unit: '%',
    },
  ];
}

export function waitEstimateTable(rows: BenchRow[]): string {
  return valueTable('wait estimate (simulated days)', rows, {
    format: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
    notes: [
      `Each day 08:30–12:30: walk-ins peaking at 09:30, appointments going first at their time, lognormal`,
      `service times with a long tail, the day's pace and mix varying, a counter opening at 09:30, a 20-minute`,
      `break, a counter closing at 12:00, calls nobody answers (1–2 minutes lost). Seeds ${FIRST_SEED}–${FIRST_SEED + DAYS - 1}.`,
      `Scored over every ticket printed, less those nobody answered. naive = people ahead × ${CONFIGURED_MINUTES} configured`,
      `minutes ÷ open counters; per line = ÷ open counters serving the ticket's service. "without appointments":`,
      `not given the day's bookings still to come (upcoming) nor early check-ins' due time (dueAt).`,
    ],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  console.log(waitEstimateTable(await waitEstimateBench()));

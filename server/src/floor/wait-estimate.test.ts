// What the estimate announces for a queue: order, counters and their services, busy counters, the day's
// figures against a long tail, appointments, and the cases where it has little or nothing to go on.
import { describe, expect, it } from 'vitest';
import { estimateWaits, type EstimateInput } from './wait-estimate.ts';

const NOW = Date.parse('2026-12-01T10:00:00+01:00');
const MINUTE = 60_000;
const ago = (minutes: number) => NOW - minutes * MINUTE;

/** `count` finished cases of `service`, each `minutes` long, ended just now. */
const cases = (service: string, minutes: number, count: number): EstimateInput['history'] =>
  Array.from({ length: count }, () => ({ service, minutes, endedAt: NOW }));

const tickets = (...services: string[]) => services.map((service, i) => ({ id: `t${i + 1}`, service }));

function estimate(input: Partial<EstimateInput>): Record<string, number> {
  const waits = estimateWaits({
    now: NOW,
    waiting: [],
    counters: [],
    history: [],
    defaultServiceMinutes: 10,
    ...input,
  });
  return Object.fromEntries(waits);
}

describe('estimateWaits', () => {
  it('gives each ticket, in call order, one more ticket’s time than the one before it', () => {
    const waits = estimate({ waiting: tickets('x', 'x', 'x'), counters: [{ id: 'A', services: ['x'] }] });
    // No figures yet: the default 10 minutes, less the 5 % who are expected not to answer the call.
    expect(waits).toEqual({ t1: 0, t2: 10, t3: 19 });
  });

  it('shares the queue between two open counters', () => {
    const waits = estimate({
      waiting: tickets('x', 'x', 'x', 'x'),
      counters: [
        { id: 'A', services: ['x'] },
        { id: 'B', services: ['x'] },
      ],
    });
    expect(waits).toEqual({ t1: 0, t2: 0, t3: 10, t4: 10 });
  });

  it('sends a ticket only to the counters that serve its service', () => {
    const waits = estimate({
      waiting: tickets('y', 'y', 'x'),
      counters: [
        { id: 'A', services: ['x'] },
        { id: 'B', services: ['x', 'y'] },
      ],
    });
    // The third ticket goes first at A, which may not call the two before it.
    expect(waits).toEqual({ t1: 0, t2: 10, t3: 0 });
  });

  it('waits for a busy counter’s remaining time, never less than a small floor', () => {
    const busy = (elapsed: number) =>
      estimate({
        waiting: tickets('x'),
        counters: [{ id: 'A', services: ['x'], busy: { service: 'x', since: ago(elapsed) } }],
      }).t1;
    expect(busy(4)).toBe(6);
    expect(busy(30)).toBe(3);
  });

  it('learns from the day how long a case still runs once it has gone long', () => {
    const waits = estimate({
      waiting: tickets('x'),
      counters: [{ id: 'A', services: ['x'], busy: { service: 'x', since: ago(30) } }],
      // Most cases take 12 minutes, but those that went past half an hour took 45: 15 more.
      history: [...cases('x', 12, 12), ...cases('x', 45, 8)],
    });
    // Expected minus elapsed would say "almost done" (the floor, under 8).
    expect(waits.t1).toBeGreaterThanOrEqual(10);
    expect(waits.t1).toBeLessThanOrEqual(16);
  });

  it('follows the day’s own service times once it has enough of them', () => {
    const waits = estimate({
      waiting: tickets('x', 'x'),
      counters: [{ id: 'A', services: ['x'] }],
      history: cases('x', 4, 40),
    });
    expect(waits.t2).toBe(4);
  });

  it('weighs the last hours more than the start of the day', () => {
    const waits = estimate({
      waiting: tickets('x', 'x'),
      counters: [{ id: 'A', services: ['x'] }],
      // Slow at opening, four hours ago; quick since. Weighed alike they would say 13.
      history: [...cases('x', 20, 20).map((h) => ({ ...h, endedAt: ago(240) })), ...cases('x', 6, 20)],
    });
    expect(waits.t2).toBeLessThanOrEqual(10);
  });

  it('moves only part of the way from the default on its first few figures', () => {
    const waits = estimate({
      waiting: tickets('x', 'x'),
      counters: [{ id: 'A', services: ['x'] }],
      history: cases('x', 2, 1),
    });
    expect(waits.t2).toBeGreaterThan(6);
    expect(waits.t2).toBeLessThan(10);
  });

  it('is not thrown by a long tail: one forgotten ticket among ordinary cases', () => {
    const waits = estimate({
      waiting: tickets('x', 'x'),
      counters: [{ id: 'A', services: ['x'] }],
      // Nineteen cases of 6 minutes and one left open for five hours: their plain mean is over 20.
      history: [...cases('x', 6, 19), ...cases('x', 300, 1)],
    });
    expect(waits.t2).toBeGreaterThanOrEqual(6);
    expect(waits.t2).toBeLessThanOrEqual(8);
  });

  it('starts a service new today from the pace of the whole sede today', () => {
    const waits = estimate({
      waiting: tickets('new', 'new'),
      counters: [{ id: 'A', services: ['new'] }],
      history: [...cases('x', 4, 20), ...cases('y', 4, 20)],
    });
    expect(waits.t2).toBeLessThanOrEqual(6);
  });

  it('counts the cases still under way, or the long ones would be missing from the day’s figure', () => {
    const withRunning = (running: boolean) =>
      estimate({
        waiting: tickets('x', 'x'),
        counters: [
          { id: 'A', services: ['x'] },
          // Counters of another service, each in the middle of a long case of x sent to them.
          ...['B', 'C', 'D', 'E'].map((id) => ({
            id,
            services: ['y'],
            ...(running && { busy: { service: 'x', since: ago(25) } }),
          })),
        ],
        history: cases('x', 5, 6),
      }).t2!;
    expect(withRunning(true)).toBeGreaterThan(withRunning(false));
  });

  it('counts the calls nobody answers at the minutes they cost', () => {
    const waits = (noShows: number) =>
      estimate({
        waiting: tickets('x', 'x'),
        counters: [{ id: 'A', services: ['x'] }],
        history: [
          ...cases('x', 10, 20),
          ...Array.from({ length: noShows }, () => ({
            service: 'x',
            minutes: 1,
            endedAt: NOW,
            noShow: true,
          })),
        ],
      }).t2!;
    expect(waits(0)).toBe(10);
    expect(waits(20)).toBeLessThanOrEqual(7);
  });

  it('puts an appointment coming due ahead of the walk-ins, as "call next" will', () => {
    const counters = [{ id: 'A', services: ['x'] }];
    // Booked, not here yet: due now it goes first (if the citizen comes); due in an hour, it changes nothing.
    expect(estimate({ waiting: tickets('x'), counters, upcoming: [{ service: 'x', dueAt: NOW }] }).t1).toBe(
      8,
    );
    expect(
      estimate({ waiting: tickets('x'), counters, upcoming: [{ service: 'x', dueAt: ago(-60) }] }).t1,
    ).toBe(0);
    // Checked in early, last in the order until its time, then first.
    const early = estimate({
      waiting: [...tickets('x', 'x'), { id: 'a1', service: 'x', dueAt: ago(-5) }],
      counters,
    });
    expect(early).toEqual({ t1: 0, a1: 10, t2: 19 });
  });

  it('keeps a ticket sent to one counter for that counter alone', () => {
    const waits = estimate({
      waiting: [{ id: 'sent', service: 'x', targetCounter: 'B' }, ...tickets('x')],
      counters: [
        { id: 'A', services: ['x'] },
        { id: 'B', services: ['x'], busy: { service: 'x', since: ago(2) } },
      ],
    });
    // A is free now but may not call it: it waits for B's remaining 8 minutes, and the next ticket goes to A.
    expect(waits).toEqual({ sent: 8, t1: 0 });
  });

  it('estimates from the default when no open counter can call a ticket, never Infinity', () => {
    const waits = estimate({
      waiting: [...tickets('x', 'x', 'y', 'z'), { id: 'sent', service: 'z', targetCounter: 'B' }],
      counters: [{ id: 'A', services: ['z'] }],
    });
    expect(waits).toEqual({ t1: 10, t2: 20, t3: 10, t4: 0, sent: 10 });
    expect(estimate({ waiting: tickets('x', 'x') })).toEqual({ t1: 10, t2: 20 });
  });

  it('stays a whole number of minutes, zero or more, on figures that make no sense', () => {
    const waits = estimate({
      waiting: tickets('x', 'x', 'x'),
      counters: [{ id: 'A', services: ['x'], busy: { service: 'x', since: ago(-30) } }],
      history: [
        { service: 'x', minutes: Number.NaN, endedAt: NOW },
        { service: 'x', minutes: -5, endedAt: NOW },
        { service: 'x', minutes: Infinity, endedAt: NOW },
        { service: 'x', minutes: 0, endedAt: ago(-10) },
      ],
    });
    for (const minutes of Object.values(waits)) {
      expect(Number.isInteger(minutes)).toBe(true);
      expect(minutes).toBeGreaterThanOrEqual(0);
    }
    expect(Object.keys(waits)).toEqual(['t1', 't2', 't3']);
  });

  it('answers an empty queue with no estimates', () => {
    expect(estimate({ counters: [{ id: 'A', services: ['x'] }], history: cases('x', 5, 3) })).toEqual({});
  });
});

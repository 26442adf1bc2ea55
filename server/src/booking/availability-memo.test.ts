import { describe, expect, it } from 'vitest';
import type { Official, Sede, Service } from '@sportello/protocol';
import type { BookedTime } from '../store/store.ts';
import { AvailabilityMemo, type AnswerInputs } from './availability-memo.ts';

const sede = { id: 'rovigo' } as Sede;
const service = { id: 'naspi' } as Service;
const officials: Official[] = [];
const monday: readonly BookedTime[] = [];
const tuesday: readonly BookedTime[] = [];
// Monday 1 December 2026, 09:00 in Rome; the first slot offered starts at 10:00, the lead time is 30 minutes.
const NINE = Date.parse('2026-12-01T09:00:00+01:00');
const TEN = Date.parse('2026-12-01T10:00:00+01:00');
const MINUTE = 60_000;

function inputs(extra: Partial<AnswerInputs> = {}): AnswerInputs {
  return {
    sede,
    service,
    officials,
    booked: [monday, tuesday],
    adjustments: [],
    now: new Date(NINE),
    leadMinutes: 30,
    horizonDays: 60,
    ...extra,
  };
}

function kept(extra: Partial<AnswerInputs>): unknown {
  const memo = new AvailabilityMemo<object>();
  const answer = { days: [] };
  memo.set('q', inputs(), answer, TEN);
  return memo.get('q', inputs(extra)) === answer;
}

describe('AvailabilityMemo', () => {
  it('gives the same answer back while nothing it came from has changed', () => {
    expect(kept({})).toBe(true);
    expect(kept({ now: new Date(TEN - 30 * MINUTE) })).toBe(true);
  });

  it('computes again once a day’s booked times are another list (a booking or a cancellation)', () => {
    expect(kept({ booked: [monday, [...tuesday]] })).toBe(false);
    expect(kept({ booked: [monday] })).toBe(false);
  });

  it('computes again when the calendar changes, read anew, differ', () => {
    expect(kept({ adjustments: [] })).toBe(true);
    const closure = { kind: 'closure' as const, from: '2026-12-02', to: '2026-12-02', reason: 'Sciopero' };
    expect(kept({ adjustments: [closure] })).toBe(false);
  });

  it('computes again once its first slot falls inside the lead time, on another Rome day, or with the clock moved back', () => {
    expect(kept({ now: new Date(TEN - 29 * MINUTE) })).toBe(false);
    expect(kept({ now: new Date(NINE - 1) })).toBe(false);
    const memo = new AvailabilityMemo<object>();
    const none = { days: [] };
    memo.set('q', inputs(), none, Infinity);
    expect(memo.get('q', inputs({ now: new Date(NINE + 14 * 60 * MINUTE) }))).toBe(none);
    // 00:00 in Rome the next day: the booking horizon has moved.
    expect(memo.get('q', inputs({ now: new Date(NINE + 15 * 60 * MINUTE) }))).toBeUndefined();
  });

  it('keeps questions apart, and computes again for other settings', () => {
    expect(kept({ leadMinutes: 60 })).toBe(false);
    expect(kept({ horizonDays: 30 })).toBe(false);
    expect(kept({ officials: [] })).toBe(false);
    const memo = new AvailabilityMemo<object>();
    memo.set('q', inputs(), { days: [] }, TEN);
    expect(memo.get('other', inputs())).toBeUndefined();
  });
});

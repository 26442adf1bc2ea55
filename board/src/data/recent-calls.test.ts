import type { BoardCall } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { callKey, latestCalls, withCall } from './recent-calls.ts';

const call = (ticketId: string, minute: number, counter = '1', recall = 0): BoardCall => ({
  ticketId,
  number: ticketId.toUpperCase(),
  counter: `sportello-${counter}`,
  counterName: `Sportello ${counter}`,
  language: 'it',
  at: `2026-12-07T09:${String(minute).padStart(2, '0')}:00+01:00`,
  recall,
});

describe('the calls on the board', () => {
  it('puts a live call on top before the view that includes it', () => {
    const shown = withCall([call('p002', 5), call('p001', 3)], call('p003', 7, '2'));
    expect(shown.map((c) => c.number)).toEqual(['P003', 'P002', 'P001']);
  });

  it('shows a recalled ticket once, where it was called last', () => {
    const shown = withCall([call('p002', 5), call('p001', 3)], call('p001', 8, '1', 1));
    expect(shown.map((c) => `${c.number}/${c.recall}`)).toEqual(['P001/1', 'P002/0']);
  });

  it('keeps the newest six, newest first, whatever order they came in', () => {
    const many = [4, 8, 0, 6, 2, 7, 1, 5, 3].map((i) => call(`p00${i}`, i));
    expect(latestCalls(many).map((c) => c.ticketId)).toEqual([
      'p008',
      'p007',
      'p006',
      'p005',
      'p004',
      'p003',
    ]);
  });

  it('tells a recall from the first call', () => {
    expect(callKey(call('p001', 3))).not.toBe(callKey(call('p001', 4, '1', 1)));
  });
});

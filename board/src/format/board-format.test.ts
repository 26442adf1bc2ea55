import { describe, expect, it } from 'vitest';
import { dayText, hoursText, waitText } from './board-format.ts';

describe('the board’s words', () => {
  it('says how many wait and for about how long, in plain Italian', () => {
    expect(waitText(0, 0)).toEqual({ count: 'Nessuno in attesa', wait: '' });
    expect(waitText(1, 0)).toEqual({ count: '1 in attesa', wait: 'attesa breve' });
    expect(waitText(4, 12)).toEqual({ count: '4 in attesa', wait: 'circa 12 min' });
    expect(waitText(30, 60).wait).toBe('circa 1 h');
    expect(waitText(30, 95).wait).toBe('circa 1 h 35 min');
  });

  it('gives today’s hours, several spans joined, or that the sede is closed', () => {
    expect(hoursText([{ from: '08:30', to: '12:30' }])).toBe('08:30–12:30');
    expect(
      hoursText([
        { from: '08:30', to: '12:30' },
        { from: '14:00', to: '16:30' },
      ]),
    ).toBe('08:30–12:30 e 14:00–16:30');
    expect(hoursText([])).toBe('Oggi chiuso al pubblico');
  });

  it('names the day of the view, whatever the TV’s time zone', () => {
    expect(dayText('2026-12-07')).toBe('lunedì 7 dicembre');
    expect(dayText('not a day')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { queueEntry } from '../store/store.contract.ts';
import { nextFor } from './matching.ts';

const now = new Date('2026-11-30T09:00:00Z');

describe('matching', () => {
  it('gives the longest-waiting citizen of a served sector, in the official’s group only', () => {
    const entries = [
      queueEntry('late', { since: '2026-11-30T08:50:00Z' }),
      queueEntry('other-sector', { since: '2026-11-30T08:00:00Z', sector: 'prestazioni' }),
      queueEntry('other-group', { since: '2026-11-30T08:00:00Z', group: 'napoli' }),
      queueEntry('early', { since: '2026-11-30T08:30:00Z' }),
      queueEntry('taken', { since: '2026-11-30T08:10:00Z', status: 'in-call' }),
    ];
    expect(nextFor(entries, 'rovigo', ['assicurato-pensionato'], now)?.id).toBe('early');
    expect(nextFor(entries, 'rovigo', ['prestazioni', 'assicurato-pensionato'], now)?.id).toBe(
      'other-sector',
    );
    expect(nextFor(entries, 'rovigo', ['invalidita-civile'], now)).toBeUndefined();
  });

  it('puts a booked web meeting first once its time has come, not before', () => {
    const entries = [
      queueEntry('walk-in', { since: '2026-11-30T08:00:00Z' }),
      queueEntry('meeting', {
        since: '2026-11-30T08:55:00Z',
        bookingCode: 'ABCDEFGH',
        priorityAt: '2026-11-30T09:00:00Z',
      }),
      queueEntry('later-meeting', { since: '2026-11-30T08:56:00Z', priorityAt: '2026-11-30T09:30:00Z' }),
    ];
    expect(nextFor(entries, 'rovigo', ['assicurato-pensionato'], now)?.id).toBe('meeting');
    expect(nextFor(entries, 'rovigo', ['assicurato-pensionato'], new Date('2026-11-30T08:59:00Z'))?.id).toBe(
      'walk-in',
    );
  });
});

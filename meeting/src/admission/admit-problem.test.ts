import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@sportello/web-common/api-client';
import { admitProblemOf } from './admit-problem.ts';

const problem = (
  status: number,
  code: string,
  details?: Record<string, unknown>,
  fields?: { path: string }[],
) =>
  admitProblemOf(
    new ApiProblem(
      status,
      code,
      'message',
      details,
      fields?.map((f) => ({ ...f, message: 'bad' })),
    ),
  );

describe('a refused admission, as the citizen is told it', () => {
  it('is a wrong code, with the tries left when the server says', () => {
    expect(problem(403, 'wrong_admission_code', { attemptsLeft: 3 })).toEqual({
      kind: 'wrong-code',
      attemptsLeft: 3,
    });
    expect(problem(403, 'wrong_admission_code')).toEqual({ kind: 'wrong-code' });
    expect(problem(403, 'wrong_admission_code', { attemptsLeft: 'three' })).toEqual({ kind: 'wrong-code' });
  });

  it('is locked after too many wrong codes, until the time the server gives', () => {
    expect(problem(429, 'too_many_attempts', { retryAt: '2026-11-30T09:20:00.000Z' })).toEqual({
      kind: 'locked',
      until: '2026-11-30T09:20:00.000Z',
    });
    expect(problem(429, 'too_many_attempts', { retryAt: 'soon' })).toEqual({ kind: 'locked' });
    expect(problem(429, 'too_many_requests')).toEqual({ kind: 'slow-down' });
  });

  it('is a room not open yet, over, cancelled, not a web meeting or unknown', () => {
    expect(problem(409, 'meeting_not_open', { opensAt: '2026-11-30T09:45:00+01:00' })).toEqual({
      kind: 'not-open',
      opensAt: '2026-11-30T09:45:00+01:00',
    });
    expect(problem(410, 'meeting_over')).toEqual({ kind: 'over' });
    expect(problem(409, 'booking_cancelled')).toEqual({ kind: 'cancelled' });
    expect(problem(409, 'not_a_web_meeting')).toEqual({ kind: 'not-web-meeting' });
    expect(problem(404, 'booking_not_found')).toEqual({ kind: 'unknown-booking' });
  });

  it('names the field typed wrong, and tells a server that cannot be reached from the rest', () => {
    expect(problem(400, 'validation_failed', undefined, [{ path: 'code' }])).toEqual({
      kind: 'invalid',
      field: 'code',
    });
    expect(problem(400, 'validation_failed', undefined, [{ path: 'admissionCode' }])).toEqual({
      kind: 'invalid',
      field: 'admissionCode',
    });
    expect(problem(0, 'unreachable')).toEqual({ kind: 'unreachable' });
    expect(problem(503, 'unavailable')).toEqual({ kind: 'unreachable' });
    expect(problem(500, 'internal')).toEqual({ kind: 'other' });
    expect(problem(409, 'something_new')).toEqual({ kind: 'other' });
  });
});

// What a refused admission means for the citizen, from the server's answer to POST /meetings/admit
// (status, error code, details, as server/src/meeting/meeting.routes.ts documents them): one case per
// plain-language message the admission screen shows.
import type { ApiProblem } from '@sportello/web-common/api-client';

export type AdmitProblem =
  | { kind: 'wrong-code'; attemptsLeft?: number }
  | { kind: 'locked'; until?: string }
  /** Too many refused requests from this connection, whatever the booking (the server's per-address limit). */
  | { kind: 'slow-down' }
  | { kind: 'not-open'; opensAt?: string }
  | { kind: 'over' }
  | { kind: 'cancelled' }
  | { kind: 'not-web-meeting' }
  | { kind: 'unknown-booking' }
  | { kind: 'invalid'; field: 'code' | 'admissionCode' }
  | { kind: 'unreachable' }
  | { kind: 'other' };

type Problem = Pick<ApiProblem, 'status' | 'code' | 'details' | 'fields' | 'unreachable'>;

export function admitProblemOf(problem: Problem): AdmitProblem {
  if (problem.unreachable) return { kind: 'unreachable' };
  const code = problem.code;
  const details = problem.details ?? {};
  switch (problem.status) {
    case 400: {
      const field = problem.fields?.[0]?.path;
      return { kind: 'invalid', field: field === 'code' ? 'code' : 'admissionCode' };
    }
    case 403:
      return { kind: 'wrong-code', ...count(details.attemptsLeft) };
    case 404:
      return { kind: 'unknown-booking' };
    case 409:
      if (code === 'meeting_not_open') return { kind: 'not-open', ...instant(details.opensAt, 'opensAt') };
      if (code === 'booking_cancelled') return { kind: 'cancelled' };
      if (code === 'not_a_web_meeting') return { kind: 'not-web-meeting' };
      return { kind: 'other' };
    case 410:
      return { kind: 'over' };
    case 429:
      if (code === 'too_many_requests') return { kind: 'slow-down' };
      return { kind: 'locked', ...instant(details.retryAt, 'until') };
    default:
      return { kind: 'other' };
  }
}

function count(value: unknown): { attemptsLeft?: number } {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? { attemptsLeft: value } : {};
}

function instant<K extends string>(value: unknown, as: K): Partial<Record<K, string>> {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
    ? ({ [as]: value } as Record<K, string>)
    : {};
}

// What a refused admission means for the citizen, from the server's answer to POST /meetings/admit
// (status, error code, details): one case per plain-language message the admission screen shows.
import type { ApiProblem } from '@sportello/web-common/api-client';

export type AdmitProblem =
  | { kind: 'wrong-code'; attemptsLeft?: number }
  | { kind: 'locked'; until?: string }
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
    case 401:
    case 403:
      return { kind: 'wrong-code', ...count(details, ['attemptsLeft', 'triesLeft', 'remaining']) };
    case 404:
      return { kind: 'unknown-booking' };
    case 409:
      if (code === 'meeting_not_open')
        return { kind: 'not-open', ...instant(details, ['opensAt'], 'opensAt') };
      if (/cancel/.test(code)) return { kind: 'cancelled' };
      if (/over|ended|past|completed/.test(code)) return { kind: 'over' };
      return { kind: 'not-web-meeting' };
    case 410:
      return { kind: 'over' };
    case 423:
    case 429:
      return { kind: 'locked', ...instant(details, ['lockedUntil', 'until', 'retryAt'], 'until') };
    default:
      return { kind: 'other' };
  }
}

function count(details: Record<string, unknown>, names: string[]): { attemptsLeft?: number } {
  for (const name of names) {
    const value = details[name];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { attemptsLeft: value };
  }
  return {};
}

function instant<K extends string>(
  details: Record<string, unknown>,
  names: string[],
  as: K,
): Partial<Record<K, string>> {
  for (const name of names) {
    const value = details[name];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value)))
      return { [as]: value } as Record<K, string>;
  }
  return {};
}

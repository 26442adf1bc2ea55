// Who is calling: a staff member with a session, a station through its agent, an office's board, or nobody.
import type { Role, StaffRole } from '@sportello/protocol';

export type Principal =
  | { kind: 'staff'; username: string; roles: StaffRole[]; sede?: string; tokenHash: string }
  | { kind: 'station'; station: string; roles: ['station'] }
  | { kind: 'board'; board: string; sede: string; roles: ['board'] }
  | { kind: 'anonymous'; roles: [] };

export const anonymous = { kind: 'anonymous', roles: [] } as const satisfies Principal;

export function hasRole(principal: Principal, allowed: readonly Role[]): boolean {
  return (principal.roles as readonly Role[]).some((role) => allowed.includes(role));
}

/** An id safe to log and to record as "booked by": never a token. */
export function principalId(principal: Principal): string {
  if (principal.kind === 'staff') return principal.username;
  if (principal.kind === 'station') return principal.station;
  if (principal.kind === 'board') return `board:${principal.board}`;
  return 'anonymous';
}

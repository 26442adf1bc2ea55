// Who is calling: a staff member with a session, a station through its agent, or nobody.
import type { Role, StaffRole } from '@sportello/protocol';

export type Principal =
  | { kind: 'staff'; username: string; roles: StaffRole[]; sede?: string; tokenHash: string }
  | { kind: 'station'; station: string; roles: ['station'] }
  | { kind: 'anonymous'; roles: [] };

export const anonymous: Principal = { kind: 'anonymous', roles: [] };

export function hasRole(principal: Principal, allowed: readonly Role[]): boolean {
  return (principal.roles as readonly Role[]).some((role) => allowed.includes(role));
}

/** An id safe to log and to record as "booked by": never a token. */
export function principalId(principal: Principal): string {
  if (principal.kind === 'staff') return principal.username;
  if (principal.kind === 'station') return principal.station;
  return 'anonymous';
}

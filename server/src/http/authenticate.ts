// Resolves the caller from `Authorization: Bearer …` or the staff session cookie; never rejects by itself.
import type { IncomingHttpHeaders } from 'node:http';
import type { ParsedUrlQuery } from 'node:querystring';
import type { Store } from '../store/store.ts';
import { BOARD_TOKEN_PREFIX, hashToken, STAFF_TOKEN_PREFIX, STATION_TOKEN_PREFIX } from '../auth/tokens.ts';
import { anonymous, type Principal } from './principal.ts';

export const SESSION_COOKIE = 'sportello_session';

/** The token of a request's (or a WebSocket upgrade's) headers: the bearer token, else the session cookie. */
export function tokenOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookie = headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export async function authenticate(
  headers: IncomingHttpHeaders,
  query: ParsedUrlQuery,
  store: Store,
  now: Date,
): Promise<Principal> {
  // A board's page cannot send headers on its event stream: its key comes as `?key=` (never logged), or
  // as a bearer token from anything else that shows the board.
  const key = typeof query.key === 'string' ? query.key : tokenOf(headers);
  if (key?.startsWith(BOARD_TOKEN_PREFIX)) {
    const board = await store.read((r) => r.boardByTokenHash(hashToken(key)));
    return board ? { kind: 'board', board: board.id, sede: board.sede, roles: ['board'] } : anonymous;
  }
  return authenticateHeaders(headers, store, now);
}

export async function authenticateHeaders(
  headers: IncomingHttpHeaders,
  store: Store,
  now: Date,
): Promise<Exclude<Principal, { kind: 'board' }>> {
  const token = tokenOf(headers);
  if (!token) return anonymous;
  const tokenHash = hashToken(token);
  if (token.startsWith(STAFF_TOKEN_PREFIX)) {
    const session = await store.read((r) => r.sessionByTokenHash(tokenHash));
    if (!session || session.expiresAt <= now.toISOString()) return anonymous;
    return { kind: 'staff', username: session.username, roles: session.roles, sede: session.sede, tokenHash };
  }
  if (token.startsWith(STATION_TOKEN_PREFIX)) {
    const credential = await store.read((r) => r.stationByTokenHash(tokenHash));
    if (credential) return { kind: 'station', station: credential.station, roles: ['station'] };
  }
  return anonymous;
}

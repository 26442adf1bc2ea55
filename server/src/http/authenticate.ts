// Resolves the caller from `Authorization: Bearer …` or the staff session cookie; never rejects by itself.
import type { IncomingHttpHeaders } from 'node:http';
import type { Request } from 'express';
import type { Store } from '../store/store.ts';
import { hashToken, STAFF_TOKEN_PREFIX, STATION_TOKEN_PREFIX } from '../auth/tokens.ts';
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

export function authenticate(req: Request, store: Store, now: Date): Promise<Principal> {
  return authenticateHeaders(req.headers, store, now);
}

export async function authenticateHeaders(
  headers: IncomingHttpHeaders,
  store: Store,
  now: Date,
): Promise<Principal> {
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

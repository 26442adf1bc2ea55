// The proof a station carries after a verified card signature: who, how, for which station, until when,
// signed with the server's key so that no station can forge or lend one.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthMethod } from '@sportello/protocol';
import { ApiError } from '../http/api-error.ts';

interface ProofClaims {
  codiceFiscale: string;
  method: AuthMethod;
  station: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

const sign = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(`auth-proof:${payload}`).digest('base64url');

export function createAuthProof(secret: Buffer, claims: ProofClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The claims, if the proof is ours, unexpired and for this station; otherwise a 403 saying why. */
export function verifyAuthProof(secret: Buffer, proof: string, station: string, now: Date): ProofClaims {
  const refuse = (why: string) => new ApiError(403, 'strong_authentication_unproven', why);
  const [payload, mac] = proof.split('.');
  if (!payload || !mac) throw refuse('the proof of authentication is malformed');
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw refuse('the proof of authentication is not valid');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ProofClaims;
  if (claims.station !== station) throw refuse('the proof of authentication was issued to another station');
  if (claims.exp <= now.getTime())
    throw refuse('the authentication has expired: sign in with the card again');
  return claims;
}

// The web-meeting cookie: proof that this browser entered the right admission code for a booking, signed
// with the server's key and valid until the meeting's end. The /ws hub reads it to admit a "meeting" client.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MEETING_COOKIE = 'sportello_meeting';

export interface MeetingClaims {
  /** The booking code. */
  code: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

// The prefix keeps a meeting token from ever verifying as another kind of signed value (auth proofs).
const sign = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(`meeting:${payload}`).digest('base64url');

export function createMeetingToken(secret: Buffer, claims: MeetingClaims): string {
  const payload = Buffer.from(JSON.stringify({ code: claims.code, exp: claims.exp })).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The claims, if the token is ours and unexpired at `now`; otherwise undefined (never throws). */
export function verifyMeetingToken(secret: Buffer, token: string, now: Date): MeetingClaims | undefined {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { code, exp } = claims as Record<string, unknown>;
  if (typeof code !== 'string' || typeof exp !== 'number' || exp <= now.getTime()) return undefined;
  return { code, exp };
}

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuthProof } from '../citizen-auth/auth-proof.ts';
import { createMeetingToken, verifyMeetingToken } from './meeting-token.ts';

const secret = randomBytes(32);
const now = new Date('2026-12-01T09:00:00+01:00');
const exp = now.getTime() + 30 * 60_000;

describe('meeting token', () => {
  it('gives back the claims it was made with until it expires', () => {
    const token = createMeetingToken(secret, { code: 'K7M2QX9D', exp });
    expect(verifyMeetingToken(secret, token, now)).toEqual({ code: 'K7M2QX9D', exp });
    expect(verifyMeetingToken(secret, token, new Date(exp))).toBeUndefined();
  });

  it('refuses another key, a changed payload, a changed MAC and garbage', () => {
    const token = createMeetingToken(secret, { code: 'K7M2QX9D', exp });
    const [payload, mac] = token.split('.');
    expect(verifyMeetingToken(randomBytes(32), token, now)).toBeUndefined();
    const forged = Buffer.from(JSON.stringify({ code: 'AAAAAAAA', exp })).toString('base64url');
    expect(verifyMeetingToken(secret, `${forged}.${mac}`, now)).toBeUndefined();
    // Another last character: 'A' could be the one already there (one token in 64).
    const changed = `${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`;
    expect(verifyMeetingToken(secret, `${payload}.${changed}`, now)).toBeUndefined();
    expect(verifyMeetingToken(secret, `${payload}.${mac}.x`, now)).toBeUndefined();
    expect(verifyMeetingToken(secret, 'nonsense', now)).toBeUndefined();
    expect(verifyMeetingToken(secret, '', now)).toBeUndefined();
  });

  it('does not accept a card proof signed with the same key', () => {
    const proof = createAuthProof(secret, {
      codiceFiscale: 'RSSMRA80A01H501U',
      method: 'cie-pin',
      station: 'adria-municipio',
      exp,
    });
    expect(verifyMeetingToken(secret, proof, now)).toBeUndefined();
  });
});

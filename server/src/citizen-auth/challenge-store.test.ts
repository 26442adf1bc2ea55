import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChallengeError, ChallengeStore } from './challenge-store.ts';

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

function codeOf(action: () => void): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ChallengeError);
    expect((error as ChallengeError).status).toBe(401);
    return (error as ChallengeError).code;
  }
  throw new Error('accepted, but should not have');
}

describe('ChallengeStore', () => {
  it('issues 32 random bytes that expire in 2 minutes', () => {
    const time = clock();
    const store = new ChallengeStore({ now: time.now });
    const { challenge, expiresAt } = store.issue('kiosk-1');
    expect(challenge).toHaveLength(32);
    expect(expiresAt.getTime()).toBe(time.now() + 120_000);
    expect(store.issue('kiosk-1').challenge.equals(challenge)).toBe(false);
  });

  it('accepts a challenge once', () => {
    const store = new ChallengeStore();
    const { challenge } = store.issue('kiosk-1');
    store.consume(challenge, 'kiosk-1');
    expect(codeOf(() => store.consume(challenge, 'kiosk-1'))).toBe('challenge_used');
  });

  it('refuses an expired challenge', () => {
    const time = clock();
    const store = new ChallengeStore({ now: time.now });
    const { challenge } = store.issue('kiosk-1');
    time.advance(120_001);
    expect(codeOf(() => store.consume(challenge, 'kiosk-1'))).toBe('challenge_expired');
  });

  it('does not know a challenge it never issued, nor one issued to someone else', () => {
    const store = new ChallengeStore();
    expect(codeOf(() => store.consume(randomBytes(32), 'kiosk-1'))).toBe('challenge_unknown');
    const { challenge } = store.issue('kiosk-1');
    expect(codeOf(() => store.consume(challenge, 'kiosk-2'))).toBe('challenge_unknown');
    // Still good for its owner.
    store.consume(challenge, 'kiosk-1');
  });

  it('stays bounded: forgets expired challenges, then the oldest', () => {
    const time = clock();
    const store = new ChallengeStore({ now: time.now, maxOutstanding: 3 });
    const first = store.issue('a').challenge;
    store.issue('a');
    store.issue('a');
    store.issue('a');
    expect(store.size).toBe(3);
    expect(codeOf(() => store.consume(first, 'a'))).toBe('challenge_unknown');
    time.advance(120_001);
    expect(store.size).toBe(0);
  });
});

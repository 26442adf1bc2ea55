import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryLimits } from '../store/limits.ts';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from '../store/postgres/test-database.ts';
import { ChallengeError, ChallengeStore } from './challenge-store.ts';

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const secret = randomBytes(32);

function challengeStore(options: { now?: () => number; limits?: MemoryLimits } = {}) {
  return new ChallengeStore({ secret, limits: options.limits ?? new MemoryLimits(), ...options });
}

async function codeOf(action: () => Promise<void>): Promise<string> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(ChallengeError);
    expect((error as ChallengeError).status).toBe(401);
    return (error as ChallengeError).code;
  }
  throw new Error('accepted, but should not have');
}

describe('ChallengeStore', () => {
  it('issues 32 unpredictable bytes that expire in 2 minutes', () => {
    const time = clock();
    const store = challengeStore({ now: time.now });
    const { challenge, expiresAt } = store.issue('kiosk-1');
    expect(challenge).toHaveLength(32);
    expect(expiresAt.getTime()).toBe(time.now() + 120_000);
    expect(store.issue('kiosk-1').challenge.equals(challenge)).toBe(false);
  });

  it('accepts a challenge once', async () => {
    const store = challengeStore();
    const { challenge } = store.issue('kiosk-1');
    await store.consume(challenge, 'kiosk-1');
    expect(await codeOf(() => store.consume(challenge, 'kiosk-1'))).toBe('challenge_used');
  });

  it('refuses an expired challenge', async () => {
    const time = clock();
    const store = challengeStore({ now: time.now });
    const { challenge } = store.issue('kiosk-1');
    time.advance(120_001);
    expect(await codeOf(() => store.consume(challenge, 'kiosk-1'))).toBe('challenge_expired');
  });

  it('does not know a challenge it never issued, nor one issued to someone else', async () => {
    const store = challengeStore();
    expect(await codeOf(() => store.consume(randomBytes(32), 'kiosk-1'))).toBe('challenge_unknown');
    const { challenge } = store.issue('kiosk-1');
    expect(await codeOf(() => store.consume(challenge, 'kiosk-2'))).toBe('challenge_unknown');
    // Still good for its owner.
    await store.consume(challenge, 'kiosk-1');
  });

  it('does not know a challenge whose expiry was moved, nor one of another secret, nor a short one', async () => {
    const store = challengeStore();
    const { challenge } = store.issue('kiosk-1');
    const later = Buffer.from(challenge);
    later[15]! ^= 1;
    expect(await codeOf(() => store.consume(later, 'kiosk-1'))).toBe('challenge_unknown');
    const elsewhere = new ChallengeStore({ secret: randomBytes(32), limits: new MemoryLimits() });
    expect(await codeOf(() => elsewhere.consume(challenge, 'kiosk-1'))).toBe('challenge_unknown');
    expect(await codeOf(() => store.consume(challenge.subarray(0, 31), 'kiosk-1'))).toBe('challenge_unknown');
  });
});

describe('ChallengeStore on two server instances (PostgreSQL)', () => {
  afterAll(() => dropTestSchemas(), 60_000);

  it('accepts on instance B a challenge issued by instance A, once, whichever instance is asked again', async () => {
    const schema = await testSchema('challenges');
    const [a, b] = await Promise.all([
      PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 2 }),
      PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 2 }),
    ]);
    try {
      const onA = new ChallengeStore({ secret, limits: a });
      const onB = new ChallengeStore({ secret, limits: b });
      const { challenge } = onA.issue('kiosk-1');
      await onB.consume(challenge, 'kiosk-1');
      expect(await codeOf(() => onA.consume(challenge, 'kiosk-1'))).toBe('challenge_used');
      expect(await codeOf(() => onB.consume(challenge, 'kiosk-1'))).toBe('challenge_used');
      // Both instances answering at once: one accepts.
      const next = onA.issue('kiosk-1').challenge;
      const answers = await Promise.allSettled([onA.consume(next, 'kiosk-1'), onB.consume(next, 'kiosk-1')]);
      expect(answers.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

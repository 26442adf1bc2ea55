// The challenges a card signs for strong authentication: 32 random bytes each, usable once, by the one they
// were issued to, for 2 minutes. In memory and bounded, so that a flood of requests cannot grow it without end.
import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/api-error.ts';

export interface ChallengeStoreOptions {
  /** Default 2 minutes: time to insert the card and type the PIN. */
  ttlMs?: number;
  /** Challenges kept at most; past it the oldest is forgotten. Default 10,000. */
  maxOutstanding?: number;
  /** The clock, in ms; tests give their own. */
  now?: () => number;
}

export interface IssuedChallenge {
  challenge: Buffer;
  expiresAt: Date;
}

export type ChallengeErrorCode = 'challenge_unknown' | 'challenge_expired' | 'challenge_used';

export class ChallengeError extends ApiError {
  override name = 'ChallengeError';
  declare readonly code: ChallengeErrorCode;

  constructor(code: ChallengeErrorCode, message: string) {
    super(401, code, message);
  }
}

interface Entry {
  owner: string;
  expiresAt: number;
  used: boolean;
}

export class ChallengeStore {
  private readonly ttlMs: number;
  private readonly maxOutstanding: number;
  private readonly now: () => number;
  // Insertion order is expiry order (one TTL for all), so expired entries are always at the front.
  private readonly entries = new Map<string, Entry>();

  constructor(options: ChallengeStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 2 * 60_000;
    this.maxOutstanding = options.maxOutstanding ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Challenges currently remembered, used ones included until they expire. */
  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  /** A fresh challenge for `owner` (the kiosk session asking), to be consumed by the same owner. */
  issue(owner: string): IssuedChallenge {
    this.sweep();
    while (this.entries.size >= this.maxOutstanding) this.entries.delete(this.entries.keys().next().value!);
    const challenge = randomBytes(32);
    const expiresAt = this.now() + this.ttlMs;
    this.entries.set(challenge.toString('base64url'), { owner, expiresAt, used: false });
    return { challenge, expiresAt: new Date(expiresAt) };
  }

  /**
   * Accepts `challenge` once, for its owner, before it expires; throws ChallengeError (401) otherwise. Another
   * owner is told it is unknown, and the challenge stays usable by its own.
   */
  consume(challenge: Buffer, owner: string): void {
    const key = challenge.toString('base64url');
    const entry = this.entries.get(key);
    if (!entry || entry.owner !== owner) {
      throw new ChallengeError('challenge_unknown', 'this challenge was not issued here');
    }
    if (this.now() > entry.expiresAt) {
      this.entries.delete(key);
      throw new ChallengeError('challenge_expired', 'the challenge has expired: ask for a new one');
    }
    if (entry.used) throw new ChallengeError('challenge_used', 'the challenge was already used');
    entry.used = true;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt >= now) break;
      this.entries.delete(key);
    }
  }
}

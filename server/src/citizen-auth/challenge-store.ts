// The challenges a card signs for strong authentication: usable once, by the one they were issued to, for
// 2 minutes, on whichever server instance the answer reaches. A challenge carries its own proof: 10 random
// bytes, its expiry, and an HMAC under the server's secret (the same on every instance) binding both to its
// owner; "used" is marked in the store until it expires, so nothing is kept per process.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/api-error.ts';
import type { SharedLimits } from '../store/limits.ts';

export interface ChallengeStoreOptions {
  /** The server's secret: challenges issued by one instance are accepted by the others. */
  secret: Buffer;
  /** Where a used challenge is marked, shared by every instance. */
  limits: Pick<SharedLimits, 'useOnce'>;
  /** Default 2 minutes: time to insert the card and type the PIN. */
  ttlMs?: number;
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

const NONCE_BYTES = 10;
const EXPIRY_BYTES = 6;
const MAC_BYTES = 16;
/** 32 bytes in all, as the cards and the protocol expect. */
const CHALLENGE_BYTES = NONCE_BYTES + EXPIRY_BYTES + MAC_BYTES;

export class ChallengeStore {
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ChallengeStoreOptions) {
    this.ttlMs = options.ttlMs ?? 2 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A fresh challenge for `owner` (the kiosk session asking), to be consumed by the same owner. */
  issue(owner: string): IssuedChallenge {
    const expiresAt = this.now() + this.ttlMs;
    const body = Buffer.alloc(NONCE_BYTES + EXPIRY_BYTES);
    randomBytes(NONCE_BYTES).copy(body);
    body.writeUIntBE(expiresAt, NONCE_BYTES, EXPIRY_BYTES);
    return { challenge: Buffer.concat([body, this.mac(body, owner)]), expiresAt: new Date(expiresAt) };
  }

  /**
   * Accepts `challenge` once, for its owner, before it expires; throws ChallengeError (401) otherwise. Another
   * owner is told it is unknown, and the challenge stays usable by its own.
   */
  async consume(challenge: Buffer, owner: string): Promise<void> {
    const body = challenge.subarray(0, NONCE_BYTES + EXPIRY_BYTES);
    const given = challenge.subarray(NONCE_BYTES + EXPIRY_BYTES);
    if (challenge.length !== CHALLENGE_BYTES || !timingSafeEqual(given, this.mac(body, owner))) {
      throw new ChallengeError('challenge_unknown', 'this challenge was not issued here');
    }
    const expiresAt = body.readUIntBE(NONCE_BYTES, EXPIRY_BYTES);
    const now = this.now();
    if (now > expiresAt) {
      throw new ChallengeError('challenge_expired', 'the challenge has expired: ask for a new one');
    }
    const key = `card-challenge:${challenge.toString('base64url')}`;
    if (!(await this.options.limits.useOnce(key, new Date(expiresAt), new Date(now)))) {
      throw new ChallengeError('challenge_used', 'the challenge was already used');
    }
  }

  private mac(body: Buffer, owner: string): Buffer {
    return createHmac('sha256', this.options.secret)
      .update('card-challenge\0')
      .update(owner)
      .update('\0')
      .update(body)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}

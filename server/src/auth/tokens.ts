// Bearer tokens: 256 random bits, kept only as a SHA-256 hash (enough for secrets this long).
import { createHash, randomBytes } from 'node:crypto';

export const STAFF_TOKEN_PREFIX = 'sps_';
export const STATION_TOKEN_PREFIX = 'sts_';
/** A display board's key, in its URL. */
export const BOARD_TOKEN_PREFIX = 'sbd_';

export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Codes given to citizens: a booking code to read aloud or type, and a 6-digit admission code.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { pooledRandomBytes } from '../auth/random-pool.ts';

// Crockford base 32: no I, L, O, U, so nothing is misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newBookingCode(): string {
  return [...pooledRandomBytes(8)].map((byte) => ALPHABET[byte & 31]).join('');
}

export function newAdmissionCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function hashAdmissionCode(secret: Buffer, bookingCode: string, admissionCode: string): string {
  return createHmac('sha256', secret).update(`${bookingCode}:${admissionCode}`).digest('hex');
}

export function admissionCodeMatches(
  secret: Buffer,
  bookingCode: string,
  admissionCode: string,
  hash: string,
): boolean {
  const expected = Buffer.from(hashAdmissionCode(secret, bookingCode, admissionCode), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}

// Staff password hashing with scrypt (memory-hard), from Node's own crypto.
// Stored form: scrypt$N$r$p$saltBase64$hashBase64, so parameters can be raised later
// without invalidating existing hashes.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** 128 * N * r bytes are needed (32 MiB with the defaults); leave headroom. */
const MAXMEM = 64 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** True when `password` matches `stored`; false for a wrong password or a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, nText, rText, pText, saltText, hashText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (![nText, rText, pText].every((t) => /^[1-9]\d{0,9}$/.test(t))) return false;
  const n = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  // N must be a power of two above 1; refuse parameters that would need absurd memory or time.
  if (n < 2 || (n & (n - 1)) !== 0 || n > 2 ** 20 || r > 32 || p > 16) return false;
  if (!BASE64.test(saltText) || !BASE64.test(hashText)) return false;
  const salt = Buffer.from(saltText, 'base64');
  const expected = Buffer.from(hashText, 'base64');
  if (salt.length === 0 || expected.length < 16) return false;
  const maxmem = Math.max(MAXMEM, 128 * n * r * 2);
  let actual: Buffer;
  try {
    actual = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem });
  } catch {
    return false;
  }
  return timingSafeEqual(actual, expected);
}

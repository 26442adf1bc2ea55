// Random bytes for codes and tokens, drawn from a pool filled 4 KB at a time: each randomBytes() call is a trip into
// OpenSSL costing about as much for 8 bytes as for 4 KB, and a booking draws twice. Each byte is handed out once.
import { randomBytes } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) return randomBytes(size);
  if (used + size > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  // A refill makes a new pool, so this view's bytes never change.
  const bytes = pool.subarray(used, used + size);
  used += size;
  return bytes;
}

import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from './random-pool.ts';

describe('pooled random bytes', () => {
  it('hands out the size asked, never the same bytes twice, across many refills', () => {
    const seen = new Set<string>();
    // 3 × 4 KB pools and more, in sizes that do not divide the pool evenly.
    for (let i = 0; i < 1200; i++) {
      const bytes = pooledRandomBytes(i % 2 ? 8 : 16);
      expect(bytes).toHaveLength(i % 2 ? 8 : 16);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(1200);
  });

  it('keeps bytes handed out as they were after refills, and gives sizes beyond the pool', () => {
    const first = pooledRandomBytes(16);
    const kept = Buffer.from(first);
    for (let i = 0; i < 600; i++) pooledRandomBytes(16);
    expect(first.equals(kept)).toBe(true);
    expect(pooledRandomBytes(5000)).toHaveLength(5000);
  });

  it('is not all zeros', () => {
    expect(pooledRandomBytes(32).some((byte) => byte !== 0)).toBe(true);
  });
});

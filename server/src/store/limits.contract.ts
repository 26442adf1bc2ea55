// The store contract of shared limits (limits.ts): one-time keys and hit counters, concurrent uses included.
// Run by storeContract on both stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFactory } from './store.contract.ts';
import type { Store } from './store.ts';

const at = (iso: string) => new Date(`2026-11-28T${iso}Z`);

export function limitsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: shared limits`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('uses a key once until it expires', async () => {
      const until = at('10:02:00');
      expect(await store.useOnce('challenge:a', until, at('10:00:00'))).toBe(true);
      expect(await store.useOnce('challenge:a', until, at('10:01:00'))).toBe(false);
      expect(await store.useOnce('challenge:a', until, at('10:02:00'))).toBe(false);
      expect(await store.useOnce('challenge:b', until, at('10:01:00'))).toBe(true);
      // Past its expiry the mark is gone.
      expect(await store.useOnce('challenge:a', at('10:05:00'), at('10:02:01'))).toBe(true);
      expect(await store.useOnce('challenge:a', at('10:05:00'), at('10:03:00'))).toBe(false);
    });

    it('lets one of many concurrent uses of a key through', async () => {
      const uses = await Promise.all(
        Array.from({ length: 20 }, () => store.useOnce('challenge:c', at('10:02:00'), at('10:00:00'))),
      );
      expect(uses.filter(Boolean)).toHaveLength(1);
    });

    it('counts hits in a fixed window, then starts a new one', async () => {
      const first = await store.countHit('guess:1.2.3.4', 60_000, at('10:00:00'));
      expect(first).toEqual({ hits: 1, resetAt: at('10:01:00') });
      expect(await store.countHit('guess:1.2.3.4', 60_000, at('10:00:30'))).toEqual({
        hits: 2,
        resetAt: at('10:01:00'),
      });
      expect((await store.countHit('guess:5.6.7.8', 60_000, at('10:00:30'))).hits).toBe(1);
      expect(await store.countHit('guess:1.2.3.4', 60_000, at('10:01:00'))).toEqual({
        hits: 1,
        resetAt: at('10:02:00'),
      });
    });

    it('counts every one of many concurrent hits', async () => {
      const counts = await Promise.all(
        Array.from({ length: 40 }, () => store.countHit('guess:9.9.9.9', 60_000, at('10:00:00'))),
      );
      expect(counts.map((c) => c.hits).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
    });

    it('takes hits back within the window, never below zero, and forgets a key', async () => {
      await store.countHit('guess:k', 60_000, at('10:00:00'));
      await store.countHit('guess:k', 60_000, at('10:00:00'));
      await store.uncountHit('guess:k', at('10:00:10'));
      expect((await store.countHit('guess:k', 60_000, at('10:00:20'))).hits).toBe(2);
      for (let i = 0; i < 3; i++) await store.uncountHit('guess:k', at('10:00:30'));
      expect((await store.countHit('guess:k', 60_000, at('10:00:40'))).hits).toBe(1);
      // A success after the window ended takes nothing from the next one.
      await store.uncountHit('guess:k', at('10:01:05'));
      await store.uncountHit('guess:none', at('10:01:05'));
      await store.resetHits('guess:k');
      expect(await store.countHit('guess:k', 60_000, at('10:00:50'))).toEqual({
        hits: 1,
        resetAt: at('10:01:50'),
      });
    });

    it('never asks for a resync on its own', async () => {
      let resyncs = 0;
      const stop = store.onResync(() => resyncs++);
      await store.transaction(async (tx) => tx.notify('marker', 'x'));
      stop();
      expect(resyncs).toBe(0);
    });
  });
}

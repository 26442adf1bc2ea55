// The store contract of several server instances: their liveness rows and officials' presence (which
// instance holds an official's socket), and the instances a video queue entry names. Run by storeContract.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFactory } from './store.contract.ts';
import type { Store, VideoPresence } from './store.ts';

const presence = (official: string, instance: string, overrides: Partial<VideoPresence> = {}) => ({
  official,
  instance,
  group: 'rovigo',
  sectors: ['assicurato-pensionato'],
  status: 'available' as const,
  since: '2026-11-30T08:00:00.000Z',
  ...overrides,
});

export function instancesContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: server instances and video presence`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('registers, renews and forgets instances', async () => {
      const a = { id: 'a', startedAt: '2026-11-30T08:00:00.000Z', aliveUntil: '2026-11-30T08:00:30.000Z' };
      await store.transaction(async (tx) => {
        await tx.putServerInstance(a);
        await tx.putServerInstance({ ...a, id: 'b' });
        await tx.putServerInstance({ ...a, aliveUntil: '2026-11-30T08:00:40.000Z' });
      });
      expect(await store.read((r) => r.serverInstances())).toEqual([
        { ...a, aliveUntil: '2026-11-30T08:00:40.000Z' },
        { ...a, id: 'b' },
      ]);
      expect(await store.transaction((tx) => tx.deleteServerInstance('b'))).toBe(true);
      expect(await store.transaction((tx) => tx.deleteServerInstance('b'))).toBe(false);
      expect((await store.read((r) => r.serverInstances())).map((i) => i.id)).toEqual(['a']);
    });

    it('keeps one presence per official, the newest connection; only its instance removes it', async () => {
      await store.transaction(async (tx) => {
        await tx.putVideoPresence(presence('rossi', 'a'));
        await tx.putVideoPresence(presence('bianchi', 'a', { status: 'paused' }));
        // Rossi's console reloaded through the balancer onto instance b.
        await tx.putVideoPresence(presence('rossi', 'b', { status: 'busy' }));
      });
      expect(await store.read((r) => r.videoPresence())).toEqual([
        presence('bianchi', 'a', { status: 'paused' }),
        presence('rossi', 'b', { status: 'busy' }),
      ]);
      // Instance a closing Rossi's old socket must not remove the newer presence.
      expect(await store.transaction((tx) => tx.deleteVideoPresence('rossi', 'a'))).toBe(false);
      expect(await store.transaction((tx) => tx.deleteVideoPresence('rossi', 'b'))).toBe(true);
      expect((await store.read((r) => r.videoPresence())).map((p) => p.official)).toEqual(['bianchi']);
    });

    it('undoes instance and presence writes of a transaction that throws', async () => {
      const a = { id: 'a', startedAt: '2026-11-30T08:00:00.000Z', aliveUntil: '2026-11-30T08:00:30.000Z' };
      await store.transaction(async (tx) => {
        await tx.putServerInstance(a);
        await tx.putVideoPresence(presence('rossi', 'a'));
      });
      await expect(
        store.transaction(async (tx) => {
          await tx.putServerInstance({ ...a, aliveUntil: '2026-11-30T09:00:00.000Z' });
          await tx.deleteVideoPresence('rossi', 'a');
          await tx.putVideoPresence(presence('verdi', 'a'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.read((r) => r.serverInstances())).toEqual([a]);
      expect(await store.read((r) => r.videoPresence())).toEqual([presence('rossi', 'a')]);
    });

    it('keeps the instances a queue entry names', async () => {
      const entry = {
        id: 'e1',
        group: 'rovigo',
        origin: 'station' as const,
        sector: 'assicurato-pensionato',
        service: 'pensione-informazioni',
        since: '2026-11-30T08:00:00.000Z',
        authLevel: 'typed' as const,
        status: 'in-call' as const,
        official: 'rossi',
        callId: 'c1',
        instance: 'a',
        officialInstance: 'b',
      };
      await store.transaction((tx) => tx.putVideoQueueEntry(entry));
      expect(await store.read((r) => r.videoQueue())).toEqual([entry]);
    });
  });
}

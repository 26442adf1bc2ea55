// Server instances and officials' presence for lowdb: one process is the only instance, so they live in
// memory (a restart starts with nobody connected), written in transactions and undone with them.
import type { ServerInstance, StoreReader, StoreTx, VideoPresence } from '../store.ts';

type Undo = () => void;

export class LowdbInstances {
  private readonly instances = new Map<string, ServerInstance>();
  private readonly presence = new Map<string, VideoPresence>();

  reader(): Pick<StoreReader, 'serverInstances' | 'videoPresence'> {
    return {
      serverInstances: async () => [...this.instances.values()].map((i) => ({ ...i })),
      videoPresence: async () =>
        [...this.presence.values()]
          .sort((a, b) => a.official.localeCompare(b.official))
          .map((p) => ({ ...p, sectors: [...p.sectors] })),
    };
  }

  writer(
    undo: Undo[],
  ): Pick<
    StoreTx,
    'putServerInstance' | 'deleteServerInstance' | 'putVideoPresence' | 'deleteVideoPresence'
  > {
    return {
      putServerInstance: async (instance) => set(this.instances, instance.id, { ...instance }, undo),
      deleteServerInstance: async (id) => remove(this.instances, id, undo),
      putVideoPresence: async (presence) =>
        set(this.presence, presence.official, { ...presence, sectors: [...presence.sectors] }, undo),
      deleteVideoPresence: async (official, instance) =>
        this.presence.get(official)?.instance === instance && remove(this.presence, official, undo),
    };
  }
}

function set<T>(map: Map<string, T>, key: string, value: T, undo: Undo[]): void {
  const previous = map.get(key);
  map.set(key, value);
  undo.push(() => (previous === undefined ? map.delete(key) : map.set(key, previous)));
}

function remove<T>(map: Map<string, T>, key: string, undo: Undo[]): boolean {
  const previous = map.get(key);
  if (previous === undefined) return false;
  map.delete(key);
  undo.push(() => map.set(key, previous));
  return true;
}

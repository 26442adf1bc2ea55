// The station registry: kept in the store, seeded from config/stations.json on the first start (no station
// in the store yet); from then on technicians create, move, rename and edit stations from the console.
//
// Hot paths (every ticket a station prints, every kiosk /ws connection) read it through a small cache of the
// whole registry. The cache is per server instance: it is dropped on every change notified on the store's
// `stations` channel, which writers here notify in the same transaction as the change (PostgreSQL's
// NOTIFY reaches every instance at commit; lowdb's channel is in-process, and lowdb is one instance), and
// after the store's listener reconnected (onResync: what was notified meanwhile is lost).
import type { Station } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import type { Store, StoredStation, StoreTx } from '../store/store.ts';

/** The store channel announcing a change to the registry or to a station's credential. */
export const STATIONS_CHANNEL = 'stations';

/** What a `stations` notification carries: which station, and what happened to it. */
export interface StationChange {
  station: string;
  change: 'created' | 'updated' | 'revoked' | 'enrolled';
}

interface RegistryCache {
  /** Bumped by every change: a read that started before one does not fill the cache with what it read. */
  generation: number;
  byId: Promise<Map<string, StoredStation>> | null;
}

const caches = new WeakMap<Store, RegistryCache>();

function cacheOf(store: Store): RegistryCache {
  let cache = caches.get(store);
  if (!cache) {
    const created: RegistryCache = { generation: 0, byId: null };
    const drop = () => {
      created.generation++;
      created.byId = null;
    };
    store.listen(STATIONS_CHANNEL, drop);
    // Changes notified while the listener was away are not replayed: read the registry again.
    store.onResync(drop);
    caches.set(store, created);
    cache = created;
  }
  return cache;
}

function registry(store: Store): Promise<Map<string, StoredStation>> {
  const cache = cacheOf(store);
  if (cache.byId) return cache.byId;
  const generation = cache.generation;
  const loading = store
    .read((r) => r.stations())
    .then((stations) => new Map(stations.map((s) => [s.id, Object.freeze(s)])));
  cache.byId = loading;
  loading.catch(() => {
    if (cache.byId === loading) cache.byId = null;
  });
  // A change notified while this read was on its way has already dropped it; keep it out of the cache.
  void loading.then(() => {
    if (cache.generation !== generation && cache.byId === loading) cache.byId = null;
  });
  return loading;
}

/** A station of the registry, from the cache; never mutate it. */
export async function stationById(ctx: AppContext, id: string): Promise<Readonly<StoredStation> | undefined> {
  return (await registry(ctx.store)).get(id);
}

/** Every station of the registry, by id, from the cache; never mutate them. */
export async function allStations(ctx: AppContext): Promise<readonly Readonly<StoredStation>[]> {
  return [...(await registry(ctx.store)).values()];
}

/** Writes a station and tells every instance's cache, in the caller's transaction. */
export async function putStationRecord(
  tx: StoreTx,
  station: StoredStation,
  change: StationChange['change'],
): Promise<void> {
  await tx.putStation(station);
  announce(tx, { station: station.id, change });
}

/** Announces a change of a station (its record or its credential) on the `stations` channel. */
export function announce(tx: StoreTx, change: StationChange): void {
  tx.notify(STATIONS_CHANNEL, JSON.stringify(change));
}

/**
 * Fills an empty registry from config/stations.json, in one transaction (two instances starting together
 * seed it once: the second finds it filled). Answers how many stations were seeded.
 */
export async function seedStationRegistry(ctx: AppContext): Promise<number> {
  const now = ctx.clock().toISOString();
  return ctx.store.transaction(async (tx) => {
    if ((await tx.stations()).length > 0) return 0;
    for (const station of ctx.config.stations)
      await putStationRecord(tx, { ...station, createdAt: now, updatedAt: now }, 'created');
    return ctx.config.stations.length;
  });
}

/** The station as the API shows it: without the registry's bookkeeping and pushed settings. */
export function publicStation(stored: Readonly<StoredStation>): Station {
  const { id, name, kind, host, address, sede, comune, devices } = stored;
  return {
    id,
    name,
    kind,
    host,
    address,
    sede,
    ...(comune === undefined ? {} : { comune }),
    ...(devices === undefined ? {} : { devices: [...devices] }),
  };
}

// What an instance keeps of the reads asked for on every request (a day's booked times and a sede's calendar
// changes for availability, a staff session for authentication), so answering needs no round trip to
// PostgreSQL. A transaction that changes them notifies which entry on commit; every instance (this one at
// once, the others through LISTEN) drops it. Used only by reads outside transactions: a transaction reads
// the table under its lock, so the capacity it decides on is never a cached one. While notifications are not
// being received (the listening connection is lost) nothing is cached, and everything is dropped when they
// are back.

/** The store channel the invalidations travel on; the payload is the entry's key. */
export const READ_CACHE_CHANNEL = 'store.read-cache';
/** Entries kept at most; the least recently stored go first. */
const MAX_ENTRIES = 20_000;

interface Entry {
  /** Bumped at each invalidation: a load that began before it does not store what it read. */
  generation: number;
  value?: unknown;
}

export class PgReadCache {
  private entries = new Map<string, Entry>();
  private listening = true;

  static bookedTimesKey(sede: string, day: string): string {
    return `booked\u001f${sede}\u001f${day}`;
  }

  static calendarChangesKey(sede: string | undefined): string {
    return `calendar\u001f${sede ?? ''}`;
  }

  /**
   * A staff session by its token's hash. Ended on another instance, it still works here until the
   * notification arrives (about a millisecond; never while notifications are not being received).
   */
  static sessionKey(tokenHash: string): string {
    return `session\u001f${tokenHash}`;
  }

  /**
   * The cached value of `key`, else what `load` reads, kept unless invalidated meanwhile or `keep` says no
   * (a token that matches no session: guesses must not push real entries out).
   */
  async get<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    if (!this.listening) return load();
    let entry = this.entries.get(key);
    if (entry && 'value' in entry) return entry.value as T;
    if (!entry) this.entries.set(key, (entry = { generation: 0 }));
    const { generation } = entry;
    const entries = this.entries;
    const value = await load();
    if (!keep(value)) {
      // Not even the placeholder stays: misses would pile up beside the kept entries.
      const placeholder = entries.get(key);
      if (placeholder && !('value' in placeholder) && placeholder.generation === generation)
        entries.delete(key);
      return value;
    }
    // Still the same map (not cleared) and the same generation (not invalidated): keep it.
    if (this.listening && this.entries === entries && entries.get(key)?.generation === generation) {
      entries.delete(key);
      entries.set(key, { generation, value });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    }
    return value;
  }

  invalidate(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.entries.set(key, { generation: entry.generation + 1 });
  }

  /** Told whether notifications are being received: anything kept may have missed some, so it all goes. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.entries = new Map();
  }

  /** Drops everything (after a reconnection: what was notified meanwhile is lost). */
  clear(): void {
    this.entries = new Map();
  }
}

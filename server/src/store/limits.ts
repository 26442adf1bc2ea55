// What every server instance must agree on to keep a limit: one-time keys (a card challenge answered once)
// and hit counters (tries of a guessable code per address). lowdb keeps them in memory (one process is the
// only instance); PostgreSQL in two small tables, so that a limit holds whichever instance a request reaches.

/** A key's hits in its window, and when the window ends. */
export interface HitCount {
  hits: number;
  resetAt: Date;
}

export interface SharedLimits {
  /**
   * Marks `key` used until `until`: true the first time, false while it is still marked (a second use).
   * Once `until` has passed the key may be used again (and is forgotten).
   */
  useOnce(key: string, until: Date, now: Date): Promise<boolean>;
  /**
   * Counts one hit on `key` in a fixed window of `windowMs` that starts with the first hit after the last
   * window ended. Concurrent hits of every instance are all counted.
   */
  countHit(key: string, windowMs: number, now: Date): Promise<HitCount>;
  /** Takes one hit back (the request succeeded), in the current window only, never below zero. */
  uncountHit(key: string, now: Date): Promise<void>;
  /** Forgets the hits of `key`. */
  resetHits(key: string): Promise<void>;
}

/** In memory, for one process; expired entries are swept as new ones come, so the maps stay small. */
export class MemoryLimits implements SharedLimits {
  private readonly used = new Map<string, number>();
  private readonly counters = new Map<string, { hits: number; resetAt: number }>();
  // Each map is swept with the clock of its own callers (a challenge's and a rate limit's may differ).
  private readonly swept = { used: -Infinity, counters: -Infinity };

  async useOnce(key: string, until: Date, now: Date): Promise<boolean> {
    if (this.due('used', now.getTime()))
      for (const [used, expiry] of this.used) if (expiry < now.getTime()) this.used.delete(used);
    const marked = this.used.get(key);
    if (marked !== undefined && marked >= now.getTime()) return false;
    this.used.set(key, until.getTime());
    return true;
  }

  async countHit(key: string, windowMs: number, now: Date): Promise<HitCount> {
    const at = now.getTime();
    if (this.due('counters', at))
      for (const [counted, counter] of this.counters)
        if (counter.resetAt <= at) this.counters.delete(counted);
    let counter = this.counters.get(key);
    if (!counter || counter.resetAt <= at)
      this.counters.set(key, (counter = { hits: 0, resetAt: at + windowMs }));
    counter.hits++;
    return { hits: counter.hits, resetAt: new Date(counter.resetAt) };
  }

  async uncountHit(key: string, now: Date): Promise<void> {
    const counter = this.counters.get(key);
    if (counter && counter.resetAt > now.getTime() && counter.hits > 0) counter.hits--;
  }

  async resetHits(key: string): Promise<void> {
    this.counters.delete(key);
  }

  /** At most once a second: a flood of hits does not scan the maps each time. */
  private due(map: 'used' | 'counters', at: number): boolean {
    if (at - this.swept[map] < 1_000) return false;
    this.swept[map] = at;
    return true;
  }
}

// The gauges read from the store: one read serves every gauge and every scrape for a few seconds, and a
// store that cannot be read leaves them out without failing the scrape.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { createLogger } from '../log/logger.ts';
import type { Store, StoreReader } from '../store/store.ts';
import { createMetrics } from './metrics.ts';
import { registerStateGauges, STATE_TTL_MS } from './state-gauges.ts';

const config = await loadConfig();

/** A store whose reads answer an office with no stations and a few SMS, or fail; it counts the outbox reads. */
function fakeStore(fail: () => boolean) {
  const store = {
    summaries: 0,
    listen: () => () => undefined,
    onResync: () => () => undefined,
    read: async <T>(fn: (r: StoreReader) => Promise<T>): Promise<T> => {
      if (fail()) throw new Error('disk gone');
      return fn({
        pendingSummary: async () => {
          store.summaries++;
          return { due: 2, scheduled: 5, oldestDueAt: '2026-11-30T07:59:00.000Z' };
        },
        videoQueue: async () => [],
        stations: async () => [],
        stationStatuses: async () => [],
        stationCredentials: async () => [],
        latestSelfTestRuns: async () => [],
      } as unknown as StoreReader);
    },
  };
  return store;
}

function setUp(fail = () => false) {
  let now = new Date('2026-11-30T08:00:00Z');
  const store = fakeStore(fail);
  const metrics = createMetrics();
  const ctx = {
    config,
    store: store as unknown as Store,
    clock: () => now,
    log: createLogger({ level: 'silent' }),
  } as unknown as AppContext;
  registerStateGauges(ctx, metrics);
  return {
    store,
    scrape: () => metrics.registry.metrics(),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe('state gauges', () => {
  it('read the store once for every gauge and every scrape within a few seconds', async () => {
    const { store, scrape, advance } = setUp();
    const first = await scrape();
    expect(first).toContain('sportello_outbox_pending_messages{state="due"} 2');
    expect(first).toContain('sportello_outbox_oldest_due_seconds 60');
    expect(store.summaries).toBe(1);
    await Promise.all([scrape(), scrape()]);
    advance(STATE_TTL_MS - 1);
    await scrape();
    expect(store.summaries).toBe(1);
    advance(1);
    expect(await scrape()).toContain('sportello_outbox_oldest_due_seconds 65');
    expect(store.summaries).toBe(2);
  });

  it('leave their samples out, and say so, when the store cannot be read; the scrape still answers', async () => {
    let failing = true;
    const { scrape, advance } = setUp(() => failing);
    const text = await scrape();
    expect(text).toContain('sportello_metrics_store_read_ok 0');
    expect(text).not.toMatch(/^sportello_outbox_pending_messages\{/m);
    expect(text).not.toMatch(/^sportello_stations\{/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    failing = false;
    advance(STATE_TTL_MS);
    const again = await scrape();
    expect(again).toContain('sportello_metrics_store_read_ok 1');
    expect(again).toContain('sportello_outbox_pending_messages{state="scheduled"} 5');
  });
});

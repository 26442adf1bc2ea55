import { describe, expect, it } from 'vitest';
import { PageHealthTracker } from './page-health.ts';

describe('the kiosk page health', () => {
  it('is not loaded until the page says so, counts errors, and starts afresh when it loads again', () => {
    let pages = 0;
    const tracker = new PageHealthTracker(() => pages);
    expect(tracker.health()).toEqual({ loaded: false, errors: 0 });
    pages = 1;
    tracker.report({ event: 'loaded' });
    tracker.report({ event: 'error', message: 'TypeError: a' });
    tracker.report({ event: 'error', message: 'TypeError: b' });
    expect(tracker.health()).toEqual({ loaded: true, errors: 2, lastError: 'TypeError: b' });
    pages = 0;
    expect(tracker.health().loaded).toBe(false);
    pages = 1;
    tracker.report({ event: 'loaded' });
    expect(tracker.health()).toEqual({ loaded: true, errors: 0 });
  });
});

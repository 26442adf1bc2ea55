// The kiosk waits on its welcome screen for minutes; the first tap should not be the first time the next
// screen's template is parsed, its styles built and its code compiled (≈40 ms of the first welcome → identify
// tap at 4× throttle). So each screen named is rendered once, hidden (no layout, out of the accessibility
// tree), while the browser is idle, and removed; `also` is other slow first-time work done then.
import type { LitElement } from 'lit';

export function warmUp(tags: (keyof HTMLElementTagNameMap)[], also?: () => void): void {
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
  idle(() => {
    also?.();
    const box = document.createElement('div');
    box.hidden = true;
    box.setAttribute('aria-hidden', 'true');
    const screens = tags.map((tag) => document.createElement(tag) as unknown as LitElement);
    box.append(...screens);
    document.body.append(box);
    void Promise.all(screens.map((screen) => screen.updateComplete)).finally(() => box.remove());
  });
}

// Design tokens of the display board: the Bootstrap Italia palette of the other apps turned to a dark, high
// contrast screen read from across a waiting room, sized in viewport units so the same page fills a
// 1920×1080, 1080×1920 or 1366×768 TV. Custom properties set on the app's host inherit through every shadow root.
import { css } from 'lit';

export const tokens = css`
  :host {
    --b-font: 'Titillium Web', system-ui, sans-serif;
    --b-bg: #0b1f3a;
    --b-panel: #12305a;
    --b-line: #2d4f7c;
    --b-text: #ffffff;
    --b-muted: #c5d3e6;
    /* The called number: amber on navy, and navy on amber while it flashes (both above 10:1). */
    --b-accent: #ffd54a;
    --b-on-accent: #0b1f3a;
    --b-bar: #0066cc;
    --b-gap: 2.2vmin;
    --b-radius: 1.2vmin;
    font-family: var(--b-font);
    color: var(--b-text);
    background: var(--b-bg);
  }
`;

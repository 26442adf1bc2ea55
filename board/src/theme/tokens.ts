// The display board's values of the shared design tokens: the palette turned to a dark, high contrast screen
// read from across a waiting room, sized in viewport units so the same page fills a 1920×1080, 1080×1920 or
// 1366×768 TV. Custom properties set on the app's host inherit through every shadow root.
import { css } from 'lit';
import { designTokens } from '@sportello/web-common/design-tokens';

export const tokens = [
  designTokens,
  css`
    :host {
      --sp-bg: #0b1f3a;
      --sp-surface: #12305a;
      --sp-border: #2d4f7c;
      --sp-text: #ffffff;
      --sp-muted: #c5d3e6;
      --sp-gap: 2.2vmin;
      --sp-radius: 1.2vmin;
      /* The called number: amber on navy, and navy on amber while it flashes (both above 10:1). */
      --b-accent: #ffd54a;
      --b-on-accent: #0b1f3a;
    }
  `,
];

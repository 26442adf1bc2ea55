// Design tokens after Bootstrap Italia / Designers Italia: palette, type, sizes for a standing adult.
// Custom properties set on the app's host inherit through every shadow root.
import { css } from 'lit';

export const tokens = css`
  :host {
    --k-font: 'Titillium Web', system-ui, sans-serif;
    --k-primary: #0066cc;
    --k-primary-dark: #004080;
    --k-on-primary: #ffffff;
    --k-text: #1a1a1a;
    --k-muted: #4d5e70;
    --k-bg: #ffffff;
    --k-surface: #f0f6fc;
    --k-border: #8a99a8;
    --k-success: #00704a;
    --k-danger: #b0202f;
    --k-warning-bg: #fff4d6;
    --k-focus: #ff9900;
    --k-radius: 12px;
    /* Base size readable at arm's length; large text scales everything from it. */
    --k-size: 24px;
    --k-touch: 88px;
    --k-gap: 24px;
    font-family: var(--k-font);
    font-size: var(--k-size);
    color: var(--k-text);
    background: var(--k-bg);
  }
  :host([large-text]) {
    --k-size: 32px;
    --k-touch: 104px;
  }
  /* High contrast: at least 7:1 everywhere (white/yellow on black). */
  :host([high-contrast]) {
    --k-primary: #ffe600;
    --k-primary-dark: #ffe600;
    --k-on-primary: #000000;
    --k-text: #ffffff;
    --k-muted: #ffffff;
    --k-bg: #000000;
    --k-surface: #000000;
    --k-border: #ffffff;
    --k-success: #7dff9b;
    --k-danger: #ff9c9c;
    --k-warning-bg: #000000;
    --k-focus: #00e5ff;
  }
`;

/** Shared by every screen: headings, paragraphs, focus ring. */
export const screenStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: 1.6em;
    font-weight: 700;
    line-height: 1.2;
    margin: 0 0 0.5em;
  }
  h2 {
    font-size: 1.2em;
    font-weight: 600;
    margin: 0 0 0.5em;
  }
  p {
    line-height: 1.45;
    margin: 0 0 0.75em;
  }
  .muted {
    color: var(--k-muted);
  }
  :focus-visible {
    outline: 5px solid var(--k-focus);
    outline-offset: 3px;
  }
`;

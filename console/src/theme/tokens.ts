// Design tokens after Bootstrap Italia / Designers Italia, sized for a desk screen used with mouse and keyboard.
// Custom properties set on the app's host inherit through every shadow root.
import { css } from 'lit';

export const tokens = css`
  :host {
    --c-font: 'Titillium Web', system-ui, sans-serif;
    --c-primary: #0066cc;
    --c-primary-dark: #004080;
    --c-on-primary: #ffffff;
    --c-text: #1a1a1a;
    --c-muted: #4d5e70;
    --c-bg: #ffffff;
    --c-surface: #f0f6fc;
    --c-border: #8a99a8;
    --c-success: #00704a;
    --c-danger: #b0202f;
    --c-warning-bg: #fff4d6;
    --c-focus: #ff9900;
    --c-radius: 8px;
    --c-size: 18px;
    --c-control: 48px;
    --c-gap: 20px;
    font-family: var(--c-font);
    font-size: var(--c-size);
    color: var(--c-text);
    background: var(--c-bg);
  }
`;

/** Shared by every screen: headings, paragraphs, errors, focus ring. */
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
    color: var(--c-muted);
  }
  .error {
    color: var(--c-danger);
    font-weight: 600;
  }
  :focus-visible {
    outline: 4px solid var(--c-focus);
    outline-offset: 2px;
  }
`;

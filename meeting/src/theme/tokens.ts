// Design tokens after Bootstrap Italia / Designers Italia, as the kiosk's, sized for a phone held in the hand
// or a home computer: 48px touch targets, a base size that grows a little on wider screens.
// Custom properties set on the app's host inherit through every shadow root.
import { css } from 'lit';

export const tokens = css`
  :host {
    --m-font: 'Titillium Web', system-ui, sans-serif;
    --m-primary: #0066cc;
    --m-primary-dark: #004080;
    --m-on-primary: #ffffff;
    --m-text: #1a1a1a;
    --m-muted: #4d5e70;
    --m-bg: #ffffff;
    --m-surface: #f0f6fc;
    --m-border: #8a99a8;
    --m-success: #00704a;
    --m-danger: #b0202f;
    --m-warning-bg: #fff4d6;
    --m-focus: #ff9900;
    --m-radius: 10px;
    --m-size: 18px;
    --m-touch: 48px;
    --m-gap: 16px;
    font-family: var(--m-font);
    font-size: var(--m-size);
    color: var(--m-text);
    background: var(--m-bg);
  }
  @media (min-width: 768px) {
    :host {
      --m-size: 20px;
      --m-touch: 52px;
      --m-gap: 24px;
    }
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
    outline: none;
  }
  h2 {
    font-size: 1.2em;
    font-weight: 600;
    line-height: 1.25;
    margin: 0 0 0.5em;
  }
  p {
    line-height: 1.45;
    margin: 0 0 0.75em;
  }
  .muted {
    color: var(--m-muted);
  }
  a {
    color: var(--m-primary-dark);
    font-weight: 600;
  }
  /* Forms and messages read best in a column, also on a wide screen. */
  .column {
    max-width: 40em;
  }
  :focus-visible {
    outline: 4px solid var(--m-focus);
    outline-offset: 2px;
  }
  /* A new screen's heading takes the focus for screen readers; it is no control, so no ring. */
  h1:focus-visible {
    outline: none;
  }
`;

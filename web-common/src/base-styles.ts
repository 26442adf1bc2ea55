// Styles every front end builds on, written with the design tokens (design-tokens.ts): headings and the focus
// ring of a screen, the root element's column, buttons, notices. An app adds what is its own after them.
import { css } from 'lit';

/** Shared by every screen: headings, paragraphs, muted text, the focus ring. */
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
    color: var(--sp-muted);
  }
  :focus-visible {
    outline: var(--sp-focus-width) solid var(--sp-focus);
    outline-offset: var(--sp-focus-offset);
  }
`;

/** An app's root element: a column at least the window's height, its `main` growing to fill it, centred. */
export const appShellStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 100vh;
  }
  main {
    flex: 1;
    width: 100%;
    margin: 0 auto;
    box-sizing: border-box;
  }
`;

/**
 * Buttons on the tokens: at least `--sp-target` high, primary by default, `.secondary` (outlined) and
 * `.danger`, the focus ring; `.actions` lays a row of them out. An app adds what is its own after these.
 */
export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: var(--sp-target);
    padding: 0.3em 1.1em;
    border-radius: var(--sp-radius);
    border: 2px solid var(--sp-primary);
    background: var(--sp-primary);
    color: var(--sp-on-primary);
    cursor: pointer;
  }
  button.secondary {
    background: var(--sp-bg);
    color: var(--sp-primary-dark);
  }
  button.danger {
    background: var(--sp-danger);
    border-color: var(--sp-danger);
    color: #ffffff;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button:focus-visible {
    outline: var(--sp-focus-width) solid var(--sp-focus);
    outline-offset: var(--sp-focus-offset);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sp-gap);
    margin-top: var(--sp-gap);
  }
`;

/** Messages inside a screen: `.notice`, and `.error`, `.warning` or `.success` on it; colours from the tokens. */
export const noticeStyles = css`
  .notice {
    border-inline-start: 6px solid var(--sp-primary);
    background: var(--sp-surface);
    color: var(--sp-text);
    border-radius: var(--sp-radius);
    padding: 0.75em 1em;
    margin: var(--sp-gap) 0;
    line-height: 1.45;
  }
  .notice.error,
  .notice.warning {
    border-inline-start-color: var(--sp-danger);
    background: var(--sp-warning-bg);
  }
  .notice.success {
    border-inline-start-color: var(--sp-success);
  }
  .notice > :last-child {
    margin-bottom: 0;
  }
  .notice strong {
    font-weight: 700;
  }
`;

// The design tokens of every front end (kiosk, console, web-meeting and phone pages, display board), after
// Bootstrap Italia / Designers Italia: one palette, one type, one focus ring, as CSS custom properties named
// `--sp-*`. An app puts `designTokens` first in its root element's styles, then sets the values that are its
// own (the kiosk's larger size and targets, the board's dark palette); custom properties set on the root's
// host inherit through every shadow root below it.
import { css, unsafeCSS } from 'lit';
import { palette } from './palette.ts';

/** Titillium Web (bundled by `@sportello/web-common/fonts`); it has no Cyrillic or Arabic: the system's font serves those. */
export const fontFamily = "'Titillium Web', system-ui, sans-serif";

const value = (v: string) => unsafeCSS(v);

/**
 * The tokens with the values of a desk screen; an app overrides the sizes that are its own in a `:host` rule
 * after this one. `--sp-target` is the least height (and width) of anything to press.
 */
export const designTokens = css`
  :host {
    --sp-font: ${value(fontFamily)};
    --sp-primary: ${value(palette.primary)};
    --sp-primary-dark: ${value(palette.primaryDark)};
    --sp-on-primary: ${value(palette.onPrimary)};
    --sp-text: ${value(palette.text)};
    --sp-muted: ${value(palette.muted)};
    --sp-bg: ${value(palette.bg)};
    --sp-surface: ${value(palette.surface)};
    --sp-border: ${value(palette.border)};
    --sp-success: ${value(palette.success)};
    --sp-danger: ${value(palette.danger)};
    --sp-warning-bg: ${value(palette.warningBg)};
    --sp-focus: ${value(palette.focus)};
    --sp-focus-width: 4px;
    --sp-focus-offset: 2px;
    --sp-radius: 8px;
    --sp-size: 18px;
    --sp-target: 48px;
    --sp-gap: 20px;
    font-family: var(--sp-font);
    font-size: var(--sp-size);
    color: var(--sp-text);
    background: var(--sp-bg);
  }
`;

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

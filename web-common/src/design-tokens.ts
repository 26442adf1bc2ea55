// The design tokens of every front end (kiosk, console, web-meeting and phone pages, display board), after
// Bootstrap Italia / Designers Italia: one palette, one type, one focus ring, as CSS custom properties named
// `--sp-*`. An app puts `designTokens` first in its root element's styles, then sets the values that are its
// own (the kiosk's larger size and targets, the board's dark palette); custom properties set on the root's
// host inherit through every shadow root below it. The styles built on them are in base-styles.ts.
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

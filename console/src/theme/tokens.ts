// The console's values of the shared design tokens (a desk screen used with mouse and keyboard: the shared
// defaults) and the console's screen styles. Custom properties set on the app's host inherit through every
// shadow root.
import { css } from 'lit';
import { screenStyles as sharedScreenStyles } from '@sportello/web-common/base-styles';
import { designTokens } from '@sportello/web-common/design-tokens';

/**
 * The console's own names of the tokens before they were shared (`--c-*`), kept while the screens being
 * written during issue 12 still use them; new code uses `--sp-*`.
 */
const formerNames = css`
  :host {
    --c-font: var(--sp-font);
    --c-primary: var(--sp-primary);
    --c-primary-dark: var(--sp-primary-dark);
    --c-on-primary: var(--sp-on-primary);
    --c-text: var(--sp-text);
    --c-muted: var(--sp-muted);
    --c-bg: var(--sp-bg);
    --c-surface: var(--sp-surface);
    --c-border: var(--sp-border);
    --c-success: var(--sp-success);
    --c-danger: var(--sp-danger);
    --c-warning-bg: var(--sp-warning-bg);
    --c-focus: var(--sp-focus);
    --c-radius: var(--sp-radius);
    --c-size: var(--sp-size);
    --c-control: var(--sp-target);
    --c-gap: var(--sp-gap);
  }
`;

export const tokens = [designTokens, formerNames];

/** Shared by every screen: headings, paragraphs, errors, focus ring. */
export const screenStyles = [
  sharedScreenStyles,
  css`
    .error {
      color: var(--sp-danger);
      font-weight: 600;
    }
  `,
];

// The console's values of the shared design tokens (a desk screen used with mouse and keyboard: the shared
// defaults) and the console's screen styles. Custom properties set on the app's host inherit through every
// shadow root.
import { css } from 'lit';
import { screenStyles as sharedScreenStyles } from '@sportello/web-common/base-styles';
import { designTokens } from '@sportello/web-common/design-tokens';

export const tokens = designTokens;

/**
 * Teams' dark and high-contrast themes (the console as a Teams tab follows the host's), set on the app's host
 * as `data-teams-theme`: the same tokens with values readable on Teams' dark and black backgrounds.
 */
export const teamsThemes = css`
  :host([data-teams-theme='dark']) {
    --sp-primary: #7fbfff;
    --sp-primary-dark: #a9d3ff;
    --sp-on-primary: #0b1a2a;
    --sp-text: #ffffff;
    --sp-muted: #c8c8c8;
    --sp-bg: #1f1f1f;
    --sp-surface: #2d2d2d;
    --sp-border: #8a8a8a;
    --sp-success: #6ccb9c;
    --sp-danger: #ff8f8f;
    --sp-warning-bg: #4a3b00;
  }
  :host([data-teams-theme='contrast']) {
    --sp-primary: #ffff00;
    --sp-primary-dark: #ffff00;
    --sp-on-primary: #000000;
    --sp-text: #ffffff;
    --sp-muted: #ffffff;
    --sp-bg: #000000;
    --sp-surface: #000000;
    --sp-border: #ffffff;
    --sp-success: #3ff23f;
    --sp-danger: #ff6b6b;
    --sp-warning-bg: #000000;
    --sp-focus: #1aebff;
  }
  /* The header is the institute's blue in the browser; in a Teams theme it takes the theme's surface. */
  :host([data-teams-theme]) header {
    background: var(--sp-surface);
    color: var(--sp-text);
    border-bottom: 2px solid var(--sp-border);
  }
  :host([data-teams-theme]) header button {
    border-color: var(--sp-text);
    color: var(--sp-text);
  }
  :host([data-teams-theme]) nav button[aria-current='page'] {
    background: var(--sp-primary);
    color: var(--sp-on-primary);
  }
`;

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

// The kiosk's values of the shared design tokens: sizes for a standing adult at arm's length, large text,
// and a high-contrast palette. Custom properties set on the app's host inherit through every shadow root.
import { css } from 'lit';
import { appShellStyles, screenStyles } from '@sportello/web-common/base-styles';
import { designTokens } from '@sportello/web-common/design-tokens';

export { appShellStyles, screenStyles };

export const tokens = [
  designTokens,
  css`
    :host {
      --sp-radius: 12px;
      /* Base size readable at arm's length; large text scales everything from it. */
      --sp-size: 24px;
      --sp-target: 88px;
      --sp-gap: 24px;
      --sp-focus-width: 5px;
      --sp-focus-offset: 3px;
    }
    :host([large-text]) {
      --sp-size: 32px;
      --sp-target: 104px;
    }
    /* High contrast: at least 7:1 everywhere (white/yellow on black). */
    :host([high-contrast]) {
      --sp-primary: #ffe600;
      --sp-primary-dark: #ffe600;
      --sp-on-primary: #000000;
      --sp-text: #ffffff;
      --sp-muted: #ffffff;
      --sp-bg: #000000;
      --sp-surface: #000000;
      --sp-border: #ffffff;
      --sp-success: #7dff9b;
      --sp-danger: #ff9c9c;
      --sp-warning-bg: #000000;
      --sp-focus: #00e5ff;
    }
  `,
];

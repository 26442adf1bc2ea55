// The console's values of the shared design tokens (a desk screen used with mouse and keyboard: the shared
// defaults) and the console's screen styles. Custom properties set on the app's host inherit through every
// shadow root.
import { css } from 'lit';
import { screenStyles as sharedScreenStyles } from '@sportello/web-common/base-styles';
import { designTokens } from '@sportello/web-common/design-tokens';

export const tokens = designTokens;

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

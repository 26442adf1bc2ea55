// The web-meeting and phone pages' values of the shared design tokens, sized for a phone held in the hand or
// a home computer: 48px touch targets, a base size that grows a little on wider screens. Custom properties
// set on the app's host inherit through every shadow root.
import { css } from 'lit';
import { appShellStyles, screenStyles as sharedScreenStyles } from '@sportello/web-common/base-styles';
import { designTokens } from '@sportello/web-common/design-tokens';

export const tokens = [
  designTokens,
  css`
    :host {
      --sp-radius: 10px;
      --sp-gap: 16px;
    }
    @media (min-width: 768px) {
      :host {
        --sp-size: 20px;
        --sp-target: 52px;
        --sp-gap: 24px;
      }
    }
  `,
];

/** Shared by every screen: headings, paragraphs, links, a column for forms, focus ring. */
export const screenStyles = [
  sharedScreenStyles,
  css`
    h1 {
      outline: none;
    }
    h2 {
      line-height: 1.25;
    }
    a {
      color: var(--sp-primary-dark);
      font-weight: 600;
    }
    /* Forms and messages read best in a column, also on a wide screen. */
    .column {
      max-width: 40em;
    }
    /* A new screen's heading takes the focus for screen readers; it is no control, so no ring. */
    h1:focus-visible {
      outline: none;
    }
  `,
];

/** The root element of the web-meeting page and of the phone pages: the tokens and a centred column. */
export const pageStyles = [
  tokens,
  appShellStyles,
  css`
    main {
      max-width: 1200px;
      padding: var(--sp-gap);
    }
  `,
];

// Buttons for a finger on a phone or a mouse at home: the shared buttons, 48px wide at least, a link-like
// button, and on a phone the main action as wide as the screen.
import { css } from 'lit';
import { buttonStyles as sharedButtonStyles } from '@sportello/web-common/base-styles';

export const buttonStyles = [
  sharedButtonStyles,
  css`
    button {
      min-width: var(--sp-target);
      touch-action: manipulation;
    }
    button.link {
      min-height: var(--sp-target);
      padding: 0 0.2em;
      border: none;
      background: none;
      color: var(--sp-primary-dark);
      text-decoration: underline;
      font-weight: 600;
    }
    .actions {
      margin: var(--sp-gap) 0;
    }
    /* On a phone the main action takes the whole width, where the thumb reaches it. */
    @media (max-width: 480px) {
      .actions button {
        flex: 1 1 100%;
      }
    }
  `,
];

// Buttons sized for a standing adult's finger: the shared buttons, wider, with a thicker border, pressed in
// when touched.
import { css } from 'lit';
import { buttonStyles as sharedButtonStyles } from '@sportello/web-common/base-styles';

export const buttonStyles = [
  sharedButtonStyles,
  css`
    button {
      min-width: var(--sp-target);
      padding: 0.4em 1.2em;
      border-width: 3px;
      touch-action: manipulation;
    }
    button:disabled {
      opacity: 0.5;
    }
    button:active:not(:disabled) {
      transform: translateY(2px);
    }
  `,
];

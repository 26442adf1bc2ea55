// Buttons sized for a standing adult's finger, high contrast, with a visible focus ring.
import { css } from 'lit';

export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: var(--sp-target);
    min-width: var(--sp-target);
    padding: 0.4em 1.2em;
    border-radius: var(--sp-radius);
    border: 3px solid var(--sp-primary);
    background: var(--sp-primary);
    color: var(--sp-on-primary);
    cursor: pointer;
    touch-action: manipulation;
  }
  button.secondary {
    background: var(--sp-bg);
    color: var(--sp-primary-dark);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:active:not(:disabled) {
    transform: translateY(2px);
  }
  button:focus-visible {
    outline: 5px solid var(--sp-focus);
    outline-offset: 3px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sp-gap);
    margin-top: var(--sp-gap);
  }
`;

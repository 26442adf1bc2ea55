// Buttons sized for a standing adult's finger, high contrast, with a visible focus ring.
import { css } from 'lit';

export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: var(--k-touch);
    min-width: var(--k-touch);
    padding: 0.4em 1.2em;
    border-radius: var(--k-radius);
    border: 3px solid var(--k-primary);
    background: var(--k-primary);
    color: var(--k-on-primary);
    cursor: pointer;
    touch-action: manipulation;
  }
  button.secondary {
    background: var(--k-bg);
    color: var(--k-primary-dark);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:active:not(:disabled) {
    transform: translateY(2px);
  }
  button:focus-visible {
    outline: 5px solid var(--k-focus);
    outline-offset: 3px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--k-gap);
    margin-top: var(--k-gap);
  }
`;

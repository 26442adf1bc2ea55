// Buttons for a finger on a phone or a mouse at home: 48px at least, high contrast, a visible focus ring.
import { css } from 'lit';

export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: var(--sp-target);
    min-width: var(--sp-target);
    padding: 0.3em 1.1em;
    border-radius: var(--sp-radius);
    border: 2px solid var(--sp-primary);
    background: var(--sp-primary);
    color: var(--sp-on-primary);
    cursor: pointer;
    touch-action: manipulation;
  }
  button.secondary {
    background: var(--sp-bg);
    color: var(--sp-primary-dark);
  }
  button.danger {
    background: var(--sp-danger);
    border-color: var(--sp-danger);
    color: #ffffff;
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
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button:focus-visible {
    outline: 4px solid var(--sp-focus);
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sp-gap);
    margin: var(--sp-gap) 0;
  }
  /* On a phone the main action takes the whole width, where the thumb reaches it. */
  @media (max-width: 480px) {
    .actions button {
      flex: 1 1 100%;
    }
  }
`;

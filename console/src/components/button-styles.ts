// Buttons for a desk: large enough for a quick click, high contrast, with a visible focus ring.
import { css } from 'lit';

export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: var(--sp-target);
    padding: 0.3em 1.1em;
    border-radius: var(--sp-radius);
    border: 2px solid var(--sp-primary);
    background: var(--sp-primary);
    color: var(--sp-on-primary);
    cursor: pointer;
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
    margin-top: var(--sp-gap);
  }
`;

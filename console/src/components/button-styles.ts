// Buttons for a desk: large enough for a quick click, high contrast, with a visible focus ring.
import { css } from 'lit';

export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: var(--c-control);
    padding: 0.3em 1.1em;
    border-radius: var(--c-radius);
    border: 2px solid var(--c-primary);
    background: var(--c-primary);
    color: var(--c-on-primary);
    cursor: pointer;
  }
  button.secondary {
    background: var(--c-bg);
    color: var(--c-primary-dark);
  }
  button.danger {
    background: var(--c-danger);
    border-color: var(--c-danger);
    color: #ffffff;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button:focus-visible {
    outline: 4px solid var(--c-focus);
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--c-gap);
    margin-top: var(--c-gap);
  }
`;

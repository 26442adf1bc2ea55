// Labelled text fields for a phone keyboard: large, one per line, hints under the label.
import { css } from 'lit';

export const formStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    margin: 0 0 var(--sp-gap);
  }
  label {
    font-weight: 600;
  }
  .hint {
    color: var(--sp-muted);
    font-size: 0.9em;
  }
  input {
    font: inherit;
    font-size: 1.25em;
    letter-spacing: 0.12em;
    min-height: var(--sp-target);
    box-sizing: border-box;
    width: 100%;
    max-width: 12em;
    padding: 0.2em 0.5em;
    border: 2px solid var(--sp-border);
    border-radius: var(--sp-radius);
    color: var(--sp-text);
    background: var(--sp-bg);
  }
  input[aria-invalid='true'] {
    border-color: var(--sp-danger);
  }
  input:focus-visible {
    outline: 4px solid var(--sp-focus);
    outline-offset: 2px;
  }
`;

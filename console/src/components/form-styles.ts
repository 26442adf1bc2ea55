// Form controls for a desk: labels above fields, large targets, the same focus ring as buttons.
import { css } from 'lit';

export const formStyles = css`
  label,
  legend {
    font-weight: 600;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    margin: 0 0 0.7em;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    font: inherit;
    box-sizing: border-box;
    width: 100%;
    min-height: var(--sp-target);
    padding: 0.3em 0.6em;
    border: 2px solid var(--sp-border);
    border-radius: var(--sp-radius);
    background: var(--sp-bg);
    color: var(--sp-text);
  }
  textarea {
    min-height: 5em;
    resize: vertical;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 4px solid var(--sp-focus);
    outline-offset: 1px;
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.6em;
    margin: 0 0 0.6em;
    font-weight: 400;
    cursor: pointer;
  }
  .check input {
    width: 1.3em;
    height: 1.3em;
    margin: 0.1em 0 0;
    flex: none;
    accent-color: var(--sp-primary);
  }
  fieldset {
    border: 1px solid var(--sp-border);
    border-radius: var(--sp-radius);
    margin: 0 0 0.8em;
    padding: 0.6em 0.9em 0.3em;
  }
  legend {
    padding: 0 0.3em;
  }
  .row {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0 0.8em;
    align-items: end;
  }
  .row.wide-first {
    grid-template-columns: 3fr 2fr;
  }
  .saved {
    color: var(--sp-success);
    font-weight: 600;
  }
  .hint {
    color: var(--sp-muted);
    font-size: 0.9em;
  }
`;

/** A panel of the call screen: one bordered card with its heading. */
export const panelStyles = css`
  :host {
    display: block;
    border: 1px solid var(--sp-border);
    border-radius: var(--sp-radius);
    padding: 0.8em 1em;
    background: var(--sp-bg);
  }
`;

import { css } from 'lit';

export const identifyStyles = css`
  .lead {
    font-size: 1.1em;
  }
  .note {
    background: var(--sp-warning-bg);
    color: var(--sp-text);
    border: 3px solid var(--sp-border);
    border-inline-start: 10px solid var(--sp-primary-dark);
    border-radius: var(--sp-radius);
    padding: 0.7em 1em;
    font-weight: 600;
  }
  .ways {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: 1fr;
    gap: var(--sp-gap);
  }
  @media (orientation: landscape) {
    .ways {
      grid-template-columns: repeat(3, 1fr);
    }
  }
  .way,
  .way-action button {
    position: relative;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 0.5em 1em;
    padding: 1.2em 1em 1em;
    min-block-size: 100%;
    background: var(--sp-surface);
    border: 3px solid var(--sp-border);
    border-radius: calc(var(--sp-radius) * 1.5);
    font-size: 1.1em;
    font-weight: 600;
    line-height: 1.3;
    text-align: start;
  }
  @media (orientation: landscape) {
    .way,
    .way-action button {
      flex-direction: column;
      justify-content: flex-start;
      text-align: center;
      padding-block-start: 1.6em;
    }
  }
  .way-action {
    padding: 0;
    background: none;
    border: none;
  }
  .way-action button {
    inline-size: 100%;
    background: var(--sp-primary);
    border-color: var(--sp-primary);
    color: var(--sp-on-primary);
  }
  .way-text {
    flex: 1;
  }
  @media (orientation: landscape) {
    .way-text {
      flex: none;
    }
  }
  .hint {
    display: block;
    margin-block-start: 0.4em;
    font-weight: 400;
    font-size: 0.85em;
  }
  .number {
    position: absolute;
    inset-block-start: 0.5em;
    inset-inline-start: 0.5em;
    display: grid;
    place-items: center;
    inline-size: 1.7em;
    block-size: 1.7em;
    border-radius: 50%;
    background: var(--sp-primary-dark);
    color: var(--sp-on-primary);
    font-size: 0.9em;
    font-weight: 700;
  }
  .way-action .number {
    background: var(--sp-on-primary);
    color: var(--sp-primary-dark);
  }
  .picture {
    font-size: 4em;
    color: var(--sp-primary-dark);
  }
  .way-action .picture {
    color: inherit;
  }
  .off .picture {
    opacity: 0.35;
  }
  .unavailable {
    display: block;
    margin-block-start: 0.5em;
    color: var(--sp-danger);
    font-weight: 700;
    font-size: 0.9em;
  }
  .more {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sp-gap);
    margin-block-start: calc(var(--sp-gap) * 1.5);
  }
  .more button {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    text-align: start;
  }
  .icon {
    font-size: 1.6em;
  }
  .box {
    display: inline-grid;
    place-items: center;
    flex: none;
    inline-size: 1.3em;
    block-size: 1.3em;
    border: 3px solid currentColor;
    border-radius: 6px;
    font-weight: 700;
  }
  .helper-named {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--sp-gap);
    margin-block-start: var(--sp-gap);
    font-weight: 600;
  }
  .typing {
    display: grid;
    grid-template-areas: 'field' 'feedback' 'keys';
    gap: var(--sp-gap) calc(var(--sp-gap) * 2);
    align-items: start;
  }
  /* Landscape: the field across the top, the message and buttons beside the keypad. */
  @media (orientation: landscape) {
    .typing {
      grid-template-areas: 'field field' 'feedback keys';
      grid-template-columns: minmax(0, 1fr) auto;
    }
  }
  .field {
    grid-area: field;
    max-inline-size: 36em;
  }
  .field p {
    margin-block-end: 0.4em;
  }
  .feedback {
    grid-area: feedback;
  }
  .feedback .actions {
    margin-block-start: 0.5em;
  }
  .keys {
    grid-area: keys;
  }
  /* Ten large-text keys are wider than a portrait screen: keep them just above the minimum touch size. */
  @media (orientation: portrait) {
    :host-context([large-text]) kiosk-keypad,
    :host-context([large-text]) .extra-keys {
      --sp-target: 92px;
    }
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.3em;
  }
  input {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: var(--sp-target);
    padding: 0.2em 0.5em;
    font: inherit;
    font-size: 1.5em;
    font-weight: 600;
    color: var(--sp-text);
    background: var(--sp-bg);
    border: 3px solid var(--sp-border);
    border-radius: var(--sp-radius);
  }
  input.code {
    font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
    letter-spacing: 0.08em;
  }
  input:focus-visible {
    outline: 5px solid var(--sp-focus);
    outline-offset: 3px;
  }
  .status {
    min-block-size: 2.9em;
    margin: 0;
    font-weight: 600;
  }
  .status.error {
    color: var(--sp-danger);
  }
  .status.ok {
    color: var(--sp-success);
  }
  .extra-keys {
    display: flex;
    justify-content: center;
    gap: 10px;
  }
  .extra-keys .key {
    padding: 0;
    min-inline-size: calc(var(--sp-target) * 0.95);
    font-size: 1.25em;
    background: var(--sp-surface);
    color: var(--sp-text);
    border-color: var(--sp-border);
  }
  .extra-keys .wide {
    min-inline-size: calc(var(--sp-target) * 4);
    font-size: 1em;
  }
`;

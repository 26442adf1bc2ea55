// The counter screen fits a 1366×768 desk screen without scrolling: a bar with the counter and its state,
// the ticket and its actions on the left, the queue and the parked tickets on the right (their lists scroll).
import { css } from 'lit';

export const counterScreenStyles = css`
  main.pick {
    padding: var(--sp-gap) calc(var(--sp-gap) * 2);
  }
  :host {
    display: flex;
    flex-direction: column;
  }
  main.desk {
    box-sizing: border-box;
    flex: 1 0 0;
    min-height: 600px;
    padding: 0.5em calc(var(--sp-gap) * 1.2) 0.6em;
    display: flex;
    flex-direction: column;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.8em;
  }
  .bar h1 {
    margin: 0;
  }
  .grow {
    flex: 1;
  }
  .toggle {
    display: inline-flex;
  }
  .toggle button {
    border-radius: 0;
    min-height: 42px;
  }
  .toggle button:first-child {
    border-radius: var(--sp-radius) 0 0 var(--sp-radius);
  }
  .toggle button:last-child {
    border-radius: 0 var(--sp-radius) var(--sp-radius) 0;
  }
  .toggle button[aria-pressed='false'] {
    background: var(--sp-bg);
    color: var(--sp-primary-dark);
  }
  .status {
    font-weight: 700;
    padding: 0.1em 0.6em;
    border-radius: var(--sp-radius);
  }
  .status-open {
    color: var(--sp-success);
  }
  .status-paused,
  .status-closed {
    color: var(--sp-danger);
  }
  .live {
    font-size: 0.85em;
    color: var(--sp-success);
    font-weight: 600;
  }
  .live.off {
    color: var(--sp-danger);
  }
  button.small {
    min-height: 40px;
    padding: 0.1em 0.9em;
  }
  .messages {
    min-height: 1.6em;
  }
  .messages p {
    margin: 0.15em 0;
  }
  .told {
    color: var(--sp-success);
    font-weight: 600;
  }
  .columns {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 30em) minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr);
    gap: calc(var(--sp-gap) * 1.2);
  }
  .left {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .call-next {
    font-size: 1.35em;
    min-height: 68px;
    width: 100%;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.6em;
  }
  kbd {
    font: inherit;
    font-size: 0.7em;
    border: 2px solid currentColor;
    border-radius: 4px;
    padding: 0 0.35em;
  }
  .hint {
    color: var(--sp-muted);
    font-size: 0.9em;
    margin: 0.25em 0 0.5em;
  }
  .current {
    border: 2px solid var(--sp-primary);
    border-radius: var(--sp-radius);
    padding: 0.5em 1em 0.7em;
    min-height: 0;
    overflow: auto;
  }
  .idle {
    margin: 1em 0;
  }
  .today {
    margin-top: auto;
    padding-top: 0.4em;
    border-top: 1px solid var(--sp-border);
  }
  .today h2 {
    font-size: 1em;
    margin: 0 0 0.2em;
  }
  .today dl {
    display: flex;
    gap: 1.6em;
    margin: 0;
  }
  .today dt {
    color: var(--sp-muted);
    font-size: 0.85em;
  }
  .today dd {
    margin: 0;
    font-weight: 700;
    font-size: 1.2em;
  }
  .right {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  counter-queue {
    flex: 1;
    min-height: 0;
  }
`;

// The statistics screen at a desk (1366×768 and up): filters in one band, summary tiles, each chart with
// its table beside it; long tables scroll in their own box.
import { css } from 'lit';

export const statisticsStyles = css`
  main {
    padding: var(--sp-gap) calc(var(--sp-gap) * 2) calc(var(--sp-gap) * 3);
    max-width: 90em;
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 0 var(--sp-gap);
    align-items: end;
    border: 1px solid var(--sp-border);
    border-radius: var(--sp-radius);
    padding: 0.8em 1em 0.2em;
    background: var(--sp-surface);
  }
  .filters .actions {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.6em 1.2em;
    align-items: center;
    margin: 0 0 0.8em;
  }
  a.download {
    color: var(--sp-primary-dark);
    font-weight: 600;
    min-height: var(--sp-target);
    display: inline-flex;
    align-items: center;
  }
  a.download:focus-visible {
    outline: 4px solid var(--sp-focus);
    outline-offset: 2px;
  }
  section {
    margin-top: calc(var(--sp-gap) * 1.5);
  }
  h2 {
    margin: 0 0 0.5em;
  }
  h3 {
    margin: 1em 0 0.5em;
    font-size: 1.05em;
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13em, 1fr));
    gap: var(--sp-gap);
    margin: 0;
  }
  .tile {
    border: 1px solid var(--sp-border);
    border-radius: var(--sp-radius);
    padding: 0.6em 0.9em;
  }
  .tile dt {
    font-weight: 600;
    color: var(--sp-muted);
  }
  .tile dd {
    margin: 0;
  }
  .tile .value {
    font-size: 1.7em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .tile .note {
    color: var(--sp-muted);
    font-size: 0.9em;
  }
  .n {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  th.n {
    white-space: normal;
  }
  tr.total th,
  tr.total td {
    font-weight: 700;
    border-top: 2px solid var(--sp-text);
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0 0 0.4em;
  }
  .scroll {
    overflow: auto;
  }
  .scroll:focus-visible {
    outline: 4px solid var(--sp-focus);
    outline-offset: 2px;
  }
  .pair {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: calc(var(--sp-gap) * 1.5);
    align-items: start;
  }
  .pair.even {
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  }
  .side {
    max-height: 17em;
    overflow: auto;
    font-size: 0.92em;
  }
  .side tbody th {
    white-space: nowrap;
  }
  .side thead th {
    position: sticky;
    top: 0;
  }
  .three {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: calc(var(--sp-gap) * 1.5);
    align-items: start;
  }
`;

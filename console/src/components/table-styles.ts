// Tables of people and times (the queue, the day's appointments): ruled rows, a tinted header row.
import { css } from 'lit';

export const tableStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.45em 0.6em;
    border-bottom: 1px solid var(--sp-border);
  }
  th {
    background: var(--sp-surface);
  }
  .empty {
    color: var(--sp-muted);
    font-style: italic;
  }
`;

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
    border-bottom: 1px solid var(--c-border);
  }
  th {
    background: var(--c-surface);
  }
  .empty {
    color: var(--c-muted);
    font-style: italic;
  }
`;

// The accounts screen: a wide table with its actions at the row's end, the form and the password handed over
// above it.
import { css } from 'lit';

export const accountsStyles = css`
  main {
    padding: var(--sp-gap) calc(var(--sp-gap) * 2);
    max-width: 80em;
  }
  .title {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--sp-gap);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  th.username {
    font-family: ui-monospace, monospace;
    font-weight: 600;
    background: none;
  }
  tr.disabled td,
  tr.disabled th {
    color: var(--sp-muted);
  }
  .off {
    color: var(--sp-danger);
    font-weight: 600;
  }
  td.act {
    text-align: right;
    white-space: nowrap;
  }
  td.act button {
    min-height: 40px;
    margin: 0.15em 0 0.15em 0.3em;
    padding: 0.2em 0.8em;
  }
  .confirm {
    white-space: normal;
    display: inline-flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.4em;
    align-items: center;
    max-width: 28em;
  }
  .account-form,
  .handover {
    border: 2px solid var(--sp-border);
    border-radius: var(--sp-radius);
    padding: var(--sp-gap);
    margin-bottom: var(--sp-gap);
    background: var(--sp-bg);
  }
  .handover {
    border-color: var(--sp-success);
  }
  .handover h2 {
    color: var(--sp-success);
    margin-top: 0;
  }
  .password {
    font-family: ui-monospace, monospace;
    font-size: 1.5em;
    letter-spacing: 0.06em;
    background: var(--sp-surface);
    padding: 0.3em 0.6em;
    border-radius: var(--sp-radius);
    display: inline-block;
    user-select: all;
  }
  .roles {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.4em;
  }
  .search {
    max-width: 24em;
  }
  .account-form h2 {
    margin-top: 0;
  }
`;

import { css } from 'lit';

export const channelScreenStyles = css`
  .service {
    font-size: 1.1em;
    margin-block-end: var(--k-gap);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
    gap: var(--k-gap);
  }
  button.card {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 0 var(--k-gap);
    text-align: start;
    padding: var(--k-gap);
    min-block-size: calc(var(--k-touch) * 1.8);
    background: var(--k-bg);
    color: var(--k-text);
    border: 3px solid var(--k-primary);
    font-weight: 400;
  }
  button.card:hover:not([aria-disabled='true']) {
    background: var(--k-surface);
  }
  .icon {
    grid-row: span 3;
    color: var(--k-primary-dark);
    display: flex;
  }
  .title {
    font-size: 1.2em;
    font-weight: 700;
    color: var(--k-primary-dark);
  }
  .text {
    line-height: 1.35;
  }
  .note {
    margin-block-start: 0.4em;
    font-weight: 600;
  }
  button.card[aria-disabled='true'] {
    border-style: dashed;
    border-color: var(--k-border);
    cursor: default;
  }
  button.card[aria-disabled='true'] .icon,
  button.card[aria-disabled='true'] .title {
    color: var(--k-muted);
  }
  button.card[aria-disabled='true']:active {
    transform: none;
  }
  @media (orientation: portrait) {
    .cards {
      grid-template-columns: 1fr;
    }
  }
`;

import { css } from 'lit';

export const channelScreenStyles = css`
  .service {
    font-size: 1.1em;
    margin-block-end: var(--sp-gap);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
    gap: var(--sp-gap);
  }
  button.card {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 0 var(--sp-gap);
    text-align: start;
    padding: var(--sp-gap);
    min-block-size: calc(var(--sp-target) * 1.8);
    background: var(--sp-bg);
    color: var(--sp-text);
    border: 3px solid var(--sp-primary);
    font-weight: 400;
  }
  button.card:hover:not([aria-disabled='true']) {
    background: var(--sp-surface);
  }
  .icon {
    grid-row: span 3;
    color: var(--sp-primary-dark);
    display: flex;
  }
  .title {
    font-size: 1.2em;
    font-weight: 700;
    color: var(--sp-primary-dark);
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
    border-color: var(--sp-border);
    cursor: default;
  }
  button.card[aria-disabled='true'] .icon,
  button.card[aria-disabled='true'] .title {
    color: var(--sp-muted);
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

import { css } from 'lit';

export const ticketScreenStyles = css`
  .priorities {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
    gap: var(--sp-gap);
    margin-block: var(--sp-gap);
  }
  .priorities button {
    min-block-size: calc(var(--sp-target) * 1.4);
    font-size: 1.15em;
    text-align: start;
  }
  .priorities button.secondary {
    border-color: var(--sp-primary);
  }
  @media (orientation: portrait) {
    .priorities {
      grid-template-columns: 1fr;
    }
  }
`;

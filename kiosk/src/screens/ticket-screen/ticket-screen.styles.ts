import { css } from 'lit';

export const ticketScreenStyles = css`
  .priorities {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
    gap: var(--k-gap);
    margin-block: var(--k-gap);
  }
  .priorities button {
    min-block-size: calc(var(--k-touch) * 1.4);
    font-size: 1.15em;
    text-align: start;
  }
  .priorities button.secondary {
    border-color: var(--k-primary);
  }
  @media (orientation: portrait) {
    .priorities {
      grid-template-columns: 1fr;
    }
  }
`;

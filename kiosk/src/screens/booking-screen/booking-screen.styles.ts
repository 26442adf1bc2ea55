import { css } from 'lit';

export const bookingScreenStyles = css`
  .field {
    margin-block-end: var(--sp-gap);
  }
  .suggestions {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(360px, 1fr));
    gap: var(--sp-gap);
    margin-block: var(--sp-gap);
  }
  .suggestions button {
    text-align: start;
  }
  .first-free {
    font-size: 1.15em;
  }
  .first-free strong {
    font-weight: 700;
  }
`;

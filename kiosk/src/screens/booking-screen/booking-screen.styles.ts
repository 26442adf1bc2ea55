import { css } from 'lit';

export const bookingScreenStyles = css`
  /* The heading takes focus when a step changes, for screen readers; it is not a control. */
  h1[tabindex='-1']:focus,
  h1[tabindex='-1']:focus-visible {
    outline: none;
  }
  .context {
    color: var(--k-muted);
    font-weight: 600;
  }
  .field {
    margin-block-end: var(--k-gap);
  }
  .suggestions {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(360px, 1fr));
    gap: var(--k-gap);
    margin-block: var(--k-gap);
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

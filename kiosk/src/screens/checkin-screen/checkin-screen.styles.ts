import { css } from 'lit';

export const checkinScreenStyles = css`
  /* The heading takes focus when a step changes, for screen readers; it is not a control. */
  h1[tabindex='-1']:focus,
  h1[tabindex='-1']:focus-visible {
    outline: none;
  }
  .field {
    margin-block-end: var(--sp-gap);
  }
`;

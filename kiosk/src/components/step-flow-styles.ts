// A screen in steps (kiosk-steps above it): what the flow is about, and a heading that takes focus at
// each step for screen readers.
import { css } from 'lit';

export const stepFlowStyles = css`
  /* The heading takes focus when a step changes; it is not a control, so no focus ring. */
  h1[tabindex='-1']:focus,
  h1[tabindex='-1']:focus-visible {
    outline: none;
  }
  .context {
    color: var(--sp-muted);
    font-weight: 600;
  }
`;

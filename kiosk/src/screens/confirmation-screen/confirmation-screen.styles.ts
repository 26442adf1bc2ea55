import { css } from 'lit';

export const confirmationScreenStyles = css`
  .codes {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
    gap: var(--sp-gap);
    margin-block-end: var(--sp-gap);
  }
  .code-box {
    text-align: center;
    padding: var(--sp-gap);
    border: 4px solid var(--sp-primary);
    border-radius: var(--sp-radius);
    background: var(--sp-surface);
  }
  .code-box .label {
    font-weight: 600;
    color: var(--sp-muted);
    margin: 0;
  }
  .code {
    margin: 0.1em 0;
    font-size: clamp(2.6em, 8vmin, 4.5em);
    font-weight: 700;
    letter-spacing: 0.08em;
    line-height: 1.1;
    color: var(--sp-primary-dark);
    white-space: nowrap;
    unicode-bidi: isolate;
    direction: ltr;
  }
  .code-box p:last-child {
    margin-bottom: 0;
  }
  .next {
    font-weight: 600;
    margin-block-start: var(--sp-gap);
  }
  @media (orientation: portrait) {
    .codes {
      grid-template-columns: 1fr;
    }
  }
`;

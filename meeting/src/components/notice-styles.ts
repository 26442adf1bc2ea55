// Messages inside a screen: what went wrong, what to watch out for, what went well. Colours from the tokens.
import { css } from 'lit';

export const noticeStyles = css`
  .notice {
    border-inline-start: 6px solid var(--sp-primary);
    background: var(--sp-surface);
    color: var(--sp-text);
    border-radius: var(--sp-radius);
    padding: 0.75em 1em;
    margin: var(--sp-gap) 0;
    line-height: 1.45;
  }
  .notice.error,
  .notice.warning {
    border-inline-start-color: var(--sp-danger);
    background: var(--sp-warning-bg);
  }
  .notice.success {
    border-inline-start-color: var(--sp-success);
  }
  .notice > :last-child {
    margin-bottom: 0;
  }
  .notice strong {
    font-weight: 700;
  }
`;

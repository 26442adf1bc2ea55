// Messages inside a screen: what went wrong, what to watch out for, what went well. Colours from the tokens.
import { css } from 'lit';

export const noticeStyles = css`
  .notice {
    border-inline-start: 6px solid var(--m-primary);
    background: var(--m-surface);
    color: var(--m-text);
    border-radius: var(--m-radius);
    padding: 0.75em 1em;
    margin: var(--m-gap) 0;
    line-height: 1.45;
  }
  .notice.error,
  .notice.warning {
    border-inline-start-color: var(--m-danger);
    background: var(--m-warning-bg);
  }
  .notice.success {
    border-inline-start-color: var(--m-success);
  }
  .notice > :last-child {
    margin-bottom: 0;
  }
  .notice strong {
    font-weight: 700;
  }
`;

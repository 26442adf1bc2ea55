// Messages inside a screen: the shared notices with a wider edge, and a frame in high contrast.
import { css } from 'lit';
import { noticeStyles as sharedNoticeStyles } from '@sportello/web-common/base-styles';

export const noticeStyles = [
  sharedNoticeStyles,
  css`
    .notice {
      border-inline-start-width: 8px;
    }
    :host-context([high-contrast]) .notice {
      border: 3px solid var(--sp-border);
      border-inline-start: 8px solid var(--sp-primary);
    }
    :host-context([high-contrast]) .notice.error,
    :host-context([high-contrast]) .notice.warning {
      border-inline-start-color: var(--sp-danger);
    }
    :host-context([high-contrast]) .notice.success {
      border-inline-start-color: var(--sp-success);
    }
  `,
];

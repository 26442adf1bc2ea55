// The "back" chevron, pointing the other way in right-to-left languages, and the "Indietro" button with it.
import { msg } from '@lit/localize';
import { css, html, svg, type TemplateResult } from 'lit';

export const backIcon = svg`<svg class="back-icon" viewBox="0 0 24 24" width="24" height="24" fill="none"
  stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false"><path d="M15 5l-7 7 7 7"/></svg>`;

export const backIconStyles = css`
  .back-icon {
    inline-size: 1em;
    block-size: 1em;
    vertical-align: -0.12em;
    margin-inline-end: 0.3em;
  }
  .back-icon:dir(rtl) {
    transform: scaleX(-1);
  }
`;

/** "Indietro", secondary, with the chevron; the screen decides where it leads. */
export function backButton(back: () => void): TemplateResult {
  return html`<button type="button" class="secondary" @click=${back}>${backIcon}${msg('Indietro')}</button>`;
}

/**
 * How to show an identity document to the camera: a small drawing and three steps. The official asks
 * for it at the start of the call; the citizen reads it while waiting and again during the call.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, svg } from 'lit';
import { customElement } from 'lit/decorators.js';

/** A face with a card held beside it, photo towards the camera. */
const drawing = svg`<svg viewBox="0 0 160 100" width="160" height="100" aria-hidden="true" focusable="false">
  <rect x="1" y="1" width="158" height="98" rx="8" fill="#f0f6fc" stroke="#8a99a8" stroke-width="2" />
  <circle cx="52" cy="42" r="18" fill="#ffffff" stroke="#004080" stroke-width="3" />
  <path d="M22 96 C24 72 80 72 82 96" fill="#ffffff" stroke="#004080" stroke-width="3" />
  <g transform="rotate(-4 118 48)">
    <rect x="92" y="30" width="52" height="34" rx="4" fill="#ffffff" stroke="#0066cc" stroke-width="3" />
    <rect x="97" y="36" width="14" height="18" rx="2" fill="#0066cc" />
    <path d="M116 40 H138 M116 47 H134 M116 54 H138" stroke="#4d5e70" stroke-width="3" />
  </g>
  <path d="M118 70 v14 m-6 -6 l6 6 6 -6" stroke="#00704a" stroke-width="3" fill="none" />
</svg>`;

@customElement('meeting-id-guide')
@localized()
export class IdGuide extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .guide {
      display: flex;
      flex-wrap: wrap;
      gap: 0.6em 1em;
      align-items: flex-start;
    }
    ol {
      flex: 1 1 14em;
      margin: 0;
      padding-inline-start: 1.2em;
      line-height: 1.45;
    }
    li + li {
      margin-top: 0.3em;
    }
  `;

  override render() {
    return html`<div class="guide">
      ${drawing}
      <ol>
        <li>${msg('Tieni il documento accanto al viso, con la foto verso la videocamera.')}</li>
        <li>${msg('Avvicinalo finché riempie quasi tutto il riquadro, e tienilo fermo qualche secondo.')}</li>
        <li>${msg('Non coprire la foto con le dita ed evita i riflessi di lampade e finestre.')}</li>
      </ol>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-id-guide': IdGuide;
  }
}

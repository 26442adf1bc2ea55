/**
 * A visible, announced "please wait": a calm spinner and a line saying what is happening.
 *
 * @slot - the line, e.g. "Sto prenotando…".
 */
import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';

@customElement('kiosk-busy')
export class KioskBusy extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 0.75em;
      margin: var(--sp-gap) 0;
      font-weight: 600;
    }
    .spinner {
      flex: none;
      inline-size: 1.6em;
      block-size: 1.6em;
      border-radius: 50%;
      border: 0.25em solid var(--sp-border);
      border-block-start-color: var(--sp-primary);
      animation: spin 1s linear infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation-duration: 3s;
      }
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  `;

  override render() {
    return html`<span class="spinner" aria-hidden="true"></span>
      <span role="status" aria-live="polite"><slot></slot></span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-busy': KioskBusy;
  }
}

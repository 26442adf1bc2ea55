/**
 * A QR code to the sede's public queue page, so a phone can follow the queue away from the waiting room.
 * Slot: what goes above the words beside the code (the board puts today's hours there).
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import qrcode from 'qrcode-generator';

/** The SVG of a QR code for `text` (medium error correction: a TV's glare and a phone held far). */
export function qrSvg(text: string): string {
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  return code.createSvgTag({ cellSize: 1, margin: 2, scalable: true });
}

@customElement('board-follow-qr')
export class FollowQr extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: var(--sp-gap);
      min-height: 0;
    }
    .code {
      flex: none;
      width: var(--qr-size, 22vmin);
      height: var(--qr-size, 22vmin);
      background: #ffffff;
      border-radius: 0.8vmin;
      padding: 0.6vmin;
      box-sizing: border-box;
    }
    .code svg {
      display: block;
      width: 100%;
      height: 100%;
    }
    p {
      margin: 0;
    }
    .title {
      margin-top: 1.6vmin;
      font-size: 3vmin;
      font-weight: 700;
      line-height: 1.15;
    }
    .how {
      font-size: 2.4vmin;
      color: var(--sp-muted);
      margin-top: 0.6vmin;
    }
    .url {
      font-size: 2vmin;
      color: var(--sp-muted);
      margin-top: 0.6vmin;
      overflow-wrap: anywhere;
    }
  `;

  /** The page the code opens. */
  @property() url = '';

  override render() {
    if (!this.url) return html`<slot></slot>`;
    const shown = this.url.replace(/^https?:\/\//, '');
    // The SVG is the library's, made from the URL alone: nothing of it comes from elsewhere.
    return html`<div class="code" role="img" aria-label="Codice QR della coda di questa sede">
        ${unsafeHTML(qrSvg(this.url))}
      </div>
      <div>
        <slot></slot>
        <p class="title">Segui la coda dal telefono</p>
        <p class="how">Inquadra il codice con la fotocamera</p>
        <p class="url">${shown}</p>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-follow-qr': FollowQr;
  }
}

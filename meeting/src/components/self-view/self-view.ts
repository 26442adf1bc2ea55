/**
 * The citizen's own camera, mirrored as people expect to see themselves (the official gets it unmirrored).
 *
 * @csspart video - the video element.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';

@customElement('meeting-self-view')
@localized()
export class SelfView extends LitElement {
  static override styles = css`
    :host {
      display: block;
      background: #1a1a1a;
      border-radius: var(--sp-radius);
      overflow: hidden;
    }
    video {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
      transform: scaleX(-1);
    }
  `;

  /** The local camera stream; null shows the dark frame alone. */
  @property({ attribute: false }) stream: MediaStream | null = null;
  @query('video') private video!: HTMLVideoElement;

  override updated(): void {
    if (this.video.srcObject !== this.stream) this.video.srcObject = this.stream;
  }

  override render() {
    return html`<video part="video" autoplay playsinline muted aria-label=${msg('La tua immagine')}></video>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-self-view': SelfView;
  }
}

/**
 * The citizen's own camera, mirrored as people expect to see themselves (the official gets it unmirrored);
 * the back camera, which shows a document, is not mirrored, so its writing reads the right way.
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
    }
    :host([mirrored]) video {
      transform: scaleX(-1);
    }
  `;

  /** The local camera stream; null shows the dark frame alone. */
  @property({ attribute: false }) stream: MediaStream | null = null;
  /** Mirrored like a looking glass: the front camera. */
  @property({ type: Boolean, reflect: true }) mirrored = true;
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

/**
 * In the video call: the official large with their name, the citizen's self-view small, the connection's
 * state in words, and three big controls — microphone on/off, the guide to showing an identity document
 * to the camera, and end the call.
 *
 * @event kiosk-mute - detail: true to switch the microphone off, false to switch it on.
 * @event kiosk-hang-up - the citizen ends the call.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import type { CitizenCallState } from '@sportello/web-common/citizen-call';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import { screenStyles } from '../../theme/tokens.ts';
import '../../components/kiosk-self-view/kiosk-self-view.ts';

@customElement('kiosk-video-call-screen')
@localizedDecorator()
export class KioskVideoCallScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    pictogramStyles,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5em var(--sp-gap);
        margin-block-end: 0.5em;
      }
      h1 {
        margin: 0;
      }
      .state {
        display: inline-flex;
        align-items: center;
        gap: 0.5em;
        font-weight: 700;
        padding: 0.2em 0.8em;
        border-radius: 999px;
        border: 3px solid var(--sp-border);
      }
      .state::before {
        content: '';
        inline-size: 0.8em;
        block-size: 0.8em;
        border-radius: 50%;
        background: var(--sp-muted);
      }
      .state.connected::before {
        background: var(--sp-success);
      }
      .state.reconnecting::before {
        background: var(--sp-danger);
      }
      .stage {
        position: relative;
        background: #000;
        border-radius: var(--sp-radius);
        overflow: hidden;
        block-size: 64vh;
      }
      @media (orientation: landscape) {
        .stage {
          block-size: 62vh;
        }
      }
      video.remote {
        display: block;
        inline-size: 100%;
        block-size: 100%;
        object-fit: contain;
      }
      .name {
        position: absolute;
        inset-block-end: 12px;
        inset-inline-start: 12px;
        background: #000;
        color: #fff;
        font-weight: 700;
        padding: 0.2em 0.6em;
        border-radius: 8px;
      }
      kiosk-self-view {
        position: absolute;
        inset-block-end: 12px;
        inset-inline-end: 12px;
        inline-size: 24%;
        min-inline-size: 160px;
      }
      /* With the guide open the citizen watches themselves hold the document: a bigger self-view. */
      .stage.guide-open kiosk-self-view {
        inline-size: 26%;
        min-inline-size: 240px;
      }
      @media (orientation: portrait) {
        .stage.guide-open kiosk-self-view {
          inline-size: 40%;
        }
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sp-gap);
        margin-block-start: var(--sp-gap);
      }
      .controls button {
        display: inline-flex;
        align-items: center;
        gap: 0.5em;
      }
      .controls .picture {
        font-size: 1.6em;
      }
      button.end {
        background: var(--sp-danger);
        border-color: var(--sp-danger);
        color: #fff;
      }
      :host-context([high-contrast]) button.end {
        color: #000;
      }
      /* Over the official's picture, so the citizen still sees themselves holding the document. */
      .guide {
        position: absolute;
        inset-block-start: 12px;
        inset-inline-start: 12px;
        max-inline-size: calc(72% - 24px);
        max-block-size: calc(100% - 24px);
        overflow-y: auto;
        box-sizing: border-box;
        display: flex;
        gap: var(--sp-gap);
        align-items: flex-start;
        border: 3px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
        padding: var(--sp-gap);
      }
      .guide .picture {
        font-size: 5em;
        color: var(--sp-primary-dark);
      }
      .guide ol {
        margin: 0;
        padding-inline-start: 1.3em;
        line-height: 1.45;
      }
      .guide li + li {
        margin-block-start: 0.4em;
      }
      .guide h2 {
        margin-block-end: 0.4em;
      }
    `,
  ];

  /** The official's name. */
  @property() official = '';
  @property() callState: CitizenCallState = 'connecting';
  @property({ attribute: false }) remote?: MediaStream;
  @property({ attribute: false }) local?: MediaStream;
  @property({ type: Boolean }) muted = false;

  @state() private guideOpen = false;

  protected override updated(changed: PropertyValues): void {
    const video = this.renderRoot.querySelector<HTMLVideoElement>('video.remote');
    if (changed.has('remote') && video && video.srcObject !== (this.remote ?? null))
      video.srcObject = this.remote ?? null;
    if (changed.has('guideOpen') && this.guideOpen)
      this.renderRoot.querySelector<HTMLElement>('#guide h2')?.focus();
  }

  private stateText(): string {
    switch (this.callState) {
      case 'connected':
        return msg('Collegato');
      case 'reconnecting':
        return msg('Riconnessione…');
      default:
        return msg('Collegamento in corso…');
    }
  }

  private guideSteps(): string[] {
    return [
      msg('Prendi la carta d’identità, il passaporto, la patente o il permesso di soggiorno.'),
      msg('Tienilo fermo davanti alla telecamera, a circa 20 centimetri, con la foto verso lo schermo.'),
      msg('Non coprire la foto e il numero con le dita.'),
      msg('Aspetta che il funzionario ti dica che lo vede bene. Se te lo chiede, giralo e mostra il retro.'),
    ];
  }

  speechText(): string[] {
    const official = this.official;
    return [
      msg(str`Stai parlando con ${official}`),
      this.stateText(),
      ...(this.guideOpen ? [msg('Come mostrare il documento'), ...this.guideSteps()] : []),
      this.muted ? msg('Riaccendi il microfono') : msg('Spegni il microfono'),
      msg('Come mostrare il documento'),
      msg('Termina la chiamata'),
    ];
  }

  override render() {
    const official = this.official;
    return html`
      <div class="top">
        <h1>${msg(str`Stai parlando con ${official}`)}</h1>
        <span class="state ${this.callState}" role="status">${this.stateText()}</span>
      </div>
      <div class="stage ${this.guideOpen ? 'guide-open' : ''}">
        <video class="remote" autoplay playsinline aria-label=${msg(str`Video di ${official}`)}></video>
        <span class="name" aria-hidden="true">${official}</span>
        <kiosk-self-view .stream=${this.local}></kiosk-self-view>
        ${this.renderGuide()}
      </div>
      <div class="controls">
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-mute', !this.muted)}>
          <span class="picture">${this.muted ? pictograms.microphoneOff() : pictograms.microphone()}</span>
          ${this.muted ? msg('Riaccendi il microfono') : msg('Spegni il microfono')}
        </button>
        <button
          type="button"
          class="secondary"
          aria-expanded=${this.guideOpen}
          @click=${() => (this.guideOpen = !this.guideOpen)}
        >
          <span class="picture">${pictograms.card()}</span>${msg('Come mostrare il documento')}
        </button>
        <button type="button" class="end" @click=${() => emit(this, 'kiosk-hang-up')}>
          <span class="picture">${pictograms.hangUp()}</span>${msg('Termina la chiamata')}
        </button>
      </div>
    `;
  }

  private renderGuide() {
    if (!this.guideOpen) return nothing;
    return html`<section class="guide" id="guide" aria-labelledby="guide-title">
      <span class="picture">${pictograms.showDocument()}</span>
      <div>
        <h2 id="guide-title" tabindex="-1">${msg('Come mostrare il documento')}</h2>
        <ol>
          ${this.guideSteps().map((step) => html`<li>${step}</li>`)}
        </ol>
        <div class="actions">
          <button type="button" class="secondary" @click=${() => (this.guideOpen = false)}>
            ${msg('Chiudi la guida')}
          </button>
        </div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-video-call-screen': KioskVideoCallScreen;
  }
}

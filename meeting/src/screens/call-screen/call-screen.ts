/**
 * The call: the official large with their name, the citizen's self-view small, mute, the camera switch (the
 * back camera shows a document), end, the state of the connection (read out as it changes) and how to show
 * the ID document.
 *
 * @event meeting-hangup - the citizen ends the call.
 * @event meeting-switch-camera - the citizen wants the other camera (the app opens it and sends it).
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { CitizenCall, CitizenCallState } from '@sportello/web-common/citizen-call';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import '../../components/id-guide/id-guide.ts';
import '../../components/self-view/self-view.ts';
import type { Facing } from '../../media/camera-switch.ts';
import { screenStyles } from '../../theme/tokens.ts';

/** Where the camera switch is: none to offer, ready, opening the other camera, or no other camera found. */
export type CameraSwitch = 'none' | 'ready' | 'switching' | 'failed';

@customElement('meeting-call-screen')
@localized()
export class CallScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      .call {
        display: grid;
        gap: var(--sp-gap);
      }
      @media (min-width: 900px) {
        .call {
          grid-template-columns: minmax(0, 1fr) 20em;
          align-items: start;
        }
      }
      .stage {
        position: relative;
        background: #000000;
        border-radius: var(--sp-radius);
        overflow: hidden;
        height: min(62vh, 75vw + 120px);
        min-height: 240px;
      }
      @media (min-width: 900px) {
        .stage {
          height: calc(100vh - 190px);
        }
      }
      video.remote {
        display: block;
        width: 100%;
        height: 100%;
        object-fit: contain;
      }
      .name {
        position: absolute;
        inset-inline-start: 10px;
        top: 10px;
        padding: 0.2em 0.6em;
        border-radius: 6px;
        background: rgba(0, 0, 0, 0.72);
        color: #ffffff;
        font-weight: 600;
        max-width: calc(100% - 20px);
        box-sizing: border-box;
      }
      meeting-self-view {
        position: absolute;
        inset-inline-end: 10px;
        bottom: 10px;
        width: 28%;
        min-width: 88px;
        max-width: 220px;
        aspect-ratio: 3 / 4;
        border: 2px solid #ffffff;
      }
      @media (min-width: 600px) {
        meeting-self-view {
          aspect-ratio: 4 / 3;
        }
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
      }
      .controls button {
        flex: 1 1 10em;
      }
      .controls button.camera {
        flex-basis: 100%;
      }
      button[aria-pressed='true'] {
        background: var(--sp-warning-bg);
        border-color: var(--sp-text);
        color: var(--sp-text);
      }
      .state {
        font-weight: 600;
        margin: 0 0 0.5em;
      }
      .state.connected {
        color: var(--sp-success);
      }
      details {
        margin-top: var(--sp-gap);
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        min-height: var(--sp-target);
        display: flex;
        align-items: center;
        gap: 0.4em;
        list-style: none;
      }
      summary::-webkit-details-marker {
        display: none;
      }
      /* The marker, drawn: display:flex drops the native one. */
      summary::before {
        content: '';
        width: 0;
        height: 0;
        border-block: 0.35em solid transparent;
        border-inline-start: 0.55em solid var(--sp-primary-dark);
        transition: transform 120ms;
      }
      details[open] > summary::before {
        transform: rotate(90deg);
      }
      summary:focus-visible {
        outline: 4px solid var(--sp-focus);
        outline-offset: 2px;
      }
      h1 {
        font-size: 1.3em;
      }
    `,
  ];

  /** The call with the official, owned by the app. */
  @property({ attribute: false }) call!: CitizenCall;
  @property() callState: CitizenCallState = 'connecting';
  @property() officialName = '';
  @property({ attribute: false }) stream: MediaStream | null = null;
  /** The way the camera in use faces, when the browser says (computers' cameras often do not). */
  @property() facing?: Facing;
  @property() cameraSwitch: CameraSwitch = 'none';
  @state() private muted = false;
  @query('h1') private heading!: HTMLElement;
  @query('video.remote') private remoteVideo!: HTMLVideoElement;
  /** The guide is open beside a large screen, folded under the video on a phone. */
  private readonly wide = globalThis.matchMedia?.('(min-width: 900px)').matches ?? true;

  override firstUpdated(): void {
    this.heading.focus();
  }

  override updated(): void {
    if (this.remoteVideo.srcObject !== this.call.remote) this.remoteVideo.srcObject = this.call.remote;
  }

  override render() {
    const name = this.officialName;
    return html`<div class="call">
      <div class="stage">
        <video class="remote" autoplay playsinline aria-label=${msg(str`Video di ${name}`)}></video>
        <span class="name">${name}</span>
        <meeting-self-view
          .stream=${this.stream}
          ?mirrored=${this.facing !== 'environment'}
        ></meeting-self-view>
      </div>
      <div>
        <h1 tabindex="-1">${msg(str`Videochiamata con ${name}`)}</h1>
        <p class="state ${this.callState}" role="status">${this.stateText()}</p>
        ${
          this.muted
            ? html`<p class="notice warning">
                ${msg('Il microfono è spento: il funzionario non ti sente.')}
              </p>`
            : nothing
        }
        <div class="controls">
          <button class="secondary" aria-pressed=${this.muted ? 'true' : 'false'} @click=${this.toggleMute}>
            ${msg('Spegni il microfono')}
          </button>
          ${this.renderCameraSwitch()}
          <button class="danger" @click=${() => emit(this, 'meeting-hangup')}>
            ${msg('Chiudi la chiamata')}
          </button>
        </div>
        ${
          this.cameraSwitch === 'failed'
            ? html`<p class="notice warning" role="alert">
                ${msg("Non troviamo un'altra fotocamera su questo dispositivo. Avvicina il documento a questa.")}
              </p>`
            : nothing
        }
        <details ?open=${this.wide}>
          <summary>${msg('Come mostrare il documento')}</summary>
          <meeting-id-guide></meeting-id-guide>
        </details>
      </div>
    </div>`;
  }

  private renderCameraSwitch() {
    if (this.cameraSwitch === 'none') return nothing;
    const label =
      this.facing === 'environment'
        ? msg('Torna alla fotocamera frontale')
        : this.facing === 'user'
          ? msg('Mostra un documento: usa la fotocamera posteriore')
          : msg("Mostra un documento: usa l'altra videocamera");
    return html`<button
      class="secondary camera"
      ?disabled=${this.cameraSwitch === 'switching'}
      @click=${() => emit(this, 'meeting-switch-camera')}
    >
      ${this.cameraSwitch === 'switching' ? msg('Cambio della fotocamera…') : label}
    </button>`;
  }

  private stateText() {
    const name = this.officialName;
    switch (this.callState) {
      case 'connecting':
        return msg(str`Collegamento con ${name}…`);
      case 'connected':
        return msg('Collegato');
      case 'reconnecting':
        return msg('La connessione si è interrotta: nuovo tentativo in corso…');
      case 'failed':
        return msg('La connessione non è riuscita.');
      case 'ended':
        return msg('Chiamata terminata.');
    }
  }

  private toggleMute() {
    this.muted = !this.muted;
    this.call.setMuted(this.muted);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-call-screen': CallScreen;
  }
}

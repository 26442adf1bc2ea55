/**
 * The video call with the citizen just accepted: their video large, the official's self-view small,
 * mute and end. Owns the peer connection for as long as it is on screen.
 *
 * @event console-call-closed - the official ended the call (the server's call.ended is the app's business).
 */
import { localized, msg } from '@lit/localize';
import type { CatalogResponse } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { OfficialCall, openLocalMedia, type CallState } from '../../call/official-call.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import type { CallStarted, VideoSocket } from '@sportello/web-common/video-socket';
import { formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('call-screen')
@localized()
export class CallScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      main {
        display: grid;
        grid-template-columns: 1fr 24em;
        gap: var(--c-gap);
        padding: var(--c-gap);
        height: calc(100vh - 7em);
        box-sizing: border-box;
      }
      .stage {
        position: relative;
        background: #000000;
        border-radius: var(--c-radius);
        overflow: hidden;
      }
      .remote {
        width: 100%;
        height: 100%;
        object-fit: contain;
      }
      .self {
        position: absolute;
        right: 16px;
        bottom: 16px;
        width: 22%;
        border: 2px solid #ffffff;
        border-radius: var(--c-radius);
        background: #222222;
      }
      aside {
        display: flex;
        flex-direction: column;
        gap: 0.5em;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.35em 1em;
        margin: 0 0 1em;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      .state {
        font-weight: 600;
        padding: 0.5em 0.8em;
        border-radius: var(--c-radius);
        background: var(--c-surface);
      }
      .state.connected {
        color: var(--c-success);
      }
      aside button {
        width: 100%;
      }
      aside button[aria-pressed='true'] {
        background: var(--c-warning-bg);
        border-color: var(--c-text);
        color: var(--c-text);
      }
    `,
  ];

  /** The official's /ws. */
  @property({ attribute: false }) socket!: VideoSocket;
  /** The server's call.started for this call. */
  @property({ attribute: false }) started!: CallStarted;
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private callState: CallState = 'connecting';
  @state() private muted = false;
  @state() private error = '';
  @state() private local: MediaStream | null = null;
  @query('h1') private heading!: HTMLElement;
  @query('video.remote') private remoteVideo!: HTMLVideoElement;
  @query('video.self') private selfVideo?: HTMLVideoElement;
  private call?: OfficialCall;
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.begin();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.call?.close();
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  override updated(): void {
    if (this.call && this.remoteVideo.srcObject !== this.call.remote)
      this.remoteVideo.srcObject = this.call.remote;
    if (this.selfVideo && this.selfVideo.srcObject !== this.local) this.selfVideo.srcObject = this.local;
  }

  private async begin() {
    const local = await openLocalMedia();
    if (!this.isConnected) {
      for (const track of local?.getTracks() ?? []) track.stop();
      return;
    }
    this.local = local;
    if (!local) this.error = msg('Videocamera o microfono non disponibili: il cittadino non ti vedrà.');
    const call = (this.call = new OfficialCall(
      this.started,
      this.socket,
      local,
      (s) => (this.callState = s),
    ));
    this.unsubscribe = this.socket.subscribe((message) => {
      if (message.type === 'call.answer' || message.type === 'call.ice' || message.type === 'call.offer')
        call.handle(message).catch(() => (this.error = msg('La connessione video non è riuscita.')));
    });
    try {
      await call.start();
    } catch {
      this.error = msg('Non è stato possibile avviare la chiamata.');
    }
    this.requestUpdate();
  }

  override render() {
    const entry = this.started.entry;
    const service = this.catalog?.services.find((s) => s.id === entry.service)?.name.it ?? entry.service;
    return html`<main>
      <div class="stage">
        <video class="remote" autoplay playsinline aria-label=${msg('Video del cittadino')}></video>
        ${
          this.local
            ? html`<video
                class="self"
                autoplay
                playsinline
                muted
                aria-label=${msg('La tua immagine')}
              ></video>`
            : nothing
        }
      </div>
      <aside>
        <h1 tabindex="-1">${msg('Videochiamata')}</h1>
        <p class="state ${this.callState}" role="status">${stateText(this.callState)}</p>
        <dl>
          <dt>${msg('Servizio')}</dt>
          <dd>${service}</dd>
          <dt>${msg('Postazione')}</dt>
          <dd>${entry.station}</dd>
          <dt>${msg('In coda dalle')}</dt>
          <dd>${formatTime(entry.since)}</dd>
          <dt>${msg('Assistito da')}</dt>
          <dd>${entry.assistedBy ?? '—'}</dd>
        </dl>
        <p class="error" role="alert">${this.error || nothing}</p>
        <button class="secondary" aria-pressed=${this.muted ? 'true' : 'false'} @click=${this.toggleMute}>
          ${msg('Microfono disattivato')}
        </button>
        <button class="danger" @click=${this.end}>${msg('Termina la chiamata')}</button>
      </aside>
    </main>`;
  }

  private toggleMute() {
    this.muted = !this.muted;
    this.call?.setMuted(this.muted);
  }

  private end() {
    try {
      this.call?.hangUp();
    } catch {
      // Not connected: the server ends the call when it sees the socket gone.
    }
    emit(this, 'console-call-closed');
  }
}

function stateText(state: CallState): string {
  switch (state) {
    case 'connecting':
      return msg('Collegamento con il cittadino…');
    case 'connected':
      return msg('Collegato');
    case 'reconnecting':
      return msg('Connessione interrotta, nuovo tentativo…');
    case 'failed':
      return msg('Connessione non riuscita.');
    case 'ended':
      return msg('Chiamata terminata.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'call-screen': CallScreen;
  }
}

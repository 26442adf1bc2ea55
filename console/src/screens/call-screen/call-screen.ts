/**
 * The video call with the citizen just accepted: their video large, the official's self-view small, mute
 * and end, who the citizen is; beside it the identification checklist, the outcome with notes and a
 * follow-up booking. When the call ends (either party, or the media failed) the screen stays as the
 * call's wrap-up until the outcome is saved. Owns the peer connection while the call is live.
 *
 * @event console-call-hung-up - detail: { reason } — the official ended the call, or its media failed.
 * @event console-call-closed - the outcome is saved and the call is over: back to the queue.
 */
import { localized, msg, str } from '@lit/localize';
import type { CallCitizen, CallEndReason, CallOutcome, CatalogResponse } from '@sportello/protocol';
import { hangUp, type CallStarted, type VideoSocket } from '@sportello/web-common/video-socket';
import { css, html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { CallState, OfficialCall } from '../../call/official-call.ts';
import { takePreparedCall } from '../../call/prepared-call.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import '../../components/follow-up-form/follow-up-form.ts';
import '../../components/identification-form/identification-form.ts';
import '../../components/outcome-form/outcome-form.ts';
import { authLevelText, authMethodText, endReasonText } from '../../i18n/labels.ts';
import { formatTime, localizedText, romeDate } from '../../i18n/locale.ts';
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
        grid-template-columns: minmax(0, 1fr) 34em;
        gap: var(--sp-gap);
        padding: var(--sp-gap);
        height: calc(100vh - 4.5em);
        box-sizing: border-box;
      }
      .left {
        display: flex;
        flex-direction: column;
        gap: var(--sp-gap);
        min-height: 0;
      }
      .stage {
        position: relative;
        flex: 1;
        min-height: 12em;
        background: #000000;
        border-radius: var(--sp-radius);
        overflow: hidden;
      }
      .remote {
        position: absolute;
        inset: 0;
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
        border-radius: var(--sp-radius);
        background: #222222;
      }
      main.ended {
        grid-template-columns: minmax(0, 1fr) minmax(34em, 1.3fr);
      }
      .wrap-up {
        border: 2px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
        padding: var(--sp-gap);
      }
      .info {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 16em;
        gap: var(--sp-gap);
      }
      .controls {
        display: flex;
        flex-direction: column;
        gap: 0.5em;
      }
      .controls button {
        width: 100%;
      }
      .controls button[aria-pressed='true'] {
        background: var(--sp-warning-bg);
        border-color: var(--sp-text);
        color: var(--sp-text);
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.3em 1em;
        margin: 0;
      }
      dt {
        font-weight: 600;
        white-space: nowrap;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .state {
        font-weight: 600;
        padding: 0.5em 0.8em;
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
      }
      .state.connected {
        color: var(--sp-success);
      }
      .mic {
        display: flex;
        align-items: center;
        gap: 0.4em;
        font-weight: 600;
        padding: 0.4em 0.8em;
        border-radius: var(--sp-radius);
        border: 2px solid transparent;
      }
      .mic svg {
        width: 1.3em;
        height: 1.3em;
        flex: none;
      }
      .mic.on {
        color: var(--sp-success);
        background: var(--sp-surface);
      }
      /* A pressed toggle looks pressed: filled, like a switch turned on. */
      button.mute[aria-pressed='true'] {
        background: var(--sp-primary-dark);
        border-color: var(--sp-primary-dark);
        color: var(--sp-on-primary);
      }
      /* Muted must not be missed: dark text on the warning colour, framed, the microphone struck through. */
      .mic.off {
        color: var(--sp-text);
        background: var(--sp-warning-bg);
        border-color: var(--sp-text);
      }
      aside {
        display: flex;
        flex-direction: column;
        gap: var(--sp-gap);
        overflow-y: auto;
        padding: 4px;
      }
      /* A laptop screen: the checklist narrower, the call's controls in a row under the details. */
      @media (max-width: 1500px) {
        main,
        main.ended {
          grid-template-columns: minmax(0, 1fr) minmax(26em, 0.9fr);
        }
        .info {
          grid-template-columns: minmax(0, 1fr);
        }
        .controls {
          flex-direction: row;
          flex-wrap: wrap;
        }
        .controls button {
          width: auto;
          flex: 1 1 12em;
        }
      }
    `,
  ];

  /** The official's /ws. */
  @property({ attribute: false }) socket!: VideoSocket;
  /** The server's call.started for this call. */
  @property({ attribute: false }) started!: CallStarted;
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The official's own sede: where a station's citizen books unless the official picks another. */
  @property() officialSede = '';
  /** Set once the call is over (told by the server or by us): the screen is then the call's wrap-up. */
  @property() ended?: CallEndReason;

  @state() private callState: CallState = 'connecting';
  @state() private muted = false;
  @state() private error = '';
  @state() private local: MediaStream | null = null;
  @state() private outcomeSaved = false;
  @query('h1') private heading!: HTMLElement;
  @query('video.remote') private remoteVideo?: HTMLVideoElement;
  @query('video.self') private selfVideo?: HTMLVideoElement;
  private call?: OfficialCall;
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.begin();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopMedia();
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ended') && this.ended) this.stopMedia();
  }

  override updated(changed: PropertyValues<this>): void {
    if (this.call && this.remoteVideo && this.remoteVideo.srcObject !== this.call.remote)
      this.remoteVideo.srcObject = this.call.remote;
    if (this.selfVideo && this.selfVideo.srcObject !== this.local) this.selfVideo.srcObject = this.local;
    // The wrap-up is a new view: its heading takes the focus, as a new screen's does.
    if (changed.has('ended') && this.ended && changed.get('ended') === undefined) this.heading.focus();
  }

  private stopMedia() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.call?.close();
    for (const track of this.local?.getTracks() ?? []) track.stop();
  }

  private async begin() {
    // Made at the accept (camera, microphone, offer); closing it stops the camera, even one still opening.
    const call = (this.call = takePreparedCall(this.socket));
    if (!this.isConnected || this.ended) return call.close();
    this.unsubscribe = this.socket.subscribe((message) => {
      if (message.type === 'call.answer' || message.type === 'call.ice' || message.type === 'call.offer')
        call.handle(message).catch(() => (this.error = msg('La connessione video non è riuscita.')));
    });
    const starting = call
      .start(this.started, (s) => this.onState(s))
      .catch(() => {
        this.error = msg('Non è stato possibile avviare la chiamata.');
      });
    const local = await call.local;
    if (!this.isConnected || this.ended) return;
    this.local = local;
    if (!local) this.error = msg('Videocamera o microfono non disponibili: il cittadino non ti vedrà.');
    await starting;
    this.requestUpdate();
  }

  private onState(state: CallState) {
    this.callState = state;
    // Every restart failed: end the call for both, so that the citizen is offered a callback.
    if (state === 'failed' && !this.ended) this.finish('media-failed');
  }

  override render() {
    const entry = this.started.entry;
    const service = this.catalog?.services.find((s) => s.id === entry.service);
    return html`<main class=${this.ended ? 'ended' : ''}>
      <div class="left">
        ${this.ended ? this.renderWrapUp(this.ended) : this.renderStage()}
        <div class="info">
          <div>
            <h1 tabindex="-1">${this.ended ? msg('Chiusura della chiamata') : msg('Videochiamata')}</h1>
            <dl>
              ${this.renderCitizen(entry.citizen)}
              <dt>${msg('Servizio')}</dt>
              <dd>${service ? localizedText(service.name) : entry.service}</dd>
              <dt>${msg('Da dove')}</dt>
              <dd>
                ${
                  entry.origin === 'web'
                    ? msg(str`da casa (videochiamata prenotata ${entry.bookingCode ?? ''})`)
                    : entry.station
                }
              </dd>
              <dt>${msg('In coda dalle')}</dt>
              <dd>${formatTime(entry.since)}</dd>
              <dt>${msg('Assistito da')}</dt>
              <dd>${entry.assistedBy ?? '—'}</dd>
            </dl>
          </div>
          ${this.ended ? nothing : this.renderControls()}
        </div>
      </div>
      <aside aria-label=${msg('Scheda della chiamata')}>
        <identification-form .callId=${this.started.callId} .entry=${entry}></identification-form>
        <outcome-form
          .callId=${this.started.callId}
          .suggested=${this.suggestedOutcome()}
          @console-outcome-saved=${this.outcomeRecorded}
        ></outcome-form>
        <follow-up-form
          .callId=${this.started.callId}
          .entry=${entry}
          .catalog=${this.catalog}
          .sede=${this.started.entry.sede ?? this.officialSede}
          .fromDate=${romeDate(entry.since)}
        ></follow-up-form>
      </aside>
    </main>`;
  }

  private renderStage() {
    return html`<div class="stage">
      <video class="remote" autoplay playsinline aria-label=${msg('Video del cittadino')}></video>
      ${
        this.local
          ? html`<video class="self" autoplay playsinline muted aria-label=${msg('La tua immagine')}></video>`
          : nothing
      }
    </div>`;
  }

  private renderWrapUp(reason: CallEndReason) {
    return html`<div class="wrap-up">
      <p role="status"><strong>${endReasonText(reason)}</strong></p>
      ${
        this.outcomeSaved
          ? html`<p>
                ${msg('L’esito è salvato. Puoi ancora prenotare un appuntamento, poi torna alla coda.')}
              </p>
              <button @click=${() => emit(this, 'console-call-closed')}>${msg('Torna alla coda')}</button>`
          : html`<p>${msg('Scegli l’esito e salvalo: poi torni alla coda.')}</p>`
      }
    </div>`;
  }

  // The microphone toggle keeps one name, as ARIA toggles must: pressed means muted; the line above says it in words.
  private renderControls() {
    return html`<div class="controls">
      <p class="state ${this.callState}" role="status">${stateText(this.callState)}</p>
      <p class="error" role="alert">${this.error || nothing}</p>
      <p class="mic ${this.muted ? 'off' : 'on'}" id="mic-state">
        ${micIcon(this.muted)}
        <span>${this.muted ? msg('Microfono disattivato') : msg('Microfono attivo')}</span>
      </p>
      <button
        class="secondary mute"
        aria-pressed=${this.muted ? 'true' : 'false'}
        aria-describedby="mic-state"
        @click=${this.toggleMute}
      >
        ${msg('Silenzia il microfono')}
      </button>
      <button class="danger" @click=${() => this.finish('hangup')}>${msg('Termina la chiamata')}</button>
    </div>`;
  }

  private renderCitizen(citizen: CallCitizen | undefined) {
    const name = [citizen?.firstName, citizen?.lastName].filter(Boolean).join(' ');
    const level = authLevelText(this.started.entry.authLevel);
    return html`<dt>${msg('Cittadino')}</dt>
      <dd>${name || msg('nome non indicato')}</dd>
      <dt>${msg('Codice fiscale')}</dt>
      <dd>${citizen?.codiceFiscale ?? msg('non indicato')}</dd>
      <dt>${msg('Identificato con')}</dt>
      <dd>${citizen?.authMethod ? `${level} · ${authMethodText(citizen.authMethod)}` : level}</dd>`;
  }

  private suggestedOutcome(): CallOutcome | undefined {
    return this.ended && this.ended !== 'hangup' ? 'call-dropped' : undefined;
  }

  private outcomeRecorded() {
    this.outcomeSaved = true;
    if (this.ended) emit(this, 'console-call-closed');
  }

  private toggleMute() {
    this.muted = !this.muted;
    this.call?.setMuted(this.muted);
  }

  /** Ends the call from here; the wrap-up follows. */
  private finish(reason: 'hangup' | 'media-failed') {
    try {
      hangUp(this.socket, this.started.callId, reason);
    } catch {
      // Not connected: the server ends the call when it sees the socket gone.
    }
    this.stopMedia();
    emit(this, 'console-call-hung-up', { reason });
  }
}

/** A microphone, struck through when muted; the text beside it says the same in words. */
function micIcon(muted: boolean) {
  return html`<svg
    viewBox="0 0 24 24"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
  >
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    ${muted ? svg`<path d="M4 4l16 16" stroke-width="2.5" />` : nothing}
  </svg>`;
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

/**
 * The waiting room: the appointment, the place in the queue and the estimated wait (read out as they
 * change), what happens when no official is online, the self-view and how to show the ID document.
 *
 * @event meeting-readmit - the page cannot reach the room with its admission: enter the code again.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Connection } from '@sportello/web-common/video-socket';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import '../../components/id-guide/id-guide.ts';
import '../../components/self-view/self-view.ts';
import type { Meeting } from '../../data/meeting.ts';
import { formatDay, formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

export interface QueuePlace {
  /** 1 = next. */
  position: number;
  estimatedWaitMinutes: number;
}

@customElement('meeting-waiting-screen')
@localized()
export class WaitingScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      .room {
        display: grid;
        gap: var(--sp-gap);
      }
      @media (min-width: 900px) {
        .room {
          grid-template-columns: minmax(0, 1fr) minmax(0, 420px);
          align-items: start;
        }
      }
      .room > div > .notice:first-child {
        margin-top: 0;
      }
      .place {
        font-size: 1.2em;
        font-weight: 700;
        margin: 0 0 0.3em;
      }
      .spinner {
        display: inline-block;
        width: 0.8em;
        height: 0.8em;
        margin-inline-end: 0.4em;
        border: 3px solid var(--sp-primary);
        border-inline-end-color: transparent;
        border-radius: 50%;
        animation: spin 1.2s linear infinite;
        vertical-align: -0.05em;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation: none;
        }
      }
      meeting-self-view {
        aspect-ratio: 4 / 3;
        width: 100%;
        max-width: 420px;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2em 0.8em;
        margin: 0 0 var(--sp-gap);
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      h2 {
        margin-top: var(--sp-gap);
      }
    `,
  ];

  @property({ attribute: false }) meeting!: Meeting;
  /** The service's name in the page's language, when the catalog is known. */
  @property() serviceName?: string;
  @property({ attribute: false }) place?: QueuePlace;
  /** Why no official can take the citizen now, when the server said so. */
  @property() noOfficial?: 'no-official-online' | 'wait-too-long';
  @property() connection: Connection = 'connecting';
  /** The socket has not opened for a long while: the admission may have expired. */
  @property({ type: Boolean }) unreachable = false;
  /** A refusal of the room by the server, in plain words. */
  @property() refusal = '';
  @property({ attribute: false }) stream: MediaStream | null = null;
  /** The official said they are running late: by how much, and when. */
  @property({ attribute: false }) late?: { minutes: number; at: string };
  @query('h1') private heading!: HTMLElement;

  override firstUpdated(): void {
    this.heading.focus();
  }

  override render() {
    const m = this.meeting;
    return html`<h1 tabindex="-1">${msg('In attesa che il funzionario ti ammetta')}</h1>
      <div class="room">
        <div>
          <div class="notice" role="status" aria-live="polite" aria-atomic="true">${this.renderPlace()}</div>
          ${this.renderLate()}${this.renderNoOfficial()}
          ${this.refusal ? html`<div class="notice error" role="alert"><p>${this.refusal}</p></div>` : nothing}
          ${
            this.unreachable
              ? html`<div class="notice error" role="alert">
                  <p>
                    ${msg("Non riusciamo a collegarti alla sala d'attesa. Controlla la connessione a internet.")}
                    ${msg('Se il problema continua, scrivi di nuovo il codice di ammissione.')}
                  </p>
                  <button class="secondary" @click=${() => emit(this, 'meeting-readmit')}>
                    ${msg('Scrivi di nuovo il codice')}
                  </button>
                </div>`
              : nothing
          }
          <dl>
            <dt>${msg('Appuntamento')}</dt>
            <dd>${formatDay(m.start)}, ${msg(str`ore ${formatTime(m.start)}`)}</dd>
            <dt>${msg('Servizio')}</dt>
            <dd>${this.serviceName ?? m.service}</dd>
          </dl>
          <p>
            ${msg('Tieni aperta questa pagina. Quando il funzionario ti ammette, la videochiamata parte da sola.')}
          </p>
          <h2>${msg("Prepara il documento d'identità")}</h2>
          <p>${msg("Serve un documento valido con foto: carta d'identità, passaporto o patente.")}</p>
          <meeting-id-guide></meeting-id-guide>
        </div>
        <meeting-self-view .stream=${this.stream}></meeting-self-view>
      </div>`;
  }

  private renderPlace() {
    if (this.connection !== 'open')
      return html`<p class="place">
        <span class="spinner"></span>${msg("Collegamento alla sala d'attesa…")}
      </p>`;
    const place = this.place;
    if (!place)
      return html`<p class="place"><span class="spinner"></span>${msg("Sei nella sala d'attesa.")}</p>`;
    const ahead = place.position - 1;
    return html`<p class="place">
        <span class="spinner"></span>${
          ahead === 0
            ? msg('Il prossimo turno è il tuo.')
            : ahead === 1
              ? msg("Prima di te c'è una persona.")
              : msg(str`Prima di te ci sono ${ahead} persone.`)
        }
      </p>
      ${this.noOfficial === 'no-official-online' ? nothing : this.renderWait(place)}`;
  }

  /** Meaningless while nobody of the sector is online: shown only when someone could answer. */
  private renderWait(place: QueuePlace) {
    return html`<p>
      ${
        place.estimatedWaitMinutes < 1
          ? msg('Attesa stimata: meno di un minuto.')
          : place.estimatedWaitMinutes === 1
            ? msg('Attesa stimata: circa un minuto.')
            : msg(str`Attesa stimata: circa ${place.estimatedWaitMinutes} minuti.`)
      }
    </p>`;
  }

  private renderLate() {
    const late = this.late;
    if (!late) return nothing;
    const time = formatTime(late.at);
    const minutes = late.minutes;
    return html`<div class="notice warning late" role="status">
      <p>
        <strong>${msg(str`Il funzionario è in ritardo di circa ${minutes} minuti.`)}</strong>
        ${msg(str`Lo ha scritto alle ${time}.`)}
      </p>
      <p>${msg('Tieni aperta questa pagina: la videochiamata parte appena il funzionario è pronto.')}</p>
    </div>`;
  }

  private renderNoOfficial() {
    if (!this.noOfficial) return nothing;
    return html`<div class="notice warning">
      <p>
        <strong
          >${
            this.noOfficial === 'no-official-online'
              ? msg('In questo momento nessun funzionario è collegato.')
              : msg("L'attesa è più lunga del previsto.")
          }</strong
        >
        ${msg('Resta in attesa: il funzionario ti ammetterà appena possibile.')}
      </p>
      <p>
        ${msg("Se non riesce a collegarsi con te, l'ufficio ti chiamerà al numero di telefono della prenotazione.")}
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-waiting-screen': WaitingScreen;
  }
}

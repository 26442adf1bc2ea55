/**
 * The official's home: available / paused, the live video queue of the sede group by sector with waiting
 * times, "accept the next citizen", and beside it the day's appointments, where a web meeting whose citizen
 * waits can be accepted. What happens on accept (the call) is the app's business: it listens for
 * call.started on the socket.
 */
import { localized, msg, str } from '@lit/localize';
import type {
  AppointmentsResponse,
  CatalogResponse,
  OfficialStatus,
  QueueSnapshot,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { prepareCall } from '../../call/prepared-call.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import '../../components/appointment-list/appointment-list.ts';
import { tableStyles } from '../../components/table-styles.ts';
import { fetchAppointments, tellRunningLate } from '../../data/appointments.ts';
import { acceptEntry } from '../../data/queue.ts';
import { authLevelText, notConnectedText, problemText, queueErrorText } from '../../i18n/labels.ts';
import { formatDay, localizedText } from '../../i18n/locale.ts';
import { acceptNext, setStatus, type Connection, type VideoSocket } from '@sportello/web-common/video-socket';
import { screenStyles } from '../../theme/tokens.ts';

type Sector = QueueSnapshot['sectors'][number];

@customElement('queue-screen')
@localized()
export class QueueScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    tableStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
      }
      .columns {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: calc(var(--sp-gap) * 1.5);
        align-items: start;
      }
      @media (max-width: 1200px) {
        .columns {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .day {
        border-left: 4px solid var(--sp-primary);
        padding-left: var(--sp-gap);
      }
      .home {
        font-weight: 700;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sp-gap);
        padding: var(--sp-gap);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
        margin-bottom: var(--sp-gap);
      }
      .bar .grow {
        flex: 1;
      }
      .toggle {
        display: inline-flex;
      }
      .toggle button {
        border-radius: 0;
      }
      .toggle button:first-child {
        border-radius: var(--sp-radius) 0 0 var(--sp-radius);
      }
      .toggle button:last-child {
        border-radius: 0 var(--sp-radius) var(--sp-radius) 0;
      }
      .toggle button[aria-pressed='false'] {
        background: var(--sp-bg);
        color: var(--sp-primary-dark);
      }
      .accept {
        font-size: 1.15em;
        min-height: 60px;
      }
      section {
        margin-bottom: calc(var(--sp-gap) * 1.5);
      }
      .counts {
        color: var(--sp-muted);
        margin: 0 0 0.5em;
      }
      .warning {
        background: var(--sp-warning-bg);
        padding: 0.6em 1em;
        border-radius: var(--sp-radius);
      }
    `,
  ];

  /** The official's /ws. */
  @property({ attribute: false }) socket!: VideoSocket;
  /** The status the server last confirmed. */
  @property() status: OfficialStatus = 'offline';
  @property() connection: Connection = 'connecting';
  /** The live queue of the official's sede group; undefined until the first snapshot. */
  @property({ attribute: false }) snapshot?: QueueSnapshot;
  /** Names of sectors and services (ids are shown while it loads). */
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** Why the last call ended, told once on coming back here. */
  @property() notice = '';

  @state() private error = '';
  @state() private accepting = false;
  @state() private day?: AppointmentsResponse;
  @state() private dayError = '';
  private loadingDay = false;
  private waitingAtClick = 0;
  private dayAgain = false;
  @query('h1') private heading!: HTMLElement;
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.socket.subscribe((message) => {
      if (message.type === 'error') {
        this.accepting = false;
        // Someone was waiting when we clicked: the likeliest reason is another official's quicker accept.
        this.error =
          message.code === 'queue_empty' && this.waitingAtClick > 0
            ? msg('Un altro funzionario ha appena accettato il cittadino in attesa.')
            : queueErrorText(message.code);
      } else if (message.type === 'call.started') {
        this.accepting = false;
      } else if (message.type === 'queue.snapshot') {
        this.accepting = false;
        // Who waits in a web meeting's room changes with the queue.
        void this.loadDay();
      }
    });
    void this.loadDay();
  }

  /** The waiting citizen's page is told at once; the row then says so. */
  private async runningLate(code: string, minutes: 5 | 10 | 15) {
    try {
      await tellRunningLate(code, minutes);
      this.dayError = '';
      await this.loadDay();
    } catch (error) {
      this.dayError = problemText(error);
    }
  }

  /** The day's appointments; one request at a time, one more if asked meanwhile. */
  private async loadDay(): Promise<void> {
    if (this.loadingDay) {
      this.dayAgain = true;
      return;
    }
    this.loadingDay = true;
    try {
      do {
        this.dayAgain = false;
        try {
          this.day = await fetchAppointments();
          this.dayError = '';
        } catch (error) {
          this.dayError = problemText(error);
        }
      } while (this.dayAgain && this.isConnected);
    } finally {
      this.loadingDay = false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  override render() {
    const open = this.connection === 'open';
    const waiting = this.snapshot?.sectors.reduce((n, s) => n + s.waiting.length, 0) ?? 0;
    return html`<main>
      <h1 tabindex="-1">${msg('Coda delle videochiamate')}</h1>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${open ? nothing : html`<p class="warning" role="status">${msg('Connessione al server in corso…')}</p>`}
      <div class="bar">
        <div class="toggle" role="group" aria-label=${msg('Il tuo stato')}>
          ${this.statusButton('available', msg('Disponibile'))}
          ${this.statusButton('paused', msg('In pausa'))}
        </div>
        <p class="grow" role="status">${statusText(this.status)}</p>
        <button
          class="accept"
          ?disabled=${!open || this.status !== 'available' || this.accepting}
          @click=${this.acceptNext}
        >
          ${msg('Accetta il prossimo')}
        </button>
      </div>
      <p class="error" role="alert">${this.error || nothing}</p>
      <div class="columns">
        <div>
          <p>${msg(str`Cittadini in attesa: ${waiting}`)}</p>
          ${
            this.snapshot
              ? this.snapshot.sectors.map((sector) => this.renderSector(sector))
              : html`<p class="muted">${msg('Caricamento della coda…')}</p>`
          }
        </div>
        <section class="day" aria-labelledby="day-heading">
          <h2 id="day-heading">
            ${this.day ? msg(str`Appuntamenti di oggi, ${formatDay(this.day.date)}`) : msg('Appuntamenti di oggi')}
          </h2>
          <p class="error" role="alert">${this.dayError || nothing}</p>
          ${
            this.day
              ? html`<appointment-list
                  .appointments=${this.day.appointments}
                  .catalog=${this.catalog}
                  .label=${msg('Appuntamenti di oggi')}
                  ?canAccept=${open && this.status === 'available' && !this.accepting}
                  today
                  @console-accept-entry=${(e: CustomEvent<{ entryId: string }>) => this.accept(e.detail.entryId)}
                  @console-running-late=${(e: CustomEvent<{ code: string; minutes: 5 | 10 | 15 }>) =>
                    void this.runningLate(e.detail.code, e.detail.minutes)}
                ></appointment-list>`
              : this.dayError
                ? nothing
                : html`<p class="muted">${msg('Caricamento degli appuntamenti…')}</p>`
          }
        </section>
      </div>
    </main>`;
  }

  private statusButton(status: 'available' | 'paused', label: string) {
    const pressed = this.status === status;
    return html`<button
      aria-pressed=${pressed ? 'true' : 'false'}
      ?disabled=${this.connection !== 'open' || this.status === 'busy'}
      @click=${() => this.setStatus(status)}
    >
      ${label}
    </button>`;
  }

  private renderSector(sector: Sector) {
    const headingId = `sector-${sector.sector}`;
    const { available, busy, paused } = sector.officials;
    return html`<section aria-labelledby=${headingId}>
      <h2 id=${headingId}>${this.sectorName(sector.sector)}</h2>
      <p class="counts">
        ${msg(
          str`In attesa: ${sector.waiting.length} · in chiamata: ${sector.inCall} · funzionari disponibili: ${available}, occupati: ${busy}, in pausa: ${paused}`,
        )}
      </p>
      ${
        sector.waiting.length === 0
          ? html`<p class="empty">${msg('Nessuno in attesa.')}</p>`
          : html`<table aria-labelledby=${headingId}>
              <thead>
                <tr>
                  <th scope="col">${msg('Servizio')}</th>
                  <th scope="col">${msg('Postazione')}</th>
                  <th scope="col">${msg('In attesa da')}</th>
                  <th scope="col">${msg('Identificazione')}</th>
                  <th scope="col">${msg('Assistito da')}</th>
                </tr>
              </thead>
              <tbody>
                ${sector.waiting.map(
                  (entry) =>
                    html`<tr>
                      <td>${this.serviceName(entry.service)}</td>
                      <td>
                        ${
                          entry.origin === 'web'
                            ? html`<span class="home">${msg('da casa (videochiamata prenotata)')}</span>`
                            : entry.station
                        }
                      </td>
                      <td>${waitingText(entry.waitingMinutes)}</td>
                      <td>${authLevelText(entry.authLevel)}</td>
                      <td>${entry.assistedBy ?? '—'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }

  private sectorName(id: string): string {
    const sector = this.catalog?.sectors.find((s) => s.id === id);
    return sector ? localizedText(sector.name) : id;
  }

  private serviceName(id: string): string {
    const service = this.catalog?.services.find((s) => s.id === id);
    return service ? localizedText(service.name) : id;
  }

  private setStatus(status: 'available' | 'paused') {
    this.error = '';
    try {
      setStatus(this.socket, status);
    } catch {
      this.error = notConnectedText();
    }
  }

  private acceptNext() {
    this.send(() => acceptNext(this.socket));
  }

  private accept(entryId: string) {
    this.send(() => acceptEntry(this.socket, entryId));
  }

  private send(accept: () => void) {
    this.waitingAtClick = this.snapshot?.sectors.reduce((n, s) => n + s.waiting.length, 0) ?? 0;
    this.error = '';
    this.accepting = true;
    try {
      accept();
      // Camera, microphone and offer get ready while the server matches (the call screen takes them).
      prepareCall(this.socket);
    } catch {
      this.accepting = false;
      this.error = notConnectedText();
    }
  }
}

function statusText(status: OfficialStatus): string {
  switch (status) {
    case 'available':
      return msg('Sei disponibile: puoi accettare i cittadini in attesa.');
    case 'paused':
      return msg('Sei in pausa: nessun cittadino ti viene assegnato.');
    case 'busy':
      return msg('Sei in chiamata.');
    case 'offline':
      return msg('Non collegato.');
  }
}

function waitingText(minutes: number): string {
  const whole = Math.floor(minutes);
  return whole < 1 ? msg('meno di un minuto') : whole === 1 ? msg('1 minuto') : msg(str`${whole} minuti`);
}

declare global {
  interface HTMLElementTagNameMap {
    'queue-screen': QueueScreen;
  }
}

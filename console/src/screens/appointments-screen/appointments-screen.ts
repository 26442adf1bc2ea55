/**
 * The official's appointments day by day (today first): in person, callbacks and web meetings of their
 * sede group and sectors. A web meeting whose citizen waits in the room can be accepted from here.
 */
import { localized, msg, str } from '@lit/localize';
import type { AppointmentsResponse, CallRecord, CatalogResponse, OfficialStatus } from '@sportello/protocol';
import type { Connection, VideoSocket } from '@sportello/web-common/video-socket';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import '../../components/appointment-list/appointment-list.ts';
import '../../components/teams-call-panel/teams-call-panel.ts';
import { prepareCall } from '../../call/prepared-call.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { fetchAppointments, openTeamsCall, tellRunningLate } from '../../data/appointments.ts';
import { acceptEntry } from '../../data/queue.ts';
import { notConnectedText, problemText, queueErrorText } from '../../i18n/labels.ts';
import { addDays, formatDay } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('appointments-screen')
@localized()
export class AppointmentsScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
      }
      .days {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sp-gap);
        margin-bottom: var(--sp-gap);
      }
    `,
  ];

  @property({ attribute: false }) socket!: VideoSocket;
  @property() status: OfficialStatus = 'offline';
  @property() connection: Connection = 'connecting';
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private day?: AppointmentsResponse;
  /** The server's today, learnt from the first answer. */
  @state() private today = '';
  @state() private loading = false;
  @state() private error = '';
  @state() private accepting = false;
  /** The Teams meeting whose identification and outcome are being recorded. */
  @state() private teamsCall?: CallRecord;
  @query('h1') private heading!: HTMLElement;
  private unsubscribe?: () => void;
  private request = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.socket.subscribe((message) => {
      if (message.type === 'error') {
        this.accepting = false;
        this.error = queueErrorText(message.code);
      } else if (message.type === 'queue.snapshot' && this.day && this.day.date === this.today) {
        void this.load(this.today);
      }
    });
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async load(date?: string) {
    // A queue update may reload today while another day is asked for: only the latest answer counts.
    const mine = ++this.request;
    this.loading = true;
    try {
      const day = await fetchAppointments(date);
      if (mine !== this.request) return;
      if (!date) this.today = day.date;
      this.day = day;
      this.error = '';
    } catch (error) {
      if (mine === this.request) this.error = problemText(error);
    } finally {
      if (mine === this.request) this.loading = false;
    }
  }

  override render() {
    const canAccept =
      this.connection === 'open' &&
      this.status === 'available' &&
      !this.accepting &&
      this.day?.date === this.today;
    return html`<main>
      <h1 tabindex="-1">${msg('Appuntamenti')}</h1>
      <div class="days" role="group" aria-label=${msg('Scegli il giorno')}>
        <button class="secondary" ?disabled=${!this.day || this.loading} @click=${() => this.move(-1)}>
          ${msg('Giorno prima')}
        </button>
        <button
          class="secondary"
          ?disabled=${!this.day || this.loading || this.day.date === this.today}
          @click=${() => this.load(this.today)}
        >
          ${msg('Oggi')}
        </button>
        <button class="secondary" ?disabled=${!this.day || this.loading} @click=${() => this.move(1)}>
          ${msg('Giorno dopo')}
        </button>
      </div>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${
        this.day
          ? html`<h2>
                ${
                  this.day.date === this.today
                    ? msg(str`Oggi, ${formatDay(this.day.date)}`)
                    : formatDay(this.day.date)
                }
              </h2>
              <appointment-list
                .appointments=${this.day.appointments}
                .catalog=${this.catalog}
                .label=${formatDay(this.day.date)}
                ?canAccept=${canAccept}
                ?today=${this.day.date === this.today}
                @console-accept-entry=${(e: CustomEvent<{ entryId: string }>) => this.accept(e.detail.entryId)}
                @console-running-late=${(e: CustomEvent<{ code: string; minutes: 5 | 10 | 15 }>) =>
                  void this.runningLate(e.detail.code, e.detail.minutes)}
                @console-teams-record=${(e: CustomEvent<{ code: string }>) => void this.recordTeams(e.detail.code)}
              ></appointment-list>
              ${
                this.teamsCall
                  ? html`<teams-call-panel
                      .call=${this.teamsCall}
                      .catalog=${this.catalog}
                      @console-teams-call-closed=${this.closeTeams}
                    ></teams-call-panel>`
                  : nothing
              }`
          : this.loading
            ? html`<p class="muted">${msg('Caricamento degli appuntamenti…')}</p>`
            : nothing
      }
      ${
        this.status !== 'available' && this.day?.appointments.some((a) => a.waitingEntryId)
          ? html`<p class="muted">${msg('Imposta lo stato "Disponibile" nella coda per accettare.')}</p>`
          : nothing
      }
    </main>`;
  }

  private async recordTeams(code: string) {
    try {
      this.teamsCall = await openTeamsCall(code);
      this.error = '';
      await this.updateComplete;
      this.renderRoot.querySelector('teams-call-panel')?.scrollIntoView({ block: 'start' });
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private closeTeams = () => {
    this.teamsCall = undefined;
    if (this.day) void this.load(this.day.date);
  };

  private move(days: number) {
    if (this.day) void this.load(addDays(this.day.date, days));
  }

  /** The citizen's waiting page is told at once; the row then says so. */
  private async runningLate(code: string, minutes: 5 | 10 | 15) {
    this.error = '';
    try {
      await tellRunningLate(code, minutes);
      await this.load(this.today);
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private accept(entryId: string) {
    this.error = '';
    this.accepting = true;
    try {
      acceptEntry(this.socket, entryId);
      // Camera, microphone and offer get ready while the server matches (the call screen takes them).
      prepareCall(this.socket);
    } catch {
      this.accepting = false;
      this.error = notConnectedText();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointments-screen': AppointmentsScreen;
  }
}

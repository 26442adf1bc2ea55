/**
 * A day's appointments as a table by time: who, for what, how, and whether a web meeting's citizen is
 * waiting in the room now (then they can be accepted from here). Today's web meetings still to come can
 * tell their citizen that the official is running late (5, 10 or 15 minutes).
 *
 * @event console-accept-entry - detail: { entryId } of the waiting web meeting to accept.
 * @event console-running-late - detail: { code, minutes } of the web meeting whose citizen is to be told.
 * @event console-teams-record - detail: { code } of the Teams meeting whose identification and outcome to record.
 */
import { localized, msg, str } from '@lit/localize';
import { runningLateMinutes, type AppointmentSummary, type CatalogResponse } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { appointmentStatusText, modeText } from '../../i18n/labels.ts';
import { formatTime, localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { tableStyles } from '../table-styles.ts';

@customElement('appointment-list')
@localized()
export class AppointmentList extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    tableStyles,
    css`
      td {
        vertical-align: middle;
      }
      tr.waiting td {
        background: var(--sp-warning-bg);
      }
      .badge {
        display: inline-block;
        font-weight: 700;
        padding: 0.1em 0.5em;
        border: 2px solid var(--sp-text);
        border-radius: var(--sp-radius);
      }
      button {
        min-height: 40px;
      }
      .late {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
        margin-top: 6px;
      }
      .told {
        font-weight: 600;
      }
      a.teams {
        display: inline-flex;
        align-items: center;
        min-height: 40px;
        margin-top: 6px;
        font-weight: 600;
        color: var(--sp-primary-dark);
      }
    `,
  ];

  @property({ attribute: false }) appointments: AppointmentSummary[] = [];
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The table's accessible name. */
  @property() label = '';
  /** Accepting needs the official available and connected. */
  @property({ type: Boolean }) canAccept = false;
  /** The list is today's: web meetings still to come may be told the official is late. */
  @property({ type: Boolean }) today = false;
  /** The row whose minutes are being chosen. */
  @state() private choosingLate?: string;

  override render() {
    if (this.appointments.length === 0)
      return html`<p class="empty">${msg('Nessun appuntamento in questo giorno.')}</p>`;
    return html`<table aria-label=${this.label}>
      <thead>
        <tr>
          <th scope="col">${msg('Ora')}</th>
          <th scope="col">${msg('Cittadino')}</th>
          <th scope="col">${msg('Servizio')}</th>
          <th scope="col">${msg('Modalità')}</th>
          <th scope="col">${msg('Stato')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.appointments.map((a) => this.row(a))}
      </tbody>
    </table>`;
  }

  private row(a: AppointmentSummary) {
    const service = this.catalog?.services.find((s) => s.id === a.service);
    const name = `${a.citizen.firstName} ${a.citizen.lastName}`;
    return html`<tr class=${a.waitingEntryId ? 'waiting' : ''}>
      <td>${formatTime(a.start)}–${formatTime(a.end)}</td>
      <td>${name}</td>
      <td>${service ? localizedText(service.name) : a.service}</td>
      <td>
        ${modeText(a.mode)}
        ${
          a.teamsJoinUrl && a.status === 'booked'
            ? html`<br /><a
                  class="teams"
                  href=${a.teamsJoinUrl}
                  target="_blank"
                  rel="noopener"
                  aria-label=${msg(str`Apri in Teams il videoappuntamento di ${name}`)}
                  >${msg('Apri in Teams')}</a
                >`
            : nothing
        }
        ${this.renderTeamsRecord(a, name)}
      </td>
      <td>
        ${
          a.waitingEntryId
            ? html`<span class="badge">${msg('In attesa nella sala')}</span>
                <button
                  ?disabled=${!this.canAccept}
                  aria-label=${msg(str`Accetta ${name}`)}
                  @click=${() => emit(this, 'console-accept-entry', { entryId: a.waitingEntryId })}
                >
                  ${msg('Accetta')}
                </button>`
            : appointmentStatusText(a.status)
        }
        ${this.renderLate(a, name)}
      </td>
    </tr>`;
  }

  /** A Teams meeting's identification and outcome are recorded here, as for a call held in the console. */
  private renderTeamsRecord(a: AppointmentSummary, name: string) {
    if (!a.teamsJoinUrl && !a.teamsCall) return nothing;
    const done = a.teamsCall?.identificationRecorded && a.teamsCall.outcomeRecorded;
    return html`<div class="late">
      ${
        done
          ? html`<span class="told">${msg('Identificazione ed esito registrati')}</span>`
          : a.teamsCall?.identificationRecorded
            ? html`<span class="told">${msg('Identificazione registrata, esito da registrare')}</span>`
            : nothing
      }
      <button
        class="secondary"
        aria-label=${msg(str`Registra identificazione ed esito della riunione in Teams di ${name}`)}
        @click=${() => emit(this, 'console-teams-record', { code: a.code })}
      >
        ${msg('Registra identificazione ed esito')}
      </button>
    </div>`;
  }

  private renderLate(a: AppointmentSummary, name: string) {
    // The server refuses one already over; the console's clock is not the server's.
    const open = this.today && a.mode === 'webMeeting' && a.status === 'booked';
    const told = a.runningLate
      ? html`<span class="told"
          >${msg(str`Avvisato: in ritardo di ${a.runningLate.minutes} min (alle ${formatTime(a.runningLate.at)})`)}</span
        >`
      : nothing;
    if (!open) return a.runningLate ? html`<div class="late">${told}</div>` : nothing;
    if (this.choosingLate !== a.code)
      return html`<div class="late">
        ${told}
        <button
          class="secondary"
          aria-label=${msg(str`Sono in ritardo di alcuni minuti: avvisa ${name}`)}
          @click=${() => (this.choosingLate = a.code)}
        >
          ${msg('Sono in ritardo di alcuni minuti')}
        </button>
      </div>`;
    return html`<div
      class="late"
      role="group"
      aria-label=${msg(str`Di quanti minuti sei in ritardo con ${name}?`)}
    >
      ${runningLateMinutes.map(
        (minutes) =>
          html`<button
            class="secondary"
            aria-label=${msg(str`Avvisa: in ritardo di ${minutes} minuti`)}
            @click=${() => {
              this.choosingLate = undefined;
              emit(this, 'console-running-late', { code: a.code, minutes });
            }}
          >
            ${msg(str`${minutes} min`)}
          </button>`,
      )}
      <button class="secondary" @click=${() => (this.choosingLate = undefined)}>${msg('Annulla')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointment-list': AppointmentList;
  }
}

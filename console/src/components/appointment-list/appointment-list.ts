/**
 * A day's appointments as a table by time: who, for what, how, and whether a web meeting's citizen is
 * waiting in the room now (then they can be accepted from here).
 *
 * @event console-accept-entry - detail: { entryId } of the waiting web meeting to accept.
 */
import { localized, msg, str } from '@lit/localize';
import type { AppointmentSummary, CatalogResponse } from '@sportello/protocol';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
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
    `,
  ];

  @property({ attribute: false }) appointments: AppointmentSummary[] = [];
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The table's accessible name. */
  @property() label = '';
  /** Accepting needs the official available and connected. */
  @property({ type: Boolean }) canAccept = false;

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
      <td>${modeText(a.mode)}</td>
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
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointment-list': AppointmentList;
  }
}

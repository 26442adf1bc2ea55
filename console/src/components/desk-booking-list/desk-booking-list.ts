/**
 * A citizen's bookings as the desk sees them: when, what, how and where, the state with the appointment's
 * ticket and the SMS, and the actions the desk may take on each. The row being worked on opens a slot below
 * it (move form or a confirmation) so that the question stays beside its booking.
 *
 * @event console-desk-action - detail: { action: DeskRowAction, booking } from a row's button.
 * @slot row-panel - content shown under the row whose code is `openCode`.
 */
import { localized, msg, str } from '@lit/localize';
import type { CatalogResponse, DeskBooking } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { smsLine } from '../../i18n/desk-labels.ts';
import { appointmentStatusText, modeText } from '../../i18n/labels.ts';
import { formatDay, formatTime, localizedText, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { tableStyles } from '../table-styles.ts';

export type DeskRowAction = 'move' | 'cancel' | 'arrived' | 'no-show';

@customElement('desk-booking-list')
@localized()
export class DeskBookingList extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    tableStyles,
    css`
      table {
        margin-bottom: var(--sp-gap);
      }
      td,
      tbody th {
        vertical-align: top;
      }
      tbody th {
        background: none;
        font-weight: 600;
      }
      .code {
        font-weight: 700;
        letter-spacing: 0.06em;
        white-space: nowrap;
      }
      .state {
        font-weight: 600;
      }
      .sms {
        display: block;
        color: var(--sp-muted);
        font-size: 0.9em;
      }
      .row-actions {
        display: grid;
        grid-template-columns: repeat(2, max-content);
        gap: 0.4em;
      }
      .row-actions button {
        min-height: 40px;
        padding: 0.2em 0.8em;
      }
      tr.open td,
      tr.open th {
        background: var(--sp-surface);
      }
    `,
  ];

  /** The list's heading, which names its table. */
  @property() caption = '';
  @property({ attribute: false }) bookings: DeskBooking[] = [];
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** Past bookings: nothing can be moved or cancelled, nobody can arrive. */
  @property({ type: Boolean }) past = false;
  /** The clerk's sede when they may record arrivals and absences there (counter clerks); '' otherwise. */
  @property() arrivalsAt = '';
  /** The booking whose row shows the `row-panel` slot. */
  @property() openCode = '';
  /** Which of move and cancel the open row shows. */
  @property() openAction: DeskRowAction | '' = '';
  /** Buttons wait while an action is under way. */
  @property({ type: Boolean }) busy = false;

  override render() {
    return html`<h2 id="caption">${this.caption}</h2>
      <table aria-labelledby="caption">
        <thead>
          <tr>
            <th scope="col">${msg('Quando')}</th>
            <th scope="col">${msg('Servizio')}</th>
            <th scope="col">${msg('Modalità e sede')}</th>
            <th scope="col">${msg('Stato')}</th>
            <th scope="col">${msg('Codice')}</th>
            <th scope="col">${msg('Azioni')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.bookings.map((b) => this.row(b))}
        </tbody>
      </table>`;
  }

  private row(booking: DeskBooking) {
    const open = booking.code === this.openCode;
    const service = this.catalog?.services.find((s) => s.id === booking.service);
    const sede = this.catalog?.sedi.find((s) => s.id === booking.sede)?.name ?? booking.sede;
    const sms = booking.messages.filter((m) => m.status !== 'cancelled');
    return html`<tr class=${open ? 'open' : ''}>
        <th scope="row">${formatDay(romeDate(booking.start))}, ${formatTime(booking.start)}</th>
        <td>${service ? localizedText(service.name) : booking.service}</td>
        <td>${modeText(booking.mode)}<br />${sede}</td>
        <td>
          <span class="state">${appointmentStatusText(booking.status)}</span>
          ${booking.ticket ? html`<br />${msg(str`arrivato, biglietto ${booking.ticket.number}`)}` : nothing}
          ${sms.map((m) => html`<span class="sms">${smsLine(m.kind, m.status)}</span>`)}
        </td>
        <td class="code">${groupCode(booking.code)}</td>
        <td><div class="row-actions">${this.actions(booking)}</div></td>
      </tr>
      ${
        open
          ? html`<tr class="open">
              <td colspan="6"><slot name="row-panel"></slot></td>
            </tr>`
          : nothing
      }`;
  }

  private actions(booking: DeskBooking) {
    if (booking.status !== 'booked') return nothing;
    const here = booking.mode === 'inPerson' && this.arrivalsAt !== '' && booking.sede === this.arrivalsAt;
    const button = (action: DeskRowAction, label: string, kind = 'secondary') =>
      html`<button
        class=${kind}
        ?disabled=${this.busy}
        aria-expanded=${
          action === 'move' || action === 'cancel'
            ? String(this.openCode === booking.code && this.openAction === action)
            : nothing
        }
        @click=${() => emit(this, 'console-desk-action', { action, booking })}
      >
        ${label}
      </button>`;
    return html`${!this.past && here && !booking.ticket ? button('arrived', msg('Arrivato'), '') : nothing}
    ${here && !booking.ticket ? button('no-show', msg('Assente')) : nothing}
    ${this.past ? nothing : button('move', msg('Sposta'))}
    ${this.past ? nothing : button('cancel', msg('Annulla'), 'danger')}`;
  }
}

/** 8 characters read in two groups of four, as on the citizen's SMS. */
export const groupCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

declare global {
  interface HTMLElementTagNameMap {
    'desk-booking-list': DeskBookingList;
  }
}

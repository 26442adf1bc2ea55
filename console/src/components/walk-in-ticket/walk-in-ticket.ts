/**
 * A queue ticket for a citizen without appointment, issued at the counter: pick the service, then tell the
 * citizen the number (nothing is printed here) and the estimated wait.
 */
import { localized, msg, str } from '@lit/localize';
import type { CatalogResponse, TicketResponse } from '@sportello/protocol';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { issueWalkInTicket } from '../../data/desk.ts';
import { deskProblemText } from '../../i18n/desk-labels.ts';
import { localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { formStyles, panelStyles } from '../form-styles.ts';

@customElement('walk-in-ticket')
@localized()
export class WalkInTicket extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      .number {
        font-size: 2.6em;
        font-weight: 700;
        letter-spacing: 0.06em;
        line-height: 1.1;
        margin: 0.1em 0 0.2em;
      }
    `,
  ];

  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The clerk's sede: the ticket is for its queue. */
  @property() sede = '';

  @state() private service = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private issued?: TicketResponse;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('catalog') && !this.service) this.service = this.services()[0]?.id ?? '';
  }

  private services() {
    return (this.catalog?.services ?? []).filter((s) => s.channels.ticket);
  }

  override render() {
    return html`<h2 id="walk-in-heading">${msg('Biglietto senza prenotazione')}</h2>
      <form aria-labelledby="walk-in-heading" novalidate @submit=${this.submit}>
        <div class="field">
          <label for="walk-in-service">${msg('Servizio')}</label>
          <select
            id="walk-in-service"
            @change=${(e: Event) => {
              this.service = (e.target as HTMLSelectElement).value;
              this.error = '';
            }}
          >
            ${this.services().map(
              (s) =>
                html`<option value=${s.id} ?selected=${s.id === this.service}>
                  ${localizedText(s.name)}
                </option>`,
            )}
          </select>
        </div>
        <button type="submit" ?disabled=${this.busy || !this.service}>
          ${this.busy ? msg('Un momento…') : msg('Dai il biglietto')}
        </button>
        <p class="error" role="alert">${this.error}</p>
      </form>
      ${this.issued ? this.renderIssued(this.issued) : nothing}`;
  }

  private renderIssued({ ticket, ahead, estimatedWaitMinutes }: TicketResponse) {
    const service = this.catalog?.services.find((s) => s.id === ticket.service);
    return html`<div role="status">
      <p>${msg('Di’ al cittadino il suo numero:')}</p>
      <p class="number">${ticket.number}</p>
      <p>
        ${service ? localizedText(service.name) : ticket.service} ·
        ${
          ahead === 0
            ? msg('nessuno in attesa prima di questo numero')
            : msg(str`${ahead} persone prima, circa ${estimatedWaitMinutes} minuti`)
        }
      </p>
      <p class="hint">${msg('Quando il numero appare sul tabellone, va allo sportello indicato.')}</p>
    </div>`;
  }

  private async submit(event: Event) {
    event.preventDefault();
    this.busy = true;
    this.error = '';
    try {
      this.issued = await issueWalkInTicket({ sede: this.sede, service: this.service });
    } catch (error) {
      this.error = deskProblemText(error);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'walk-in-ticket': WalkInTicket;
  }
}

/**
 * The ticket at the counter: its number large, the service, called or being served, the recalls, the
 * citizen when the server disclosed them, and what the clerk can do with it now.
 *
 * @event console-ticket-action - detail: { action: 'recall' | 'start' | 'no-show' | 'park' } for that ticket.
 * @event console-ticket-done - detail: { outcome?: TicketOutcome }.
 * @event console-ticket-transfer - the clerk asks to transfer it (the screen opens the dialog).
 */
import { localized, msg, str } from '@lit/localize';
import { ticketOutcomes, type CounterView, type TicketOutcome } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles } from '../form-styles.ts';
import { priorityText, ticketOutcomeText } from '../../i18n/floor-labels.ts';
import { formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

export type Current = NonNullable<CounterView['current']>;

@customElement('counter-ticket')
@localized()
export class CounterTicket extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 0.8em;
      }
      .number {
        font-size: 3.6em;
        font-weight: 700;
        line-height: 1;
        letter-spacing: 0.04em;
        margin: 0;
        color: var(--sp-primary-dark);
      }
      .number:focus {
        outline: none;
      }
      .number:focus-visible {
        outline: 4px solid var(--sp-focus);
      }
      .line {
        margin: 0.2em 0;
      }
      .state {
        font-weight: 600;
      }
      .tag {
        display: inline-block;
        font-size: 0.85em;
        font-weight: 600;
        padding: 0 0.5em;
        border-radius: var(--sp-radius);
        background: var(--sp-warning-bg);
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0 0.8em;
        margin: 0.3em 0;
        padding: 0.3em 0.6em;
        background: var(--sp-surface);
        border-radius: var(--sp-radius);
      }
      dt {
        color: var(--sp-muted);
      }
      dd {
        margin: 0;
        font-weight: 600;
        font-family: ui-monospace, monospace;
      }
      .actions {
        margin-top: 0.5em;
        gap: 0.6em;
      }
      .actions button {
        min-height: 44px;
      }
      fieldset {
        margin: 0.5em 0 0;
        padding: 0.2em 0.8em 0.4em;
      }
      .outcomes {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0 0.8em;
      }
      .outcomes .check {
        margin: 0.25em 0;
      }
      .hint {
        margin: 0.3em 0 0;
      }
    `,
  ];

  /** The ticket at the counter and its citizen, when the server gave them. */
  @property({ attribute: false }) current!: Current;
  /** Recalls needed before "Assente" (config). */
  @property({ type: Number }) recallsBeforeNoShow = 0;
  /** The service's name in the console's language. */
  @property() serviceName = '';
  /** The name of the service it was transferred from, when it was. */
  @property() fromServiceName = '';
  /** A request is under way: every action waits. */
  @property({ type: Boolean }) busy = false;

  @state() private outcome?: TicketOutcome;
  @query('.number') private numberHeading!: HTMLElement;

  /** Moves focus to the number, so that a screen reader says which ticket was called. */
  override focus(): void {
    this.numberHeading.focus();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    const before = changed.get('current') as Current | undefined;
    if (changed.has('current') && before?.ticket.id !== this.current.ticket.id) this.outcome = undefined;
  }

  override render() {
    const { ticket, citizen } = this.current;
    const called = ticket.status === 'called';
    const serving = ticket.status === 'serving';
    const missing = Math.max(0, this.recallsBeforeNoShow - ticket.recalls);
    const transfer = ticket.transfers.at(-1);
    const priority = priorityText(ticket.priority);
    const state =
      serving && ticket.servingAt
        ? msg(str`In servizio dalle ${formatTime(ticket.servingAt)}`)
        : ticket.calledAt
          ? msg(str`Chiamato alle ${formatTime(ticket.calledAt)}`)
          : '';
    const recalls =
      ticket.recalls === 0
        ? ''
        : ticket.recalls === 1
          ? msg(' · richiamato 1 volta')
          : msg(str` · richiamato ${ticket.recalls} volte`);
    return html`
      <div class="head">
        <h2 class="number" tabindex="-1" aria-label=${msg(str`Biglietto ${ticket.number}`)}>
          ${ticket.number}
        </h2>
        <div>
          <p class="line">
            ${this.serviceName || ticket.service}
            ${priority ? html`<span class="tag">${priority}</span>` : nothing}
          </p>
          <p class="line state" role="status">${state}${recalls}</p>
        </div>
      </div>
      ${
        citizen && (citizen.codiceFiscale || citizen.name || citizen.bookingCode)
          ? html`<dl aria-label=${msg('Cittadino')}>
              ${
                citizen.name
                  ? html`<dt>${msg('Nome')}</dt>
                      <dd>${citizen.name}</dd>`
                  : nothing
              }
              ${
                citizen.codiceFiscale
                  ? html`<dt>${msg('Codice fiscale')}</dt>
                      <dd>${citizen.codiceFiscale}</dd>`
                  : nothing
              }
              ${
                citizen.bookingCode
                  ? html`<dt>${msg('Prenotazione')}</dt>
                      <dd>${citizen.bookingCode}</dd>`
                  : nothing
              }
            </dl>`
          : nothing
      }
      ${
        transfer
          ? html`<p class="line muted">
              ${msg(str`Trasferito da ${this.fromServiceName || transfer.fromService}`)}${
                transfer.note ? html`: «${transfer.note}»` : nothing
              }
            </p>`
          : nothing
      }
      <div class="actions">
        <button class="secondary" ?disabled=${this.busy || !called} @click=${() => this.act('recall')}>
          ${msg('Richiama')}
        </button>
        <button ?disabled=${this.busy || !called} @click=${() => this.act('start')}>${msg('Inizia')}</button>
        <button
          class="secondary"
          aria-describedby="no-show-hint"
          ?disabled=${this.busy || !called || missing > 0}
          @click=${() => this.act('no-show')}
        >
          ${msg('Assente')}
        </button>
      </div>
      <p id="no-show-hint" class="hint">
        ${
          !called
            ? msg('«Assente» vale solo per un numero chiamato.')
            : missing === 0
              ? msg('Il cittadino non si è presentato? Ora puoi segnarlo assente.')
              : missing === 1
                ? msg('«Assente» dopo i richiami previsti: ne manca 1.')
                : msg(str`«Assente» dopo i richiami previsti: ne mancano ${missing}.`)
        }
      </p>
      <fieldset ?disabled=${this.busy || !serving}>
        <legend>${msg('Esito (facoltativo)')}</legend>
        <div class="outcomes">
          ${ticketOutcomes.map(
            (outcome) =>
              html`<label class="check">
                <input
                  type="radio"
                  name="outcome"
                  value=${outcome}
                  .checked=${this.outcome === outcome}
                  @change=${() => (this.outcome = outcome)}
                />
                ${ticketOutcomeText(outcome)}
              </label>`,
          )}
        </div>
      </fieldset>
      <div class="actions">
        <button ?disabled=${this.busy || !serving} @click=${this.done}>${msg('Fine')}</button>
        <button
          class="secondary"
          ?disabled=${this.busy}
          @click=${() => emit(this, 'console-ticket-transfer')}
        >
          ${msg('Trasferisci…')}
        </button>
        <button class="secondary" ?disabled=${this.busy} @click=${() => this.act('park')}>
          ${msg('Parcheggia')}
        </button>
      </div>
    `;
  }

  private act(action: 'recall' | 'start' | 'no-show' | 'park') {
    emit(this, 'console-ticket-action', { action });
  }

  private done() {
    emit(this, 'console-ticket-done', { outcome: this.outcome });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-ticket': CounterTicket;
  }
}

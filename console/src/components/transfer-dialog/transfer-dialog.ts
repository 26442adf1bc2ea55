/**
 * Sends the ticket at the counter to another service, and to one counter only when the clerk picks one,
 * with an optional note for the colleague. A modal dialog: focus stays in it, Esc cancels.
 *
 * @event console-transfer - detail: TransferTicketBody.
 * @event console-transfer-cancel - the dialog was closed without transferring.
 */
import { localized, msg, str } from '@lit/localize';
import type { CatalogResponse, CounterState, TransferTicketBody } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles } from '../form-styles.ts';
import { localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

const MAX_NOTE = 200;

@customElement('transfer-dialog')
@localized()
export class TransferDialog extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    css`
      dialog {
        width: min(34em, 90vw);
        border: 2px solid var(--sp-primary-dark);
        border-radius: var(--sp-radius);
        padding: var(--sp-gap);
        color: var(--sp-text);
        background: var(--sp-bg);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 45%);
      }
      .actions {
        justify-content: flex-end;
      }
    `,
  ];

  /** Shown while true. */
  @property({ type: Boolean }) open = false;
  /** The ticket's number, for the title. */
  @property() number = '';
  /** The ticket's service now: the list starts there. */
  @property() service = '';
  /** The sede's counters: what they serve is what a ticket can go to. */
  @property({ attribute: false }) counters: CounterState[] = [];
  /** The counter doing the transfer, left out of the counters offered. */
  @property() counter = '';
  @property({ attribute: false }) catalog?: CatalogResponse;
  @property({ type: Boolean }) busy = false;
  /** The server's refusal, in plain words. */
  @property() error = '';

  @state() private chosenService = '';
  @state() private chosenCounter = '';
  @state() private note = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  override updated(changed: Map<string, unknown>): void {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.chosenService = this.services().find((s) => s !== this.service) ?? this.service;
      this.chosenCounter = '';
      this.note = '';
      this.dialog.showModal();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  /** Every service some counter of the sede calls, in the catalog's order. */
  private services(): string[] {
    const served = new Set(this.counters.flatMap((c) => c.services));
    const ordered = this.catalog?.services.map((s) => s.id).filter((id) => served.has(id)) ?? [];
    return [...ordered, ...[...served].filter((id) => !ordered.includes(id))];
  }

  private serviceName(id: string): string {
    const service = this.catalog?.services.find((s) => s.id === id);
    return service ? localizedText(service.name) : id;
  }

  override render() {
    const counters = this.counters.filter(
      (c) => c.counter !== this.counter && c.services.includes(this.chosenService),
    );
    return html`<dialog aria-labelledby="transfer-title" @close=${this.closed} @cancel=${this.closed}>
      <h2 id="transfer-title">${msg(str`Trasferisci il biglietto ${this.number}`)}</h2>
      <form novalidate @submit=${this.submit}>
        <div class="field">
          <label for="service">${msg('Servizio')}</label>
          <select
            id="service"
            .value=${this.chosenService}
            @change=${(e: Event) => {
              this.chosenService = (e.target as HTMLSelectElement).value;
              this.chosenCounter = '';
            }}
          >
            ${this.services().map(
              (id) =>
                html`<option value=${id} ?selected=${id === this.chosenService}>
                  ${this.serviceName(id)}${id === this.service ? msg(' (quello attuale)') : ''}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="counter">${msg('Sportello (facoltativo)')}</label>
          <select
            id="counter"
            .value=${this.chosenCounter}
            @change=${(e: Event) => (this.chosenCounter = (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${this.chosenCounter === ''}>
              ${msg('Qualsiasi sportello di quel servizio')}
            </option>
            ${counters.map(
              (c) =>
                html`<option value=${c.counter} ?selected=${c.counter === this.chosenCounter}>
                  ${c.name}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="note">${msg('Nota per il collega (facoltativa)')}</label>
          <textarea
            id="note"
            maxlength=${MAX_NOTE}
            .value=${this.note}
            @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <p class="error" role="alert">${this.error || nothing}</p>
        <div class="actions">
          <button type="button" class="secondary" @click=${this.cancel}>${msg('Annulla')}</button>
          <button type="submit" ?disabled=${this.busy || !this.chosenService}>${msg('Trasferisci')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const note = this.note.trim();
    const body: TransferTicketBody = {
      service: this.chosenService,
      ...(this.chosenCounter ? { counter: this.chosenCounter } : {}),
      ...(note ? { note } : {}),
    };
    emit(this, 'console-transfer', body);
  }

  private cancel() {
    this.dialog.close();
  }

  private closed() {
    if (this.open) emit(this, 'console-transfer-cancel');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'transfer-dialog': TransferDialog;
  }
}

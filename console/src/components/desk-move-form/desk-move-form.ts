/**
 * Moves a booking on the citizen's behalf: same service, mode and sede, another free day and time; the
 * citizen gets the SMS with the new time.
 *
 * @event console-desk-changed - detail: the booking as the server now has it.
 * @event console-desk-close - the clerk closed the form without moving.
 */
import { localized, msg, str } from '@lit/localize';
import type { CatalogResponse, DeskBooking } from '@sportello/protocol';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiProblem } from '../../data/api-client.ts';
import { moveBooking } from '../../data/desk.ts';
import { deskProblemText } from '../../i18n/desk-labels.ts';
import { modeText } from '../../i18n/labels.ts';
import { formatDay, formatTime, localizedText, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import '../slot-picker/slot-picker.ts';
import type { SlotChoice, SlotPicker } from '../slot-picker/slot-picker.ts';

@customElement('desk-move-form')
@localized()
export class DeskMoveForm extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      h3 {
        margin: 0 0 0.4em;
        font-size: 1.1em;
      }
      slot-picker {
        max-width: 36em;
      }
    `,
  ];

  @property({ attribute: false }) booking!: DeskBooking;
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The first day to look for slots (today). */
  @property() fromDate = '';

  @state() private start = '';
  @state() private busy = false;
  @state() private error = '';
  @query('h3') private heading!: HTMLElement;
  @query('slot-picker') private picker?: SlotPicker;

  override firstUpdated(): void {
    this.heading.focus();
  }

  override render() {
    const b = this.booking;
    const service = this.catalog?.services.find((s) => s.id === b.service);
    return html`<form novalidate aria-labelledby="move-heading" @submit=${this.submit}>
      <h3 id="move-heading" tabindex="-1">${msg('Sposta la prenotazione')}</h3>
      <p>
        ${service ? localizedText(service.name) : b.service}, ${modeText(b.mode)} ·
        ${msg(str`ora ${formatDay(romeDate(b.start))} alle ${formatTime(b.start)}`)}
      </p>
      <slot-picker
        fixed
        .idPrefix=${'move'}
        .catalog=${this.catalog}
        .sede=${b.sede}
        .preferredService=${b.service}
        .mode=${b.mode}
        .strong=${true}
        .fromDate=${this.fromDate}
        .exclude=${b.start}
        @console-slot-change=${(e: CustomEvent<SlotChoice>) => (this.start = e.detail.start)}
        @change=${() => (this.error = '')}
      ></slot-picker>
      <p class="error" role="alert">${this.error}</p>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy || !this.start}>
          ${this.busy ? msg('Spostamento…') : msg('Conferma il nuovo orario')}
        </button>
        <button type="button" class="secondary" @click=${() => emit(this, 'console-desk-close')}>
          ${msg('Chiudi')}
        </button>
      </div>
    </form>`;
  }

  private async submit(event: Event) {
    event.preventDefault();
    this.busy = true;
    this.error = '';
    try {
      emit(this, 'console-desk-changed', await moveBooking(this.booking.code, this.start));
    } catch (error) {
      this.error = deskProblemText(error);
      if (error instanceof ApiProblem && error.code === 'slot_taken') void this.picker?.reload();
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'desk-move-form': DeskMoveForm;
  }
}

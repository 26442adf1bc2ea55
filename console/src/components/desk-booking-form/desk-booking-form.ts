/**
 * A new booking on the citizen's behalf, at the counter or on the phone: first the proof of identity the
 * operator really checked (it decides what may be booked) and the citizen's name and phone, then service,
 * mode, sede, day and a free slot, and the privacy notice given. The confirmation shows the booking code and
 * the SMS as the server's outbox has it.
 *
 * @event console-desk-booked - detail: the new booking, with its SMS.
 * @event console-desk-close - the operator closed the form.
 */
import { localized, msg, str } from '@lit/localize';
import {
  languageNames,
  languages,
  parsePhone,
  type BookingMode,
  type CatalogResponse,
  type DeskBooking,
  type Language,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiProblem } from '../../data/api-client.ts';
import { bookForCitizen, fetchDeskBooking } from '../../data/desk.ts';
import {
  deskProblemText,
  deskProofs,
  messageKindText,
  messageStatusText,
  proofHint,
  proofText,
  type DeskProof,
} from '../../i18n/desk-labels.ts';
import { modeText } from '../../i18n/labels.ts';
import { formatDay, formatTime, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { groupCode } from '../desk-booking-list/desk-booking-list.ts';
import { emit } from '../emit.ts';
import { formStyles, panelStyles } from '../form-styles.ts';
import '../slot-picker/slot-picker.ts';
import type { SlotChoice, SlotPicker } from '../slot-picker/slot-picker.ts';
import { textField } from '../text-field.ts';

@customElement('desk-booking-form')
@localized()
export class DeskBookingForm extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      .code {
        font-size: 1.5em;
        font-weight: 700;
        letter-spacing: 0.08em;
      }
      .columns {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 0 1.6em;
        align-items: start;
      }
      .proof-hint {
        margin: -0.4em 0 0.6em 2em;
      }
      a {
        color: var(--sp-primary-dark);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The citizen's, from the search: never typed twice. */
  @property() codiceFiscale = '';
  /** The sede offered first: the clerk's, or the first one. */
  @property() sede = '';
  /** The first day to look for slots (today). */
  @property() fromDate = '';

  @state() private proof: DeskProof | '' = '';
  @state() private choice: SlotChoice = { service: '', mode: '', sede: '', start: '' };
  @state() private firstName = '';
  @state() private lastName = '';
  @state() private phone = '';
  @state() private language: Language = 'it';
  @state() private privacyGiven = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private booked?: DeskBooking;
  /** The booking was made but its SMS could not be read back. */
  @state() private smsUnknown = false;
  @query('h2') private heading!: HTMLElement;
  @query('slot-picker') private picker?: SlotPicker;

  override firstUpdated(): void {
    this.heading.focus();
  }

  override render() {
    return html`<h2 id="new-heading" tabindex="-1">${msg('Nuova prenotazione')}</h2>
      ${this.booked ? this.renderBooked(this.booked) : this.renderForm()}`;
  }

  private renderForm() {
    const version = this.catalog?.privacyNoticeVersion ?? '';
    return html`<form
      class="columns"
      aria-labelledby="new-heading"
      novalidate
      @submit=${this.submit}
      @input=${this.clearError}
      @change=${this.clearError}
    >
      <div>
        <fieldset>
          <legend>${msg('Identità del cittadino')}</legend>
          ${deskProofs.map(
            (proof) =>
              html`<label class="check">
                  <input
                    type="radio"
                    name="proof"
                    aria-describedby=${`proof-${proof}`}
                    .checked=${this.proof === proof}
                    @change=${() => (this.proof = proof)}
                  />
                  ${proofText(proof)}
                </label>
                <p class="hint proof-hint" id=${`proof-${proof}`}>${proofHint(proof)}</p>`,
          )}
        </fieldset>
        <div class="row">
          ${textField('new-first', msg('Nome'), this.firstName, (v) => (this.firstName = v), 'given-name')}
          ${textField('new-last', msg('Cognome'), this.lastName, (v) => (this.lastName = v), 'family-name')}
        </div>
        <div class="row">
          ${textField(
            'new-phone',
            this.choice.mode === 'callback'
              ? msg('Telefono (per la richiamata)')
              : msg('Cellulare (per l’SMS)'),
            this.phone,
            (v) => (this.phone = v),
            'tel',
            'tel',
          )}
          <div class="field">
            <label for="new-language">${msg('Lingua degli SMS')}</label>
            <select
              id="new-language"
              @change=${(e: Event) => (this.language = (e.target as HTMLSelectElement).value as Language)}
            >
              ${languages.map(
                (l) =>
                  html`<option value=${l} lang=${l} ?selected=${l === this.language}>
                    ${languageNames[l]}
                  </option>`,
              )}
            </select>
          </div>
        </div>
      </div>
      <div>
        ${
          this.proof
            ? html`<slot-picker
                .idPrefix=${'new'}
                .catalog=${this.catalog}
                .sede=${this.sede}
                .strong=${this.proof === 'inps-pin'}
                .fromDate=${this.fromDate}
                @console-slot-change=${(e: CustomEvent<SlotChoice>) => (this.choice = e.detail)}
              ></slot-picker>`
            : html`<p class="hint">
                ${msg('Scegli prima come hai verificato l’identità: da questo dipende che cosa si può prenotare.')}
              </p>`
        }
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.privacyGiven}
            @change=${(e: Event) => (this.privacyGiven = (e.target as HTMLInputElement).checked)}
          />
          <span>${msg('Ho dato al cittadino l’informativa sul trattamento dei dati personali')}</span>
        </label>
        <p class="hint">
          <a href=${`/privacy/${version}`} target="_blank" rel="noopener"
            >${msg(str`Informativa, versione ${version}`)}</a
          >
          ${msg('(si apre in una nuova scheda).')}
        </p>
        <p class="error" role="alert">${this.error}</p>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>
            ${this.busy ? msg('Prenotazione…') : msg('Prenota')}
          </button>
          <button type="button" class="secondary" @click=${() => emit(this, 'console-desk-close')}>
            ${msg('Chiudi')}
          </button>
        </div>
      </div>
    </form>`;
  }

  private renderBooked(booking: DeskBooking) {
    const sms = booking.messages.filter((m) => m.status !== 'cancelled');
    const sede = this.catalog?.sedi.find((s) => s.id === booking.sede)?.name ?? booking.sede;
    return html`<div role="status">
        <p class="saved">${msg('Prenotazione fatta.')}</p>
        <p>${msg('Codice della prenotazione:')} <span class="code">${groupCode(booking.code)}</span></p>
        <p>
          ${formatDay(romeDate(booking.start))}, ${formatTime(booking.start)} · ${modeText(booking.mode)} ·
          ${sede}
        </p>
        ${
          this.smsUnknown
            ? html`<p>
                ${msg('Lo stato dell’SMS non si è potuto leggere: controlla più tardi nell’elenco.')}
              </p>`
            : sms.length > 0
              ? sms.map((m) => html`<p>${messageKindText(m.kind)}: ${messageStatusText(m.status)}.</p>`)
              : html`<p>${msg('Il numero è un fisso: il cittadino non riceve SMS.')}</p>`
        }
        ${
          booking.mode === 'webMeeting'
            ? html`<p>
                ${msg('Il link della videochiamata e il codice di accesso sono nell’SMS di conferma.')}
              </p>`
            : nothing
        }
      </div>
      <div class="actions">
        <button type="button" @click=${this.another}>
          ${msg('Un’altra prenotazione per questo cittadino')}
        </button>
        <button type="button" class="secondary" @click=${() => emit(this, 'console-desk-close')}>
          ${msg('Chiudi')}
        </button>
      </div>`;
  }

  private problem(): string {
    if (!this.proof) return msg('Scegli come hai verificato l’identità del cittadino.');
    if (!this.choice.start) return msg('Scegli giorno e orario.');
    if (!this.firstName.trim() || !this.lastName.trim()) return msg('Scrivi nome e cognome del cittadino.');
    const phone = parsePhone(this.phone);
    if (!phone) return msg('Scrivi il numero di telefono del cittadino, per esempio 347 123 4567.');
    // Only a callback may go to a landline: every other mode is confirmed by SMS.
    if (!phone.mobile && this.choice.mode !== 'callback')
      return msg(
        'Questo numero è un fisso: gli SMS arrivano solo a un cellulare. Un fisso va bene per una richiamata.',
      );
    if (!this.privacyGiven) return msg('Prima dai al cittadino l’informativa sul trattamento dei dati.');
    return '';
  }

  private clearError() {
    this.error = '';
  }

  private async submit(event: Event) {
    event.preventDefault();
    this.error = this.problem();
    if (this.error) return;
    this.busy = true;
    try {
      const { booking } = await bookForCitizen({
        sede: this.choice.sede,
        service: this.choice.service,
        mode: this.choice.mode as BookingMode,
        start: this.choice.start,
        citizen: {
          codiceFiscale: this.codiceFiscale,
          firstName: this.firstName.trim(),
          lastName: this.lastName.trim(),
          phone: this.phone.trim(),
          language: this.language,
        },
        authMethod: this.proof as DeskProof,
        privacyNoticeVersion: this.catalog?.privacyNoticeVersion ?? '',
      });
      // The SMS as the outbox has it now: written with the booking, so it is there already.
      const read = await fetchDeskBooking(booking.code).catch(() => undefined);
      this.smsUnknown = !read;
      this.booked = read ?? { ...booking, messages: [] };
      emit(this, 'console-desk-booked', this.booked);
    } catch (error) {
      this.error = deskProblemText(error);
      if (error instanceof ApiProblem && error.code === 'slot_taken') void this.picker?.reload();
    } finally {
      this.busy = false;
    }
  }

  private another() {
    this.booked = undefined;
    this.choice = { service: '', mode: '', sede: '', start: '' };
    void this.updateComplete.then(() => this.heading.focus());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'desk-booking-form': DeskBookingForm;
  }
}

/**
 * Books a follow-up appointment for the citizen of the call without retyping them: service, mode, a day
 * and a free slot (slot-picker); the server takes the citizen from the call and texts them. Asks for phone and name only
 * when the call does not know them.
 *
 * @event console-follow-up-booked - detail: { code, start } of the new booking.
 */
import { localized, msg } from '@lit/localize';
import {
  isStrongAuth,
  parsePhone,
  type BookingMode,
  type CatalogResponse,
  type FollowUpBody,
  type QueueEntry,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiProblem } from '../../data/api-client.ts';
import { bookFollowUp } from '../../data/calls.ts';
import { modeText, problemText } from '../../i18n/labels.ts';
import { formatDay, formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles, panelStyles } from '../form-styles.ts';
import '../slot-picker/slot-picker.ts';
import type { SlotChoice, SlotPicker } from '../slot-picker/slot-picker.ts';
import { textField } from '../text-field.ts';

@customElement('follow-up-form')
@localized()
export class FollowUpForm extends LitElement {
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
    `,
  ];

  @property() callId = '';
  @property({ attribute: false }) entry!: QueueEntry;
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The citizen's sede: the kiosk's or the web meeting's (the official may change it). */
  @property() sede = '';
  /** The first day to look for slots (the call's day). */
  @property() fromDate = '';

  @state() private choice: SlotChoice = { service: '', mode: '', sede: '', start: '' };
  @state() private phone = '';
  @state() private firstName = '';
  @state() private lastName = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private booked?: { code: string; start: string; mode: BookingMode; day: string };
  @query('slot-picker') private picker?: SlotPicker;

  /** Signed in with CIE, CNS or SPID: the server reads the call's sign-in method the same way. */
  private strong(): boolean {
    const method = this.entry.citizen?.authMethod;
    return method !== undefined && isStrongAuth(method);
  }

  /** The citizen's number (known, or typed here) is a landline: it can be called back, but gets no SMS. */
  private landline(): boolean {
    return parsePhone(this.entry.citizen?.phone ?? this.phone)?.mobile === false;
  }

  override render() {
    const citizen = this.entry.citizen ?? {};
    const needsPhone = !citizen.phone;
    const needsName = !citizen.firstName || !citizen.lastName;
    return html`<h2 id="follow-up-heading">${msg('Nuovo appuntamento')}</h2>
      ${
        this.booked
          ? html`<div role="status">
              <p class="saved">
                ${
                  this.landline()
                    ? msg('Appuntamento prenotato. Il numero è un fisso: il cittadino non riceve SMS.')
                    : msg('Appuntamento prenotato. Il cittadino riceve un SMS di conferma.')
                }
              </p>
              <p>
                ${msg('Codice della prenotazione:')}
                <span class="code">${groupCode(this.booked.code)}</span>
              </p>
              <p>
                ${formatDay(this.booked.day)}, ${formatTime(this.booked.start)} ·
                ${modeText(this.booked.mode)}
              </p>
            </div>`
          : html`<form
              aria-labelledby="follow-up-heading"
              novalidate
              @submit=${this.submit}
              @input=${this.clearError}
              @change=${this.clearError}
            >
              ${
                this.strong()
                  ? nothing
                  : html`<p class="hint">
                      ${msg(
                        'Il cittadino non si è identificato con CIE, CNS o SPID: la videochiamata da casa e i servizi che la richiedono non si possono prenotare.',
                      )}
                    </p>`
              }
              <slot-picker
                .idPrefix=${'fu'}
                .catalog=${this.catalog}
                .sede=${this.sede}
                .preferredService=${this.entry.service ?? ''}
                .preferredSector=${this.entry.sector}
                .strong=${this.strong()}
                .fromDate=${this.fromDate}
                @console-slot-change=${(e: CustomEvent<SlotChoice>) => (this.choice = e.detail)}
              ></slot-picker>
              ${
                needsName
                  ? html`<div class="row">
                      ${textField('fu-first', msg('Nome del cittadino'), this.firstName, (v) => (this.firstName = v), 'given-name')}
                      ${textField('fu-last', msg('Cognome del cittadino'), this.lastName, (v) => (this.lastName = v), 'family-name')}
                    </div>`
                  : nothing
              }
              ${
                needsPhone
                  ? textField(
                      'fu-phone',
                      this.choice.mode === 'callback'
                        ? msg('Telefono del cittadino (per la richiamata)')
                        : msg('Cellulare del cittadino (per l’SMS)'),
                      this.phone,
                      (v) => (this.phone = v),
                      'tel',
                      'tel',
                    )
                  : html`<p class="hint">
                      ${msg('L’SMS di conferma va al numero che il cittadino ha dato.')}
                    </p>`
              }
              <p class="error" role="alert">${this.error || nothing}</p>
              <button type="submit" ?disabled=${this.busy || !this.choice.start}>
                ${this.busy ? msg('Prenotazione…') : msg('Prenota l’appuntamento')}
              </button>
            </form>`
      }`;
  }

  private problem(): string {
    const citizen = this.entry.citizen ?? {};
    if ((!citizen.firstName || !citizen.lastName) && (!this.firstName.trim() || !this.lastName.trim()))
      return msg('Scrivi nome e cognome del cittadino.');
    const typed = parsePhone(this.phone);
    if (!citizen.phone && !typed)
      return msg('Scrivi il numero di cellulare del cittadino, per esempio 347 123 4567.');
    // Only a callback may go to a landline: every other mode is confirmed by SMS.
    if (!citizen.phone && !typed?.mobile && this.choice.mode !== 'callback')
      return msg(
        'Questo numero è un fisso: gli SMS arrivano solo a un cellulare. Un fisso va bene per una richiamata.',
      );
    if (!this.choice.start) return msg('Scegli giorno e orario.');
    return '';
  }

  private body(): FollowUpBody {
    const citizen = this.entry.citizen ?? {};
    return {
      service: this.choice.service,
      mode: this.choice.mode as BookingMode,
      start: this.choice.start,
      sede: this.choice.sede,
      ...(!citizen.phone && { phone: this.phone.trim() }),
      ...((!citizen.firstName || !citizen.lastName) && {
        firstName: this.firstName.trim(),
        lastName: this.lastName.trim(),
      }),
    };
  }

  /** A message about a field the official is now changing is no longer true. */
  private clearError() {
    this.error = '';
  }

  private async submit(event: Event) {
    event.preventDefault();
    this.error = this.problem();
    if (this.error) return;
    this.busy = true;
    try {
      const { booking } = await bookFollowUp(this.callId, this.body());
      const day = this.picker?.dayOf(booking.start) ?? booking.start.slice(0, 10);
      this.booked = { code: booking.code, start: booking.start, mode: booking.mode, day };
      emit(this, 'console-follow-up-booked', { code: booking.code, start: booking.start });
    } catch (error) {
      this.error = followUpProblem(error);
      if (error instanceof ApiProblem && error.code === 'slot_taken') void this.picker?.reload();
    } finally {
      this.busy = false;
    }
  }
}

function followUpProblem(error: unknown): string {
  if (!(error instanceof ApiProblem)) return problemText(error);
  if (error.code === 'slot_taken') return msg('Questo orario è stato appena preso: scegline un altro.');
  if (error.code === 'already_booked')
    return msg('Il cittadino ha già un appuntamento per questo servizio in quel giorno.');
  if (error.code === 'follow_up_exists')
    return msg('Per questa chiamata è già stato prenotato un appuntamento.');
  if (error.code === 'citizen_unknown')
    return msg(
      'Il cittadino non ha dato il codice fiscale: senza, l’appuntamento non si può prenotare da qui.',
    );
  const field = error.fields?.[0]?.path ?? '';
  if (field.includes('phone')) return msg('Il numero di cellulare non è valido.');
  if (field.includes('Name')) return msg('Scrivi nome e cognome del cittadino.');
  if (field.includes('mode'))
    return msg('Questa modalità non è possibile per questo cittadino o servizio: scegline un’altra.');
  return error.status === 400 ? msg('Controlla i dati: il server non li ha accettati.') : problemText(error);
}

/** 8 characters read in two groups of four, as on the citizen's SMS. */
const groupCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

declare global {
  interface HTMLElementTagNameMap {
    'follow-up-form': FollowUpForm;
  }
}

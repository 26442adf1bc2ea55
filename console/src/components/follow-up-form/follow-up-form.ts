/**
 * Books a follow-up appointment for the citizen of the call without retyping them: service, mode, a day
 * and a free slot; the server takes the citizen from the call and texts them. Asks for phone and name only
 * when the call does not know them.
 *
 * @event console-follow-up-booked - detail: { code, start } of the new booking.
 */
import { localized, msg, str } from '@lit/localize';
import {
  bookingModes,
  isStrongAuth,
  parsePhone,
  type AvailabilityResponse,
  type BookingMode,
  type CatalogResponse,
  type FollowUpBody,
  type QueueEntry,
  type Service,
} from '@sportello/protocol';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiProblem } from '../../data/api-client.ts';
import { fetchAvailability } from '../../data/availability.ts';
import { bookFollowUp } from '../../data/calls.ts';
import { modeText, problemText } from '../../i18n/labels.ts';
import { addDays, formatDay, formatTime, localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles, panelStyles } from '../form-styles.ts';

/** How far ahead free slots are looked for. */
const SEARCH_DAYS = 14;

type Days = AvailabilityResponse['days'];

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

  @state() private chosenSede = '';
  @state() private service = '';
  @state() private mode: BookingMode | '' = '';
  @state() private days: Days = [];
  @state() private day = '';
  @state() private start = '';
  @state() private phone = '';
  @state() private firstName = '';
  @state() private lastName = '';
  @state() private loading = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private booked?: { code: string; start: string; mode: BookingMode };
  /** Only the last availability request may set the slots. */
  private request = 0;

  override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('sede') || changed.has('catalog')) && !this.chosenSede) this.chosenSede = this.sede;
    if (changed.has('catalog') && this.catalog && !this.service) {
      const services = this.services();
      const same = services.find((s) => s.id === this.entry.service);
      const sector = services.find((s) => s.sector === this.entry.sector);
      const first = same ?? sector ?? services[0];
      if (first) this.chooseService(first.id);
    }
  }

  /** Any change of what the slots depend on looks them up again, once per update. */
  override updated(changed: PropertyValues): void {
    if (['fromDate', 'chosenSede', 'service', 'mode'].some((key) => changed.has(key))) void this.loadSlots();
  }

  /** Signed in with CIE, CNS or SPID: the server reads the call's sign-in method the same way. */
  private strong(): boolean {
    const method = this.entry.citizen?.authMethod;
    return method !== undefined && isStrongAuth(method);
  }

  /** The citizen's number (known, or typed here) is a landline: it can be called back, but gets no SMS. */
  private landline(): boolean {
    return parsePhone(this.entry.citizen?.phone ?? this.phone)?.mobile === false;
  }

  /** Only what the server will book for this citizen: no strong-only service without a strong sign-in. */
  private services(): Service[] {
    return (this.catalog?.services ?? []).filter(
      (s) => (this.strong() || !s.strongAuthRequired) && this.modesOf(s).length > 0,
    );
  }

  /** A web meeting needs a strong sign-in too. */
  private modesOf(service: Service | undefined): BookingMode[] {
    return bookingModes.filter((mode) => service?.channels[mode] && (this.strong() || mode !== 'webMeeting'));
  }

  private modes(): BookingMode[] {
    return this.modesOf(this.catalog?.services.find((s) => s.id === this.service));
  }

  private chooseService(id: string) {
    this.service = id;
    const modes = this.modes();
    if (!this.mode || !modes.includes(this.mode as BookingMode)) this.mode = modes[0] ?? '';
  }

  private async loadSlots() {
    if (!this.chosenSede || !this.service || !this.mode || !this.fromDate) return;
    const mine = ++this.request;
    this.loading = true;
    this.error = '';
    this.days = [];
    this.day = '';
    this.start = '';
    try {
      const found = await fetchAvailability({
        sede: this.chosenSede,
        service: this.service,
        mode: this.mode,
        from: this.fromDate,
        to: addDays(this.fromDate, SEARCH_DAYS),
      });
      if (mine !== this.request) return;
      this.days = found.days.filter((d) => d.slots.length > 0);
      this.day = this.days[0]?.date ?? '';
      this.start = this.days[0]?.slots[0]?.start ?? '';
    } catch (error) {
      if (mine === this.request) this.error = problemText(error);
    } finally {
      if (mine === this.request) this.loading = false;
    }
  }

  override render() {
    const citizen = this.entry.citizen ?? {};
    const needsPhone = !citizen.phone;
    const needsName = !citizen.firstName || !citizen.lastName;
    const slots = this.days.find((d) => d.date === this.day)?.slots ?? [];
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
                ${formatDay(this.dayOf(this.booked.start))}, ${formatTime(this.booked.start)} ·
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
              <div class="row wide-first">
                <div class="field">
                  <label for="fu-service">${msg('Servizio')}</label>
                  <select
                    id="fu-service"
                    @change=${(e: Event) => this.chooseService((e.target as HTMLSelectElement).value)}
                  >
                    ${this.services().map(
                      (s) =>
                        html`<option value=${s.id} ?selected=${s.id === this.service}>
                          ${localizedText(s.name)}
                        </option>`,
                    )}
                  </select>
                </div>
                <div class="field">
                  <label for="fu-mode">${msg('Modalità')}</label>
                  <select
                    id="fu-mode"
                    @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value as BookingMode)}
                  >
                    ${this.modes().map(
                      (m) => html`<option value=${m} ?selected=${m === this.mode}>${modeText(m)}</option>`,
                    )}
                  </select>
                </div>
              </div>
              <div class="field">
                <label for="fu-sede">${msg('Sede')}</label>
                <select
                  id="fu-sede"
                  @change=${(e: Event) => (this.chosenSede = (e.target as HTMLSelectElement).value)}
                >
                  ${(this.catalog?.sedi ?? []).map(
                    (s) =>
                      html`<option value=${s.id} ?selected=${s.id === this.chosenSede}>${s.name}</option>`,
                  )}
                </select>
              </div>
              ${
                this.loading
                  ? html`<p class="muted" role="status">${msg('Ricerca dei posti liberi…')}</p>`
                  : this.days.length === 0
                    ? html`<p class="muted" role="status">
                        ${msg(str`Nessun posto libero nei prossimi ${SEARCH_DAYS} giorni per questa scelta.`)}
                      </p>`
                    : html`<div class="row">
                        <div class="field">
                          <label for="fu-day">${msg('Giorno')}</label>
                          <select
                            id="fu-day"
                            @change=${(e: Event) => {
                              this.day = (e.target as HTMLSelectElement).value;
                              this.start = this.days.find((d) => d.date === this.day)?.slots[0]?.start ?? '';
                            }}
                          >
                            ${this.days.map(
                              (d) =>
                                html`<option value=${d.date} ?selected=${d.date === this.day}>
                                  ${formatDay(d.date)}
                                </option>`,
                            )}
                          </select>
                        </div>
                        <div class="field">
                          <label for="fu-slot">${msg('Orario')}</label>
                          <select
                            id="fu-slot"
                            @change=${(e: Event) => (this.start = (e.target as HTMLSelectElement).value)}
                          >
                            ${slots.map(
                              (s) =>
                                html`<option value=${s.start} ?selected=${s.start === this.start}>
                                  ${formatTime(s.start)}
                                </option>`,
                            )}
                          </select>
                        </div>
                      </div>`
              }
              ${
                needsName
                  ? html`<div class="row">
                      ${this.textField('fu-first', msg('Nome del cittadino'), this.firstName, (v) => (this.firstName = v), 'given-name')}
                      ${this.textField('fu-last', msg('Cognome del cittadino'), this.lastName, (v) => (this.lastName = v), 'family-name')}
                    </div>`
                  : nothing
              }
              ${
                needsPhone
                  ? this.textField(
                      'fu-phone',
                      this.mode === 'callback'
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
              <button type="submit" ?disabled=${this.busy || this.loading || !this.start}>
                ${this.busy ? msg('Prenotazione…') : msg('Prenota l’appuntamento')}
              </button>
            </form>`
      }`;
  }

  private textField(
    id: string,
    label: string,
    value: string,
    set: (value: string) => void,
    autocomplete: string,
    type = 'text',
  ) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${type}
        autocomplete=${autocomplete}
        .value=${value}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private dayOf(iso: string): string {
    return this.days.find((d) => d.slots.some((s) => s.start === iso))?.date ?? iso.slice(0, 10);
  }

  private problem(): string {
    const citizen = this.entry.citizen ?? {};
    if ((!citizen.firstName || !citizen.lastName) && (!this.firstName.trim() || !this.lastName.trim()))
      return msg('Scrivi nome e cognome del cittadino.');
    const typed = parsePhone(this.phone);
    if (!citizen.phone && !typed)
      return msg('Scrivi il numero di cellulare del cittadino, per esempio 347 123 4567.');
    // Only a callback may go to a landline: every other mode is confirmed by SMS.
    if (!citizen.phone && !typed?.mobile && this.mode !== 'callback')
      return msg(
        'Questo numero è un fisso: gli SMS arrivano solo a un cellulare. Un fisso va bene per una richiamata.',
      );
    if (!this.start) return msg('Scegli giorno e orario.');
    return '';
  }

  private body(): FollowUpBody {
    const citizen = this.entry.citizen ?? {};
    return {
      service: this.service,
      mode: this.mode as BookingMode,
      start: this.start,
      sede: this.chosenSede,
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
      this.booked = { code: booking.code, start: booking.start, mode: booking.mode };
      emit(this, 'console-follow-up-booked', { code: booking.code, start: booking.start });
    } catch (error) {
      this.error = followUpProblem(error);
      if (error instanceof ApiProblem && error.code === 'slot_taken') void this.loadSlots();
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

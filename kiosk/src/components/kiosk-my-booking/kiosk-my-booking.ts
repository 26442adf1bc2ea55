/**
 * "Ho già una prenotazione" beyond check-in: the citizen's booking found by its code and codice fiscale
 * (typed, or read from the card), shown whole; cancelled after one confirming touch, or moved to another
 * free time of the same service and mode with the kiosk's slot picker. Errors never tell whether a code
 * exists: a wrong pair is one message.
 *
 * @event kiosk-checkin-now - the citizen wants to check in for this booking.
 * @event kiosk-done - the citizen has finished.
 * @event kiosk-back - back to typing the code.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type { Booking, CatalogResponse, Slot } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiProblem } from '../../data/api-client.ts';
import { cancelMyBooking, moveMyBooking } from '../../data/my-booking.ts';
import { fetchAvailability, lookupBooking } from '../../data/server.ts';
import { romeToday } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { backIcon, backIconStyles } from '../back-icon.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { finishActions } from '../finish-actions.ts';
import { groupCode, slotDateTime, spokenCode } from '../kiosk-booking-summary/booking-words.ts';
import { noticeStyles } from '../notice-styles.ts';
import '../kiosk-booking-summary/kiosk-booking-summary.ts';
import '../kiosk-busy/kiosk-busy.ts';
import '../kiosk-slot-picker/kiosk-slot-picker.ts';

type Step = 'loading' | 'view' | 'confirm-cancel' | 'move' | 'cancelled' | 'moved';

/** How far ahead a new time is offered, as when booking. */
const DAYS_AHEAD = 14;

@customElement('kiosk-my-booking')
@localizedDecorator()
export class KioskMyBooking extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    backIconStyles,
    css`
      :host {
        display: block;
      }
      .code-box {
        text-align: center;
        padding: var(--sp-gap);
        border: 4px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
        margin-block-end: var(--sp-gap);
      }
      kiosk-booking-summary {
        margin-block-end: var(--sp-gap);
      }
      .code-box .label {
        font-weight: 600;
        margin: 0;
      }
      .code {
        margin: 0.1em 0 0;
        font-size: clamp(2.2em, 6vmin, 3.6em);
        font-weight: 700;
        letter-spacing: 0.08em;
        color: var(--sp-primary-dark);
        unicode-bidi: isolate;
        direction: ltr;
      }
    `,
  ];

  @property() code = '';
  @property() codiceFiscale = '';
  @property({ attribute: false }) catalog?: CatalogResponse;
  @property() language = 'it';

  @state() private step: Step = 'loading';
  @state() private booking?: Booking;
  @state() private smsQueued = false;
  @state() private days?: { date: string; slots: Slot[] }[];
  @state() private problem?: string;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('step') && changed.get('step') !== undefined)
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async load(): Promise<void> {
    this.step = 'loading';
    try {
      this.booking = await lookupBooking(this.code, this.codiceFiscale);
      this.step = 'view';
    } catch (error) {
      this.problem = this.explain(error);
      this.step = 'view';
    }
  }

  private explain(error: unknown): string {
    if (!(error instanceof ApiProblem) || error.unreachable)
      return msg('Non riesco a collegarmi con INPS in questo momento. Riprova tra poco.');
    switch (error.code) {
      case 'not_found':
      case 'validation_failed':
        return msg(
          'Non trovo una prenotazione con questo codice e questo codice fiscale. Controlla tutti e due.',
        );
      case 'too_many_requests':
        return msg('Troppi tentativi. Aspetta un minuto e riprova.');
      case 'not_active':
      case 'already_started':
        return msg('Questa prenotazione non si può più cambiare: è annullata, conclusa o già iniziata.');
      case 'slot_taken':
      case 'slot_past':
      case 'sede_closed':
        return msg('Questo orario è appena stato preso. Scegline un altro.');
      case 'already_booked':
      case 'overlapping_booking':
        return msg('In quell’orario hai già un altro appuntamento. Scegline un altro.');
      default:
        return msg('Non ci sono riuscito. Riprova.');
    }
  }

  private get changeable(): boolean {
    const b = this.booking;
    return !!b && b.status === 'booked' && Date.parse(b.start) > Date.now();
  }

  private async cancel(): Promise<void> {
    this.busy = true;
    this.problem = undefined;
    try {
      const answer = await cancelMyBooking(this.code, this.codiceFiscale);
      this.booking = answer.booking;
      this.smsQueued = answer.smsQueued;
      this.step = 'cancelled';
    } catch (error) {
      this.problem = this.explain(error);
      this.step = 'view';
    } finally {
      this.busy = false;
    }
  }

  private async openMove(): Promise<void> {
    const b = this.booking;
    if (!b) return;
    this.step = 'move';
    this.problem = undefined;
    this.days = undefined;
    const from = romeToday();
    const [y, m, d] = from.split('-').map(Number) as [number, number, number];
    const to = new Date(Date.UTC(y, m - 1, d + DAYS_AHEAD - 1)).toISOString().slice(0, 10);
    try {
      const answer = await fetchAvailability({ sede: b.sede, service: b.service, mode: b.mode, from, to });
      // The booking's own time is no new choice.
      this.days = answer.days
        .map((day) => ({ ...day, slots: day.slots.filter((s) => s.start !== b.start) }))
        .filter((day) => day.slots.length > 0);
    } catch (error) {
      this.problem = this.explain(error);
      this.days = [];
    }
  }

  private async move(slot: Slot): Promise<void> {
    this.busy = true;
    this.problem = undefined;
    try {
      const answer = await moveMyBooking(this.code, this.codiceFiscale, slot.start);
      this.booking = answer.booking;
      this.smsQueued = answer.smsQueued;
      this.step = 'moved';
    } catch (error) {
      // Taken meanwhile: the free times again, with why.
      await this.openMove();
      this.problem = this.explain(error);
    } finally {
      this.busy = false;
    }
  }

  private summary(booking: Booking) {
    return html`<kiosk-booking-summary
      .service=${this.catalog?.services.find((s) => s.id === booking.service)}
      .sede=${this.catalog?.sedi.find((s) => s.id === booking.sede)}
      .mode=${booking.mode}
      .start=${booking.start}
      .phone=${booking.citizen.phone}
      .language=${this.language}
    ></kiosk-booking-summary>`;
  }

  private heading(): string {
    if (this.step === 'view' && !this.booking && this.problem)
      return msg('Non riesco a trovare la prenotazione');
    switch (this.step) {
      case 'loading':
      case 'view':
        return msg('La tua prenotazione');
      case 'confirm-cancel':
        return msg('Vuoi annullare questa prenotazione?');
      case 'move':
        return msg('Scegli il nuovo giorno e orario');
      case 'cancelled':
        return msg('Prenotazione annullata');
      case 'moved':
        return msg('Prenotazione spostata');
    }
  }

  private smsLine(): string {
    if (!this.smsQueued) return '';
    return this.step === 'cancelled'
      ? msg('Ti mandiamo un SMS che lo conferma.')
      : msg('Ti mandiamo un SMS con il nuovo orario.');
  }

  /** The screen's words, for reading aloud. */
  lines(): string[] {
    const b = this.booking;
    return [
      this.heading(),
      this.problem ?? '',
      ...(b ? [`${msg('Codice della prenotazione')}: ${spokenCode(b.code)}`] : []),
      ...(this.renderRoot.querySelector('kiosk-booking-summary')?.lines() ?? []),
      ...(this.step === 'move' ? (this.renderRoot.querySelector('kiosk-slot-picker')?.lines() ?? []) : []),
      this.smsLine(),
    ].filter(Boolean);
  }

  override render() {
    const b = this.booking;
    const problem = this.problem
      ? html`<div class="notice error" role="alert"><p>${this.problem}</p></div>`
      : nothing;
    if (this.step === 'loading' || this.busy)
      return html`<h1 tabindex="-1">${this.heading()}</h1>
        <kiosk-busy>${msg('Un momento…')}</kiosk-busy>`;
    if (!b)
      return html`<h1 tabindex="-1">${this.heading()}</h1>
        ${problem}
        <div class="actions">
          <button type="button" @click=${() => emit(this, 'kiosk-back')}>${msg('Correggi i codici')}</button>
          <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-done')}>
            ${msg('Ho capito')}
          </button>
        </div>`;
    switch (this.step) {
      case 'view':
        return this.renderView(b, problem);
      case 'confirm-cancel':
        return html`<h1 tabindex="-1">${this.heading()}</h1>
          ${this.summary(b)}
          <p>${msg('Se la annulli, l’orario torna libero per altre persone.')}</p>
          <div class="actions">
            <button type="button" @click=${() => void this.cancel()}>
              ${msg('Sì, annulla la prenotazione')}
            </button>
            <button type="button" class="secondary" @click=${() => (this.step = 'view')}>
              ${msg('No, tienila')}
            </button>
          </div>`;
      case 'move':
        return html`<h1 tabindex="-1">${this.heading()}</h1>
          <p>${msg('Orario attuale:')} <strong>${slotDateTime(b.start, this.language)}</strong></p>
          ${problem}
          ${
            this.days === undefined
              ? html`<kiosk-busy>${msg('Cerco gli orari liberi…')}</kiosk-busy>`
              : this.days.length === 0
                ? html`<div class="notice warning" role="status">
                    <p>${msg('Nei prossimi giorni non ci sono altri orari liberi.')}</p>
                  </div>`
                : html`<kiosk-slot-picker
                    .days=${this.days}
                    .language=${this.language}
                    @kiosk-slot=${(e: CustomEvent<Slot>) => void this.move(e.detail)}
                  ></kiosk-slot-picker>`
          }
          <div class="actions">
            <button
              type="button"
              class="secondary"
              @click=${() => ((this.step = 'view'), (this.problem = undefined))}
            >
              ${backIcon}${msg('Indietro')}
            </button>
          </div>`;
      case 'cancelled':
      case 'moved':
        return html`<h1 tabindex="-1">${this.heading()}</h1>
          <div class="notice success" role="status">
            <p>
              ${this.step === 'cancelled' ? msg('La prenotazione è annullata.') : msg('Ecco il nuovo appuntamento.')}
              ${this.smsLine()}
            </p>
          </div>
          ${this.codeBox(b)} ${this.summary(b)} ${finishActions(this)}`;
    }
  }

  private codeBox(b: Booking) {
    return html`<div class="code-box">
      <p class="label" id="my-code">${msg('Codice della prenotazione')}</p>
      <p class="code" aria-describedby="my-code">${groupCode(b.code)}</p>
    </div>`;
  }

  private renderView(b: Booking, problem: unknown) {
    return html`<h1 tabindex="-1">${this.heading()}</h1>
      ${problem} ${this.codeBox(b)} ${this.summary(b)}
      ${
        this.changeable
          ? nothing
          : html`<div class="notice warning" role="status">
              <p>
                ${msg('Questa prenotazione non si può più cambiare: è annullata, conclusa o già iniziata.')}
              </p>
            </div>`
      }
      <div class="actions">
        ${
          // Check-in is for today's appointments (the start carries Rome's offset: its date is Rome's).
          this.changeable && b.mode === 'inPerson' && b.start.slice(0, 10) === romeToday()
            ? html`<button type="button" @click=${() => emit(this, 'kiosk-checkin-now')}>
                ${msg('Registra il tuo arrivo')}
              </button>`
            : nothing
        }
        ${
          this.changeable
            ? html`<button type="button" @click=${() => void this.openMove()}>
                  ${msg('Sposta a un altro orario')}
                </button>
                <button type="button" @click=${() => (this.step = 'confirm-cancel')}>
                  ${msg('Annulla la prenotazione')}
                </button>`
            : nothing
        }
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-done')}>
          ${msg('Ho finito')}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-my-booking': KioskMyBooking;
  }
}

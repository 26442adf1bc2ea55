/**
 * Booking an appointment in person, a telephone callback or a web meeting, in steps with a visible
 * indicator: (1) day and time, (2) name if missing and phone, (3) privacy notice, (4) summary and "Conferma".
 * "Richiamami appena possibile" skips step 1 and takes the first free callback time. A `presetSlot` (the
 * callback offered after a video call that did not happen) skips step 1 too and books as soon as the
 * privacy notice is accepted: the time was already shown and chosen in one touch. Appointments in person and
 * web meetings are confirmed and reminded by SMS, so they need a mobile; a callback may ring a landline, and
 * the citizen is told that no SMS will come then.
 *
 * @event kiosk-booked - detail: { booking, admissionCode }.
 * @event kiosk-back - back to the ways of being served.
 * @event kiosk-checkin - the citizen already has this appointment: to "Ho già una prenotazione".
 * @event kiosk-problem - detail: ProblemKind, when the server cannot be reached.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import type {
  AvailabilityResponse,
  Booking,
  BookingMode,
  Language,
  PublicSede,
  Service,
  Slot,
} from '@sportello/protocol';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PhoneController } from '../../controllers/phone-controller.ts';
import { backButton, backIconStyles } from '../../components/back-icon.ts';
import { modeTitle, slotDateTime } from '../../components/kiosk-booking-summary/booking-words.ts';
import type { ExtraKey } from '../../components/kiosk-keypad-field/kiosk-keypad-field.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { stepFlowStyles } from '../../components/step-flow-styles.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { createBooking, fetchAvailability } from '../../data/server.ts';
import { localized, romeToday } from '../../i18n/locale.ts';
import { greetingName, type Identity } from '../../session/kiosk-session.ts';
import { screenStyles } from '../../theme/tokens.ts';
import type { Channel } from '../channel-screen/channel-screen.ts';
import type { ProblemKind } from '../problem-screen/problem-screen.ts';
import { bookingScreenStyles } from './booking-screen.styles.ts';
import '../../components/kiosk-booking-summary/kiosk-booking-summary.ts';
import '../../components/kiosk-busy/kiosk-busy.ts';
import '../../components/kiosk-keypad-field/kiosk-keypad-field.ts';
import '../../components/kiosk-privacy-notice/kiosk-privacy-notice.ts';
import '../../components/kiosk-slot-picker/kiosk-slot-picker.ts';
import '../../components/kiosk-steps/kiosk-steps.ts';

type Step = 'slot' | 'first-name' | 'last-name' | 'phone' | 'privacy' | 'summary';

/** How far ahead the picker looks. */
const DAYS_AHEAD = 14;

/** Today and today + n days in Rome, as YYYY-MM-DD. */
function romeDays(n: number): { from: string; to: string } {
  const today = romeToday();
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return { from: today, to: new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10) };
}

/** A conflict on confirming: what happened, and what the citizen can do in one touch. */
interface Failure {
  message: string;
  /** Free times offered instead, booked in one touch. */
  nextSlots?: Slot[];
  action?: 'retry' | 'other-way' | 'other-time' | 'checkin';
}

const NAME_KEYS = (): ExtraKey[] => [
  { key: ' ', label: msg('Spazio') },
  { key: '’', label: '’' },
  { key: '-', label: '-' },
  ...['À', 'È', 'É', 'Ì', 'Ò', 'Ù'].map((key) => ({ key })),
];

@customElement('kiosk-booking-screen')
@localizedDecorator()
export class KioskBookingScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    backIconStyles,
    stepFlowStyles,
    bookingScreenStyles,
  ];

  @property({ attribute: false }) service?: Service;
  /** The sede that serves this station: where in-person appointments happen, whose officials call. */
  @property({ attribute: false }) sede?: PublicSede;
  /** The chosen way; callbackSoon books the first free callback time. */
  @property() channel?: Channel;
  /**
   * Who is booking; names may be missing (typed codice fiscale, health-card barcode). After a card-and-PIN
   * sign-in it carries the server's proof, which a strongly authenticated booking must show.
   */
  @property({ attribute: false }) identity?: Identity & { authProof?: string };
  @property() language: Language = 'it';
  /** The privacy notice version the server requires. */
  @property() privacyNoticeVersion?: string;
  /** A time already chosen elsewhere (the video call's fallback): no slot step, no summary to confirm. */
  @property({ attribute: false }) presetSlot?: Slot;

  @state() private step: Step = 'slot';
  @state() private days?: AvailabilityResponse['days'];
  @state() private chosen?: Slot;
  @state() private firstName = '';
  @state() private lastName = '';
  @state() private phone = '';
  private readonly phoneCheck = new PhoneController(this, () => this.phone);
  /** Set once the citizen tried to go on, so problems show only when they matter. */
  @state() private tried = false;
  @state() private busy = false;
  @state() private loadError?: string;
  @state() private failure?: Failure;

  private get mode(): BookingMode {
    return this.channel === 'inPerson' || this.channel === 'webMeeting' ? this.channel : 'callback';
  }

  /** The time is not picked here: the first free one, or one chosen before. */
  private get soon(): boolean {
    return this.channel === 'callbackSoon' || this.presetSlot !== undefined;
  }

  private get needsMobile(): boolean {
    return this.mode !== 'callback';
  }

  /** A landline given for a callback: it will ring, but no SMS can reach it. */
  private get landline(): boolean {
    const number = this.phoneCheck.phone;
    return !!number && !number.mobile && !this.needsMobile;
  }

  protected override willUpdate(): void {
    // Before the first render, so it already shows the names known and the search under way.
    if (this.hasUpdated) return;
    this.firstName = this.identity?.firstName ?? '';
    this.lastName = this.identity?.lastName ?? '';
    if (this.presetSlot) {
      this.chosen = this.presetSlot;
      this.step = this.afterSlot();
    } else void this.loadSlots();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('step') && changed.get('step') !== undefined) {
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  // ---- steps ----

  private stepNames(): string[] {
    const names = [msg('I tuoi dati'), msg('Privacy'), msg('Riepilogo')];
    return this.soon ? names : [msg('Giorno e ora'), ...names];
  }

  private stepIndex(): number {
    const index = { slot: 0, 'first-name': 1, 'last-name': 1, phone: 1, privacy: 2, summary: 3 }[this.step];
    return this.soon ? Math.max(0, index - 1) : index;
  }

  private go(step: Step): void {
    this.tried = false;
    this.failure = undefined;
    this.step = step;
  }

  /** The step after the slot: names when the identity lacks them, else the phone. */
  private afterSlot(): Step {
    return this.identity?.firstName && this.identity.lastName ? 'phone' : 'first-name';
  }

  private back(): void {
    const previous: Record<Step, Step | null> = {
      slot: null,
      'first-name': this.soon ? null : 'slot',
      'last-name': 'first-name',
      phone: this.identity?.firstName && this.identity.lastName ? (this.soon ? null : 'slot') : 'last-name',
      privacy: 'phone',
      summary: 'privacy',
    };
    const step = previous[this.step];
    if (step) this.go(step);
    else emit(this, 'kiosk-back');
  }

  // ---- data ----

  private async loadSlots(): Promise<void> {
    const { service, sede } = this;
    if (!service || !sede) {
      this.loadError = msg('Da questa postazione non si può prenotare in questo momento.');
      return;
    }
    this.busy = true;
    this.loadError = undefined;
    try {
      const answer = await fetchAvailability({
        sede: sede.id,
        service: service.id,
        mode: this.mode,
        ...romeDays(DAYS_AHEAD - 1),
      });
      this.days = answer.days.filter((d) => d.slots.length > 0);
      if (this.soon) {
        this.chosen = this.days[0]?.slots[0];
        if (this.chosen) this.step = this.afterSlot();
      }
    } catch (error) {
      if (error instanceof ApiProblem && error.unreachable) {
        emit<ProblemKind>(this, 'kiosk-problem', 'server-unreachable');
        return;
      }
      this.loadError = msg('Non sono riuscito a leggere gli orari liberi.');
    } finally {
      this.busy = false;
    }
  }

  private accepted(): void {
    this.go('summary');
    if (this.presetSlot) void this.confirm();
  }

  private pick(slot: Slot): void {
    this.chosen = slot;
    this.go(this.afterSlot());
  }

  private async confirm(slot = this.chosen): Promise<void> {
    const { service, sede, identity, privacyNoticeVersion } = this;
    const phone = this.phoneCheck.phone;
    if (!service || !sede || !identity || !slot || !phone || !privacyNoticeVersion) {
      this.failure = {
        message: msg('Mancano dei dati per prenotare: ricomincia scegliendo come vuoi parlare con noi.'),
        action: 'other-way',
      };
      return;
    }
    this.chosen = slot;
    this.busy = true;
    this.failure = undefined;
    try {
      const result = await createBooking({
        sede: sede.id,
        service: service.id,
        mode: this.mode,
        start: slot.start,
        citizen: {
          codiceFiscale: identity.codiceFiscale,
          firstName: this.firstName.trim(),
          lastName: this.lastName.trim(),
          phone: phone.e164,
          language: this.language,
        },
        authMethod: identity.authMethod,
        privacyNoticeVersion,
        ...(identity.authProof ? { authProof: identity.authProof } : {}),
      });
      emit<{ booking: Booking; admissionCode: string }>(this, 'kiosk-booked', result);
    } catch (error) {
      if (error instanceof ApiProblem && error.unreachable) {
        emit<ProblemKind>(this, 'kiosk-problem', 'server-unreachable');
        return;
      }
      this.failure = this.explain(error);
    } finally {
      this.busy = false;
    }
  }

  private explain(error: unknown): Failure {
    if (!(error instanceof ApiProblem))
      return { message: msg('Non sono riuscito a prenotare. Riprova.'), action: 'retry' };
    switch (error.code) {
      case 'slot_taken':
      case 'slot_past':
      case 'sede_closed': {
        const nextSlots = Array.isArray(error.details?.nextSlots) ? (error.details.nextSlots as Slot[]) : [];
        return nextSlots.length
          ? {
              message: msg(
                'Questo orario non è più libero. Tocca uno di questi orari per prenotarlo subito:',
              ),
              nextSlots,
            }
          : {
              message: msg('Questo orario non è più libero e nei prossimi giorni non ce ne sono altri.'),
              action: 'other-way',
            };
      }
      case 'already_booked':
        return {
          message: msg(
            'Hai già un appuntamento per questo servizio in quel giorno. Il codice è nell’SMS di conferma che hai ricevuto: tocca «Ho già una prenotazione» e scrivilo.',
          ),
          action: 'checkin',
        };
      case 'overlapping_booking':
        return {
          message: msg('A quest’ora hai già un altro appuntamento con noi. Scegli un altro orario.'),
          action: 'other-time',
        };
      case 'booking_limit':
        return {
          message: msg(
            'Hai già il numero massimo di appuntamenti per questo servizio. Potrai prenotarne un altro dopo il prossimo appuntamento, oppure se ne annulli uno. Ora puoi scegliere un altro modo.',
          ),
          action: 'other-way',
        };
      case 'strong_authentication_unproven':
        return {
          message: msg(
            'Il tuo accesso con la carta e il PIN è scaduto o non è stato confermato. Puoi scegliere un altro modo o ricominciare con la carta.',
          ),
          action: 'other-way',
        };
      case 'strong_authentication_required':
        return {
          message: msg(
            'Per questo appuntamento serve l’accesso con CIE, CNS o SPID. Puoi scegliere un altro modo.',
          ),
          action: 'other-way',
        };
      case 'validation_failed': {
        const path = error.fields?.[0]?.path ?? '';
        if (path === 'privacyNoticeVersion') {
          this.step = 'privacy';
          return { message: msg('L’informativa sulla privacy è cambiata: leggila e accettala di nuovo.') };
        }
        if (path.startsWith('citizen.phone')) {
          this.step = 'phone';
          return {
            message: this.phoneCheck.phone
              ? msg('Serve un numero di cellulare: questo è un numero fisso e non riceve SMS.')
              : msg('Questo numero di telefono non va bene: controllalo.'),
          };
        }
        if (path.startsWith('citizen.firstName') || path.startsWith('citizen.lastName')) {
          this.step = 'first-name';
          return { message: msg('Controlla il nome e il cognome.') };
        }
        return { message: msg('Non sono riuscito a prenotare. Riprova.'), action: 'retry' };
      }
      default:
        return { message: msg('Non sono riuscito a prenotare. Riprova.'), action: 'retry' };
    }
  }

  // ---- validation ----

  private nameProblem(value: string): string {
    return this.tried && value.trim().length === 0 ? msg('Scrivi almeno una lettera.') : '';
  }

  /** Beside the number once the agent has checked it; while it checks, neither right nor wrong. */
  private phoneMessages(): { problem: string; ok: string } {
    const { state } = this.phoneCheck;
    switch (state.kind) {
      case 'pending':
        return { problem: '', ok: '' };
      case 'unchecked':
        return {
          problem: msg(
            'Non riesco a controllare il numero: la postazione non risponde. Aspetta un momento o chiedi aiuto al personale.',
          ),
          ok: '',
        };
      case 'number':
        if (this.needsMobile && !state.mobile)
          return {
            problem: msg('Serve un numero di cellulare: questo è un numero fisso e non riceve SMS.'),
            ok: '',
          };
        return { problem: '', ok: msg(str`Numero corretto: ${state.formatted}`) };
      case 'empty':
      case 'not-a-number': {
        const digits = this.phone.replace(/\D/g, '').length;
        if (this.tried || digits >= 11)
          return { problem: msg('Il numero non sembra completo o corretto: controlla le cifre.'), ok: '' };
        return { problem: '', ok: '' };
      }
    }
  }

  private phoneValid(): boolean {
    const number = this.phoneCheck.phone;
    return !!number && (!this.needsMobile || number.mobile);
  }

  /** A tap right after the last digit waits for the agent's answer rather than calling the number wrong. */
  private async phoneDone(): Promise<void> {
    await this.phoneCheck.settled();
    if (this.step === 'phone') this.next(this.phoneValid(), 'privacy');
  }

  private next(valid: boolean, step: Step): void {
    if (valid) this.go(step);
    else this.tried = true;
  }

  private landlineText(): string {
    return msg(
      'È un numero fisso: non ti arriveranno SMS. Il funzionario ti chiamerà a questo numero all’ora scelta.',
    );
  }

  /** Said beside the number and on the summary, so nobody waits for an SMS that cannot come. */
  private renderLandline() {
    return this.landline
      ? html`<div class="notice" role="status"><p>${this.landlineText()}</p></div>`
      : nothing;
  }

  private whyPhone(): string {
    switch (this.mode) {
      case 'callback':
        return msg(
          'Ti chiamiamo a questo numero all’ora scelta. Se è un cellulare, ti mandiamo anche un SMS di conferma.',
        );
      case 'webMeeting':
        return msg('Ti mandiamo per SMS il collegamento e il codice per entrare nella videochiamata.');
      case 'inPerson':
        return msg(
          'Ti mandiamo un SMS di conferma e uno di promemoria, e ti avvisiamo se l’appuntamento cambia.',
        );
    }
  }

  // ---- speech ----

  speechText(): string[] {
    const root = this.renderRoot;
    const heading = root.querySelector('h1')?.textContent?.trim() ?? '';
    const failure = this.failure
      ? [
          this.failure.message,
          ...(this.failure.nextSlots ?? []).map((s) => slotDateTime(s.start, this.language)),
        ]
      : [];
    switch (this.step) {
      case 'slot':
        return [
          heading,
          ...(root.querySelector('kiosk-slot-picker')?.lines() ?? [this.loadError ?? '']),
        ].filter(Boolean);
      case 'first-name':
      case 'last-name':
        return [heading, ...failure, msg('Scrivi con la tastiera sullo schermo, poi tocca Avanti.')];
      case 'phone':
        return [
          heading,
          ...failure,
          this.whyPhone(),
          ...(this.landline ? [this.landlineText()] : []),
          msg('Scrivi il numero con i tasti, poi tocca Avanti.'),
        ];
      case 'privacy':
        return [heading, ...failure, ...(root.querySelector('kiosk-privacy-notice')?.lines() ?? [])];
      case 'summary':
        return [
          heading,
          ...(root.querySelector('kiosk-booking-summary')?.lines() ?? []),
          ...(this.landline ? [this.landlineText()] : []),
          ...failure,
          msg('Conferma'),
        ];
    }
  }

  // ---- render ----

  override render() {
    return html`
      <kiosk-steps .steps=${this.stepNames()} .current=${this.stepIndex()}></kiosk-steps>
      ${this.renderStep()}
    `;
  }

  private renderStep() {
    switch (this.step) {
      case 'slot':
        return this.soon ? this.renderSoon() : this.renderSlot();
      case 'first-name':
        return this.renderName('first');
      case 'last-name':
        return this.renderName('last');
      case 'phone':
        return this.renderPhone();
      case 'privacy':
        return html`<h1 tabindex="-1">${msg('Leggi come usiamo i tuoi dati')}</h1>
          ${this.renderFailure()}
          <kiosk-privacy-notice
            .version=${this.privacyNoticeVersion ?? ''}
            @kiosk-accept=${() => this.accepted()}
          ></kiosk-privacy-notice>
          ${this.renderBack()}`;
      case 'summary':
        return this.renderSummary();
    }
  }

  private context() {
    return html`<p class="context">
      ${modeTitle(this.mode)}${this.service ? html` · ${localized(this.service.name, this.language)}` : nothing}
    </p>`;
  }

  private renderNoSlots() {
    return html`<div class="notice warning" role="alert">
        <p>
          <strong
            >${msg('Nei prossimi 14 giorni non ci sono orari liberi per questo servizio in questo modo.')}</strong
          >
        </p>
        <p>
          ${msg('Puoi scegliere un altro modo, per esempio un’altra forma di appuntamento o il numero per la coda, oppure riprovare nei prossimi giorni.')}
        </p>
      </div>
      <div class="actions">
        <button type="button" @click=${() => emit(this, 'kiosk-back')}>${msg('Scegli un altro modo')}</button>
      </div>`;
  }

  private renderLoading() {
    if (this.busy) return html`<kiosk-busy>${msg('Cerco gli orari liberi…')}</kiosk-busy>`;
    if (this.loadError)
      return html`<div class="notice error" role="alert"><p>${this.loadError}</p></div>
        <div class="actions">
          <button type="button" @click=${() => void this.loadSlots()}>${msg('Riprova')}</button>
        </div>`;
    return nothing;
  }

  private renderSlot() {
    return html`<h1 tabindex="-1">${msg('Scegli il giorno e l’ora')}</h1>
      ${this.context()} ${this.renderLoading()}
      ${this.days && this.days.length === 0 ? this.renderNoSlots() : nothing}
      ${
        this.days?.length
          ? html`<kiosk-slot-picker
              .days=${this.days}
              .language=${this.language}
              @kiosk-slot=${(e: CustomEvent<Slot>) => this.pick(e.detail)}
            ></kiosk-slot-picker>`
          : nothing
      }
      ${this.renderBack()}`;
  }

  /** "Richiamami appena possibile" while the first free time is looked up, or when there is none. */
  private renderSoon() {
    return html`<h1 tabindex="-1">${msg('Richiamami appena possibile')}</h1>
      ${this.context()} ${this.renderLoading()} ${this.days && !this.chosen ? this.renderNoSlots() : nothing}
      ${this.renderBack()}`;
  }

  private renderName(which: 'first' | 'last') {
    const value = which === 'first' ? this.firstName : this.lastName;
    const problem = this.nameProblem(value);
    return html`<h1 tabindex="-1">
        ${which === 'first' ? msg('Come ti chiami? Scrivi il nome') : msg('Scrivi il cognome')}
      </h1>
      ${this.renderFailure()}
      <div class="field">
        <kiosk-keypad-field
          .label=${which === 'first' ? msg('Nome') : msg('Cognome')}
          .value=${value}
          .maxLength=${60}
          .hint=${msg('Come è scritto sul documento. Serve al funzionario per riconoscerti.')}
          .problem=${problem}
          .extraKeys=${NAME_KEYS()}
          capitalize="words"
          @kiosk-input=${(e: CustomEvent<string>) => {
            if (which === 'first') this.firstName = e.detail.toUpperCase();
            else this.lastName = e.detail.toUpperCase();
          }}
        ></kiosk-keypad-field>
      </div>
      <div class="actions">
        <button
          type="button"
          @click=${() => this.next(value.trim().length > 0, which === 'first' ? 'last-name' : 'phone')}
        >
          ${msg('Avanti')}
        </button>
        ${this.renderBackButton()}
      </div>`;
  }

  private renderPhone() {
    const { problem, ok } = this.phoneMessages();
    const title = this.needsMobile ? msg('Il tuo numero di cellulare') : msg('A quale numero ti chiamiamo?');
    return html`<h1 tabindex="-1">${title}</h1>
      ${
        this.soon && this.chosen
          ? html`<p class="first-free">
              ${msg('Il primo orario libero è')}
              <strong>${slotDateTime(this.chosen.start, this.language)}</strong>.
            </p>`
          : nothing
      }
      ${this.renderFailure()}
      <div class="field">
        <kiosk-keypad-field
          .label=${this.needsMobile ? msg('Numero di cellulare') : msg('Numero di telefono')}
          layout="digits"
          .value=${this.phone}
          .maxLength=${16}
          .hint=${this.whyPhone()}
          .problem=${problem}
          .ok=${ok}
          .extraKeys=${[{ key: '+', label: '+' }]}
          @kiosk-input=${(e: CustomEvent<string>) => (this.phone = e.detail.replace(/[^\d+ ]/g, ''))}
        ></kiosk-keypad-field>
      </div>
      ${this.renderLandline()}
      <div class="actions">
        <button type="button" @click=${() => void this.phoneDone()}>${msg('Avanti')}</button>
        ${this.renderBackButton()}
      </div>`;
  }

  private renderSummary() {
    return html`<h1 tabindex="-1">${msg('Controlla e conferma')}</h1>
      <kiosk-booking-summary
        .service=${this.service}
        .sede=${this.sede}
        .mode=${this.mode}
        .start=${this.chosen?.start ?? ''}
        .phone=${this.phoneCheck.phone?.e164 ?? ''}
        .name=${greetingName({ codiceFiscale: '', firstName: this.firstName, lastName: this.lastName, authMethod: 'typed' })}
        .language=${this.language}
      ></kiosk-booking-summary>
      ${this.renderLandline()}
      ${this.busy ? html`<kiosk-busy>${msg('Sto prenotando…')}</kiosk-busy>` : nothing}
      ${this.renderFailure()}
      <div class="actions">${this.summaryActions()}${this.renderBackButton()}</div>`;
  }

  /** Confirm (again), unless the failure asks for something else: a suggested time, another time or way, check-in. */
  private summaryActions() {
    const failure = this.failure;
    if (failure?.nextSlots) return nothing;
    // Without a slot step (the first free callback, a time chosen before) another time means another way.
    if (failure?.action === 'other-way' || (failure?.action === 'other-time' && this.soon)) {
      return html`<button type="button" @click=${() => emit(this, 'kiosk-back')}>
        ${msg('Scegli un altro modo')}
      </button>`;
    }
    if (failure?.action === 'checkin') {
      return html`<button type="button" @click=${() => emit(this, 'kiosk-checkin')}>
        ${msg('Ho già una prenotazione')}
      </button>`;
    }
    if (failure?.action === 'other-time') {
      return html`<button type="button" @click=${() => this.go('slot')}>
        ${msg('Scegli un altro orario')}
      </button>`;
    }
    return html`<button type="button" ?disabled=${this.busy} @click=${() => void this.confirm()}>
      ${failure ? msg('Riprova') : msg('Conferma')}
    </button>`;
  }

  /** What went wrong, and the free times offered instead, each booked in one touch. */
  private renderFailure() {
    const failure = this.failure;
    if (!failure) return nothing;
    return html`<div class="notice error" role="alert"><p>${failure.message}</p></div>
      ${
        failure.nextSlots
          ? html`<div class="suggestions">
              ${failure.nextSlots.map(
                (slot) =>
                  html`<button type="button" ?disabled=${this.busy} @click=${() => void this.confirm(slot)}>
                    ${slotDateTime(slot.start, this.language)}
                  </button>`,
              )}
            </div>`
          : nothing
      }`;
  }

  private renderBackButton() {
    return backButton(() => this.back());
  }

  private renderBack() {
    return html`<div class="actions">${this.renderBackButton()}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-booking-screen': KioskBookingScreen;
  }
}

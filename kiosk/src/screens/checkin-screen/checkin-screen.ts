/**
 * Check-in for a booked appointment: the booking code (typed, or read from its QR) and the codice fiscale
 * (unless the citizen is identified), then the appointment's queue number, shown large and printed. With the
 * same two codes the citizen may instead see, cancel or move the booking (kiosk-my-booking).
 *
 * @event kiosk-done - the citizen has the number, or knows what to do instead.
 * @event kiosk-printed - detail: 'ticket', once the printer has printed it.
 * @event kiosk-issued - detail: 'check-in', once the server has checked the appointment in.
 * @event kiosk-back - back to where the citizen came from.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import type { CatalogResponse, PrinterState, TicketResponse } from '@sportello/protocol';
import { codiceFiscaleProblem, normalizeCodiceFiscale } from '@sportello/protocol/plain';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { backIcon, backIconStyles } from '../../components/back-icon.ts';
import { slotDateTime } from '../../components/kiosk-booking-summary/booking-words.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { checkIn } from '../../data/server.ts';
import { localized } from '../../i18n/locale.ts';
import type { Identity } from '../../session/kiosk-session.ts';
import { screenStyles } from '../../theme/tokens.ts';
import {
  printerReady,
  printQueueTicket,
  ticketPrintBody,
  type PrintStatus,
} from '../ticket-screen/ticket-print.ts';
import { checkinScreenStyles } from './checkin-screen.styles.ts';
import '../../components/kiosk-busy/kiosk-busy.ts';
import '../../components/kiosk-keypad-field/kiosk-keypad-field.ts';
import '../../components/kiosk-ticket/kiosk-ticket.ts';
import '../../components/kiosk-my-booking/kiosk-my-booking.ts';
import { finishActions } from '../../components/finish-actions.ts';

type Step = 'code' | 'cf' | 'result' | 'manage';
/** What the codes are for: checking in, or seeing, cancelling and moving the booking. */
type Purpose = 'check-in' | 'manage';

const CODE_LENGTH = 8;
const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;
/** As the server allows (ticket.service CHECK_IN_EARLY_MINUTES): check-in opens an hour before. */
const CHECK_IN_EARLY_MINUTES = 60;

/** Crockford base 32 as people type it: any case, spaces or dashes, O for 0, I or L for 1; a QR's prefix dropped. */
export function normalizeBookingCode(input: string): string {
  return input
    .replace(/^sportello:/i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** What went wrong and what the citizen can do: correct what they typed, try again, or leave. */
interface Failure {
  message: string;
  fix: 'code' | 'retry' | 'none';
}

@customElement('kiosk-checkin-screen')
@localizedDecorator()
export class KioskCheckinScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, noticeStyles, backIconStyles, checkinScreenStyles];

  /** Who is here, if already identified; otherwise the codice fiscale is asked. */
  @property({ attribute: false }) identity?: Identity;
  /** A booking code read from a QR under the scanner. */
  @property() scannedCode?: string;
  @property({ attribute: false }) catalog?: CatalogResponse;
  @property() language = 'it';
  @property() printerState?: PrinterState;

  @state() private step: Step = 'code';
  @state() private purpose: Purpose = 'check-in';
  @state() private code = '';
  @state() private cf = '';
  @state() private tried = false;
  @state() private busy = false;
  @state() private failure?: Failure;
  @state() private response?: TicketResponse;
  @state() private print?: PrintStatus;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A QR scanned now (also while on this screen) starts over with its code.
    if (changed.has('scannedCode') && this.scannedCode) {
      this.code = normalizeBookingCode(this.scannedCode);
      this.response = undefined;
      this.print = undefined;
      this.failure = undefined;
      this.purpose = 'check-in';
      this.step = this.identity ? 'code' : 'cf';
      if (this.identity && CODE_PATTERN.test(this.code)) void this.submit();
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('step') && changed.get('step') !== undefined)
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private get codiceFiscale(): string {
    return this.identity?.codiceFiscale ?? normalizeCodiceFiscale(this.cf);
  }

  private codeProblem(): string {
    const code = this.code;
    const wrong = [...code].find((c) => !/[0-9A-HJKMNP-TV-Z]/.test(c));
    if (wrong) return msg(str`Nei codici non c’è il carattere ${wrong}: controlla.`);
    if (code.length < CODE_LENGTH && this.tried) {
      const missing = CODE_LENGTH - code.length;
      return msg(str`Il codice ha 8 caratteri: ne mancano ${missing}.`);
    }
    return '';
  }

  private cfProblem(): string {
    const cf = normalizeCodiceFiscale(this.cf);
    if (cf.length < 16 && !this.tried) return '';
    switch (codiceFiscaleProblem(cf)) {
      case 'length':
        return cf.length < 16
          ? msg(str`Il codice fiscale ha 16 caratteri: ne mancano ${16 - cf.length}.`)
          : msg('Il codice fiscale ha 16 caratteri: ce ne sono troppi.');
      case 'characters':
        return msg('Il codice fiscale ha solo lettere e cifre.');
      case 'structure':
        return msg('Questo non sembra un codice fiscale: controlla lettere e cifre.');
      case 'date':
        return msg('La data di nascita in questo codice non esiste: controlla le cifre.');
      case 'check':
        return msg('L’ultima lettera non corrisponde: forse un carattere è sbagliato.');
      case null:
        return '';
    }
  }

  private codeNext(purpose: Purpose): void {
    this.purpose = purpose;
    if (!CODE_PATTERN.test(this.code)) {
      this.tried = true;
      return;
    }
    this.tried = false;
    if (this.identity) void this.submit();
    else this.step = 'cf';
  }

  /** The same codes, now to see, cancel or move the booking. */
  private manage(): void {
    this.failure = undefined;
    this.purpose = 'manage';
    this.step = 'manage';
  }

  private cfNext(): void {
    if (codiceFiscaleProblem(this.cf) !== null) {
      this.tried = true;
      return;
    }
    this.tried = false;
    void this.submit();
  }

  private async submit(): Promise<void> {
    if (this.purpose === 'manage') return this.manage();
    this.busy = true;
    this.failure = undefined;
    try {
      this.response = await checkIn(this.code, this.codiceFiscale);
      this.step = 'result';
      emit(this, 'kiosk-issued', 'check-in');
    } catch (error) {
      this.failure = this.explain(error);
      return;
    } finally {
      this.busy = false;
    }
    await this.printIt();
  }

  private explain(error: unknown): Failure {
    if (!(error instanceof ApiProblem) || error.unreachable) {
      return {
        message: msg('Non riesco a collegarmi con INPS in questo momento. Riprova tra poco.'),
        fix: 'retry',
      };
    }
    switch (error.code) {
      case 'not_found':
        return {
          message: this.identity
            ? msg(
                'Non trovo una prenotazione con questo codice a tuo nome. Controlla il codice sulla conferma o sull’SMS.',
              )
            : msg(
                'Non trovo una prenotazione con questo codice e questo codice fiscale. Controlla tutti e due.',
              ),
          fix: 'code',
        };
      case 'validation_failed':
        return {
          message: msg('Il codice non sembra giusto. Controlla il codice sulla conferma o sull’SMS.'),
          fix: 'code',
        };
      case 'too_early': {
        const start = typeof error.details?.start === 'string' ? error.details.start : undefined;
        const from = start
          ? new Date(Date.parse(start) - CHECK_IN_EARLY_MINUTES * 60_000).toISOString()
          : undefined;
        return {
          message: from
            ? msg(
                str`È ancora presto. Puoi registrare il tuo arrivo da ${slotDateTime(from, this.language)}.`,
              )
            : msg(
                'È ancora presto per registrare il tuo arrivo: torna più vicino all’ora dell’appuntamento.',
              ),
          fix: 'none',
        };
      }
      case 'too_late':
        return {
          message: msg(
            'L’ora del tuo appuntamento è passata da più di mezz’ora. Puoi prenotare un nuovo appuntamento o prendere il numero.',
          ),
          fix: 'none',
        };
      case 'not_in_person':
        return {
          message: msg(
            'Questo appuntamento non è allo sportello: è una telefonata o una videochiamata. Aspetta la chiamata all’ora fissata.',
          ),
          fix: 'none',
        };
      case 'not_active':
        return { message: msg('Questa prenotazione è stata annullata o è già conclusa.'), fix: 'none' };
      case 'wrong_station':
        return {
          message: msg('Questo appuntamento è in un’altra sede: controlla l’indirizzo sulla conferma.'),
          fix: 'none',
        };
      default:
        return { message: msg('Non sono riuscito a registrare il tuo arrivo. Riprova.'), fix: 'retry' };
    }
  }

  private async printIt(): Promise<void> {
    const response = this.response;
    if (!response) return;
    this.print = 'printing';
    this.print = await printQueueTicket(
      ticketPrintBody({
        response,
        heading: this.catalog?.sedi.find((s) => s.id === response.ticket.sede)?.name ?? 'INPS',
        serviceName: this.serviceName(response),
        language: this.language,
      }),
      this.printerState,
    );
    if (this.print === 'printed') emit(this, 'kiosk-printed', 'ticket');
  }

  private serviceName(response: TicketResponse): string {
    const service = this.catalog?.services.find((s) => s.id === response.ticket.service);
    return service ? localized(service.name, this.language) : '';
  }

  speechText(): string[] {
    if (this.step === 'manage') return this.renderRoot.querySelector('kiosk-my-booking')?.lines() ?? [];
    const heading = this.renderRoot.querySelector('h1')?.textContent?.trim() ?? '';
    if (this.response) return [heading, ...(this.renderRoot.querySelector('kiosk-ticket')?.lines() ?? [])];
    if (this.failure) return [heading, this.failure.message];
    return [
      heading,
      this.step === 'code'
        ? msg(
            'Il codice ha 8 caratteri, lettere e cifre: lo trovi sulla conferma o nell’SMS. Puoi anche mettere il QR sotto il lettore.',
          )
        : msg('Lo trovi sulla tessera sanitaria.'),
      msg('Scrivi con la tastiera sullo schermo, poi tocca Avanti.'),
    ];
  }

  override render() {
    if (this.step === 'manage') {
      return html`<kiosk-my-booking
        .code=${this.code}
        .codiceFiscale=${this.codiceFiscale}
        .catalog=${this.catalog}
        .language=${this.language}
        @kiosk-back=${(e: Event) => {
          e.stopPropagation();
          this.purpose = 'check-in';
          this.step = 'code';
        }}
        @kiosk-checkin-now=${() => {
          this.purpose = 'check-in';
          this.step = 'code';
          void this.submit();
        }}
      ></kiosk-my-booking>`;
    }
    if (this.response) return this.renderResult(this.response);
    if (this.failure) return this.renderFailure(this.failure);
    if (this.busy) {
      return html`<h1 tabindex="-1">${msg('Registra il tuo arrivo')}</h1>
        <kiosk-busy>${msg('Cerco la tua prenotazione…')}</kiosk-busy>`;
    }
    return this.step === 'cf' ? this.renderCf() : this.renderCode();
  }

  private renderCode() {
    const problem = this.codeProblem();
    return html`<h1 tabindex="-1">${msg('Scrivi il codice della prenotazione')}</h1>
      <p>
        ${msg('Il codice ha 8 caratteri, lettere e cifre: lo trovi sulla conferma o nell’SMS. Puoi anche mettere il QR sotto il lettore.')}
      </p>
      <div class="field">
        <kiosk-keypad-field
          .label=${msg('Codice della prenotazione')}
          .value=${this.code}
          .maxLength=${CODE_LENGTH}
          .problem=${problem}
          .ok=${CODE_PATTERN.test(this.code) ? msg('Codice completo') : ''}
          capitalize="characters"
          @kiosk-input=${(e: CustomEvent<string>) => (this.code = normalizeBookingCode(e.detail).slice(0, CODE_LENGTH))}
        ></kiosk-keypad-field>
      </div>
      <div class="actions">
        <button type="button" @click=${() => this.codeNext('check-in')}>${msg('Avanti')}</button>
        <button type="button" class="secondary" @click=${() => this.codeNext('manage')}>
          ${msg('Vedi, sposta o annulla')}
        </button>
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-back')}>
          ${backIcon}${msg('Indietro')}
        </button>
      </div>`;
  }

  private renderCf() {
    const problem = this.cfProblem();
    return html`<h1 tabindex="-1">${msg('Scrivi il tuo codice fiscale')}</h1>
      <p>${msg('Serve per essere sicuri che la prenotazione è tua. Lo trovi sulla tessera sanitaria.')}</p>
      <div class="field">
        <kiosk-keypad-field
          .label=${msg('Codice fiscale')}
          .value=${this.cf}
          .maxLength=${16}
          .problem=${problem}
          .ok=${codiceFiscaleProblem(this.cf) === null ? msg('Codice fiscale corretto') : ''}
          capitalize="characters"
          @kiosk-input=${(e: CustomEvent<string>) => (this.cf = normalizeCodiceFiscale(e.detail).slice(0, 16))}
        ></kiosk-keypad-field>
      </div>
      <div class="actions">
        <button type="button" @click=${() => this.cfNext()}>${msg('Avanti')}</button>
        <button
          type="button"
          class="secondary"
          @click=${() => {
            this.tried = false;
            this.step = 'code';
          }}
        >
          ${backIcon}${msg('Indietro')}
        </button>
      </div>`;
  }

  private renderFailure(failure: Failure) {
    return html`<h1 tabindex="-1">${msg('Non riesco a registrare il tuo arrivo')}</h1>
      <div class="notice error" role="alert"><p>${failure.message}</p></div>
      <div class="actions">
        ${
          failure.fix === 'code'
            ? html`<button
                  type="button"
                  @click=${() => {
                    this.failure = undefined;
                    this.step = 'code';
                  }}
                >
                  ${msg('Correggi il codice')}
                </button>
                ${
                  this.identity
                    ? nothing
                    : html`<button
                        type="button"
                        @click=${() => {
                          this.failure = undefined;
                          this.step = 'cf';
                        }}
                      >
                        ${msg('Correggi il codice fiscale')}
                      </button>`
                }`
            : failure.fix === 'retry'
              ? html`<button type="button" @click=${() => void this.submit()}>${msg('Riprova')}</button>`
              : html`<button type="button" @click=${() => this.manage()}>
                  ${msg('Vedi, sposta o annulla')}
                </button>`
        }
        <button
          type="button"
          class=${failure.fix === 'none' ? '' : 'secondary'}
          @click=${() => emit(this, 'kiosk-done')}
        >
          ${msg('Ho capito')}
        </button>
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-back')}>
          ${backIcon}${msg('Indietro')}
        </button>
      </div>`;
  }

  private renderResult(response: TicketResponse) {
    const canReprint =
      this.print !== 'printing' && this.print !== 'printed' && printerReady(this.printerState);
    return html`<h1 tabindex="-1">${msg('Il tuo arrivo è registrato')}</h1>
      <p>${msg('Ecco il numero del tuo appuntamento: passi prima di chi non ha prenotato.')}</p>
      <kiosk-ticket
        .response=${response}
        .serviceName=${this.serviceName(response)}
        .language=${this.language}
        .print=${this.print}
      ></kiosk-ticket>
      ${finishActions(this, canReprint ? () => void this.printIt() : undefined)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-checkin-screen': KioskCheckinScreen;
  }
}

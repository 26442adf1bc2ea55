/**
 * The booking is made: its code very large (4 + 4), when, how and where, for a web meeting the admission
 * code shown this once, and a printed receipt. If the printer fails the code stays on screen.
 *
 * @event kiosk-done - the citizen has finished.
 * @event kiosk-printed - detail: 'receipt', once the printer has printed it.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type { Booking, Language, PrinterState, PublicSede, Service } from '@sportello/protocol';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { groupCode, spokenCode } from '../../components/kiosk-booking-summary/booking-words.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { greetingName } from '../../session/kiosk-session.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { printerReady, type PrintStatus } from '../ticket-screen/ticket-print.ts';
import { confirmationScreenStyles } from './confirmation-screen.styles.ts';
import { nextStep, printBookingReceipt, receiptPrintBody } from './receipt-print.ts';
import '../../components/kiosk-booking-summary/kiosk-booking-summary.ts';
import '../../components/kiosk-busy/kiosk-busy.ts';
import { finishActions } from '../../components/finish-actions.ts';

@customElement('kiosk-confirmation-screen')
@localizedDecorator()
export class KioskConfirmationScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, noticeStyles, confirmationScreenStyles];

  @property({ attribute: false }) booking?: Booking;
  /** Six digits for entering a web meeting; shown only here, only now. */
  @property() admissionCode?: string;
  @property({ attribute: false }) service?: Service;
  /** The booking's sede: where an in-person appointment happens. */
  @property({ attribute: false }) sede?: PublicSede;
  @property() language: Language = 'it';
  @property() printerState?: PrinterState;

  @state() private print?: PrintStatus;

  protected override willUpdate(): void {
    // Printing starts with the first render, which already says so.
    if (!this.hasUpdated) void this.printIt();
  }

  private async printIt(): Promise<void> {
    if (!this.booking) return;
    this.print = 'printing';
    this.print = await printBookingReceipt(
      receiptPrintBody(this.booking, this.service, this.sede, this.language),
      this.printerState,
    );
    if (this.print === 'printed') emit(this, 'kiosk-printed', 'receipt');
  }

  private printMessage(): string {
    switch (this.print) {
      case 'printing':
        return msg('Sto stampando la ricevuta…');
      case 'printed':
        return msg('Prendi la ricevuta stampata.');
      case 'not-ready':
        return msg('La stampante non funziona in questo momento: la ricevuta non esce.');
      case 'failed':
        return msg('Non sono riuscito a stampare la ricevuta.');
      default:
        return '';
    }
  }

  private get showAdmission(): boolean {
    return this.booking?.mode === 'webMeeting' && !!this.admissionCode;
  }

  speechText(): string[] {
    const booking = this.booking;
    if (!booking) return [msg('Prenotazione confermata')];
    return [
      msg('Prenotazione confermata'),
      `${msg('Codice della prenotazione')}: ${spokenCode(booking.code)}`,
      ...(this.renderRoot.querySelector('kiosk-booking-summary')?.lines() ?? []),
      ...(this.showAdmission && this.admissionCode
        ? [
            `${msg('Codice per entrare nella videochiamata')}: ${[...this.admissionCode].join(' ')}`,
            msg('Lo riceverai anche per SMS.'),
          ]
        : []),
      nextStep(booking),
      this.printMessage(),
      msg('Ho finito'),
    ].filter(Boolean);
  }

  override render() {
    const booking = this.booking;
    if (!booking) {
      return html`<h1>${msg('Prenotazione confermata')}</h1>
        <div class="actions">
          <button type="button" @click=${() => emit(this, 'kiosk-done')}>${msg('Ho finito')}</button>
        </div>`;
    }
    const unprinted = this.print === 'not-ready' || this.print === 'failed';
    const canReprint = unprinted && printerReady(this.printerState);
    return html`
      <h1>${msg('Prenotazione confermata')}</h1>
      <div class="codes">
        <div class="code-box">
          <p class="label" id="code-label">${msg('Codice della prenotazione')}</p>
          <p class="code" aria-describedby="code-label">${groupCode(booking.code)}</p>
          <p>${msg('Serve per presentarti, per cambiare o per annullare l’appuntamento.')}</p>
        </div>
        ${
          this.showAdmission
            ? html`<div class="code-box">
                <p class="label" id="admission-label">${msg('Codice per entrare nella videochiamata')}</p>
                <p class="code" aria-describedby="admission-label">
                  ${this.admissionCode!.slice(0, 3)} ${this.admissionCode!.slice(3)}
                </p>
                <p>
                  ${msg('Lo riceverai anche per SMS. Per la tua sicurezza, su questo schermo lo vedi solo adesso.')}
                </p>
              </div>`
            : nothing
        }
      </div>
      <kiosk-booking-summary
        .service=${this.service}
        .sede=${this.sede}
        .mode=${booking.mode}
        .start=${booking.start}
        .phone=${booking.citizen.phone}
        .name=${greetingName({ codiceFiscale: '', firstName: booking.citizen.firstName, lastName: booking.citizen.lastName, authMethod: booking.authMethod })}
        .language=${this.language}
      ></kiosk-booking-summary>
      <p class="next">${nextStep(booking)}</p>
      ${
        this.print === 'printing'
          ? html`<kiosk-busy>${this.printMessage()}</kiosk-busy>`
          : unprinted
            ? html`<div class="notice warning" role="alert">
                <p><strong>${this.printMessage()}</strong></p>
                <p>${msg('Il codice resta qui sullo schermo: scrivilo o fotografalo con il telefono.')}</p>
              </div>`
            : this.print === 'printed'
              ? html`<div class="notice success" role="status"><p>${this.printMessage()}</p></div>`
              : nothing
      }
      ${finishActions(this, canReprint ? () => void this.printIt() : undefined)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-confirmation-screen': KioskConfirmationScreen;
  }
}

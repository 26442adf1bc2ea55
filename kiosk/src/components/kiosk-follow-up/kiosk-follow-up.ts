/**
 * After a video call: the appointment the official booked during it, as soon as it exists (asked of the
 * server every few seconds while shown), with its code, a printed receipt on request, and the SMS said to
 * be on its way only when the server queued one.
 *
 * @event kiosk-follow-up - detail: the follow-up, once it is known (the end screen keeps the citizen longer).
 * @event kiosk-printed - detail: 'receipt', once the printer has printed it.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type { CatalogResponse, PrinterState, PrintReceiptBody, StationFollowUp } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiProblem } from '../../data/api-client.ts';
import { fetchFollowUp } from '../../data/follow-up.ts';
import { localized } from '../../i18n/locale.ts';
import { nextStep, printBookingReceipt } from '../../screens/confirmation-screen/receipt-print.ts';
import { printerReady, type PrintStatus } from '../../screens/ticket-screen/ticket-print.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { groupCode, modeTitle, slotDateTime, spokenCode } from '../kiosk-booking-summary/booking-words.ts';
import { noticeStyles } from '../notice-styles.ts';

const POLL_MS = 3000;

@customElement('kiosk-follow-up')
@localizedDecorator()
export class KioskFollowUp extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      :host {
        display: block;
        text-align: start;
        margin-block: var(--sp-gap);
      }
      section {
        border: 4px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
        padding: var(--sp-gap);
      }
      h2 {
        margin-block-start: 0;
      }
      .code {
        margin: 0.1em 0;
        font-size: clamp(2.2em, 6vmin, 3.6em);
        font-weight: 700;
        letter-spacing: 0.08em;
        color: var(--sp-primary-dark);
        unicode-bidi: isolate;
        direction: ltr;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.3em 1em;
        font-size: 1.1em;
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  @property() callId?: string;
  @property({ attribute: false }) catalog?: CatalogResponse;
  @property() language = 'it';
  @property() printerState?: PrinterState;

  @state() private followUp?: StationFollowUp;
  @state() private print?: PrintStatus;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.look();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async look(): Promise<void> {
    if (!this.callId || this.followUp) return;
    try {
      const found = await fetchFollowUp(this.callId);
      if (!this.isConnected) return;
      if (found) {
        this.followUp = found;
        emit(this, 'kiosk-follow-up', found);
        return;
      }
    } catch (error) {
      // No such call here (or too old): nothing will come. Unreachable: ask again.
      if (error instanceof ApiProblem && !error.unreachable) return;
    }
    if (this.isConnected) this.timer = setTimeout(() => void this.look(), POLL_MS);
  }

  private get serviceName(): string {
    const service = this.catalog?.services.find((s) => s.id === this.followUp?.service);
    return service ? localized(service.name, this.language) : '';
  }

  private where(followUp: StationFollowUp): string {
    if (followUp.mode === 'callback') return msg('Ti chiamiamo noi al numero che hai dato.');
    if (followUp.mode === 'webMeeting') return msg('Ricevi il collegamento per SMS.');
    const sede = this.catalog?.sedi.find((s) => s.id === followUp.sede);
    return sede ? `${sede.name}, ${sede.address}` : msg('Nella sede INPS scelta');
  }

  receiptBody(followUp: StationFollowUp): PrintReceiptBody {
    const sede = this.catalog?.sedi.find((s) => s.id === followUp.sede);
    return {
      heading: sede?.name ?? 'INPS',
      title: msg('Il tuo nuovo appuntamento'),
      code: groupCode(followUp.code),
      details: [
        ...(this.serviceName ? [this.serviceName] : []),
        `${msg('Come')}: ${modeTitle(followUp.mode)}`,
        `${msg('Quando')}: ${slotDateTime(followUp.start, this.language)}`,
        `${followUp.mode === 'inPerson' ? msg('Dove') : msg('Contatto')}: ${this.where(followUp)}`,
        nextStep(followUp),
      ],
    };
  }

  private async printIt(): Promise<void> {
    const followUp = this.followUp;
    if (!followUp) return;
    this.print = 'printing';
    this.print = await printBookingReceipt(this.receiptBody(followUp), this.printerState);
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

  /** The follow-up's words for reading aloud; none until it is known. */
  lines(): string[] {
    const f = this.followUp;
    if (!f) return [];
    return [
      msg('Il tuo nuovo appuntamento'),
      `${msg('Codice della prenotazione')}: ${spokenCode(f.code)}`,
      this.serviceName,
      `${msg('Come')}: ${modeTitle(f.mode)}`,
      `${msg('Quando')}: ${slotDateTime(f.start, this.language)}`,
      this.where(f),
      f.smsQueued ? msg('Ti mandiamo anche un SMS con questi dati.') : '',
      this.printMessage(),
    ].filter(Boolean);
  }

  override render() {
    const f = this.followUp;
    if (!f) return nothing;
    const canPrint = this.print !== 'printing' && this.print !== 'printed' && printerReady(this.printerState);
    return html`<section aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">${msg('Il tuo nuovo appuntamento')}</h2>
      <p class="label" id="follow-up-code">${msg('Codice della prenotazione')}</p>
      <p class="code" aria-describedby="follow-up-code">${groupCode(f.code)}</p>
      <dl>
        ${
          this.serviceName
            ? html`<dt>${msg('Servizio')}</dt>
                <dd>${this.serviceName}</dd>`
            : nothing
        }
        <dt>${msg('Come')}</dt>
        <dd>${modeTitle(f.mode)}</dd>
        <dt>${msg('Quando')}</dt>
        <dd>${slotDateTime(f.start, this.language)}</dd>
        <dt>${f.mode === 'inPerson' ? msg('Dove') : msg('Contatto')}</dt>
        <dd>${this.where(f)}</dd>
      </dl>
      ${f.smsQueued ? html`<p>${msg('Ti mandiamo anche un SMS con questi dati.')}</p>` : nothing}
      ${
        this.print === 'printed'
          ? html`<div class="notice success" role="status"><p>${this.printMessage()}</p></div>`
          : this.print === 'not-ready' || this.print === 'failed'
            ? html`<div class="notice warning" role="alert">
                <p><strong>${this.printMessage()}</strong></p>
                <p>${msg('Il codice resta qui sullo schermo: scrivilo o fotografalo con il telefono.')}</p>
              </div>`
            : nothing
      }
      ${
        canPrint
          ? html`<div class="actions">
              <button type="button" @click=${() => void this.printIt()}>${msg('Stampa la ricevuta')}</button>
            </div>`
          : this.print === 'printing'
            ? html`<p role="status">${this.printMessage()}</p>`
            : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-follow-up': KioskFollowUp;
  }
}

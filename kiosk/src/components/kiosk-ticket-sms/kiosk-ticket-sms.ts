/**
 * When the ticket could not be printed: the same number by SMS to the citizen's mobile, typed on the keypad.
 * The number is sent once; it is never kept by the kiosk.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PhoneController } from '../../controllers/phone-controller.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { sendTicketSms } from '../../data/server.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { noticeStyles } from '../notice-styles.ts';
import '../kiosk-keypad-field/kiosk-keypad-field.ts';

@customElement('kiosk-ticket-sms')
@localizedDecorator()
export class KioskTicketSms extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      :host {
        display: block;
        margin-block-start: var(--sp-gap);
      }
    `,
  ];

  @property() ticketId = '';
  @property() sede = '';
  @property() language = 'it';
  @state() private open = false;
  @state() private phone = '';
  private readonly phoneCheck = new PhoneController(this, () => this.phone);
  @state() private busy = false;
  @state() private sent = false;
  @state() private error = '';

  private async send(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await sendTicketSms(this.ticketId, { sede: this.sede, phone: this.phone, language: this.language });
      this.sent = true;
      this.phone = '';
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.code === 'already_sent'
          ? msg('Il numero è già stato mandato per SMS.')
          : msg('Non sono riuscito a mandare l’SMS. Fotografa il numero sullo schermo.');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.sent)
      return html`<div class="notice success" role="status">
        <p>${msg('Ti abbiamo mandato il numero per SMS.')}</p>
      </div>`;
    if (!this.open) {
      return html`<button type="button" class="secondary" @click=${() => (this.open = true)}>
        ${msg('Ricevi il numero per SMS')}
      </button>`;
    }
    const number = this.phoneCheck.phone;
    const mobile = number?.mobile ? number : null;
    return html`
      <kiosk-keypad-field
        .label=${msg('Numero di cellulare')}
        .value=${this.phone}
        layout="digits"
        .maxLength=${16}
        .hint=${msg('Lo usiamo solo per mandarti questo numero.')}
        .ok=${mobile ? msg(str`Numero corretto: ${mobile.formatted}`) : ''}
        .problem=${this.phoneCheck.smsProblem()}
        .extraKeys=${[{ key: '+' }]}
        @kiosk-input=${(e: CustomEvent<string>) => {
          e.stopPropagation();
          this.phone = e.detail;
        }}
      ></kiosk-keypad-field>
      ${this.error ? html`<div class="notice warning" role="alert"><p>${this.error}</p></div>` : nothing}
      <div class="actions">
        <button type="button" ?disabled=${!mobile || this.busy} @click=${() => void this.send()}>
          ${this.busy ? msg('Invio in corso…') : msg('Invia l’SMS')}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket-sms': KioskTicketSms;
  }
}

/**
 * After the ticket is printed: "Vuoi un SMS quando mancano 3 persone?", the mobile number typed on the
 * keypad. The server keeps it only until the ticket ends; the kiosk forgets it once sent.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PhoneController } from '../../controllers/phone-controller.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { notifyTicket } from '../../data/server.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { noticeStyles } from '../notice-styles.ts';
import '../kiosk-keypad-field/kiosk-keypad-field.ts';

@customElement('kiosk-ticket-notify')
@localizedDecorator()
export class KioskTicketNotify extends LitElement {
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
  /** The SMS goes when this many people are ahead (from the catalog). */
  @property({ type: Number }) ahead = 3;
  @state() private open = false;
  @state() private phone = '';
  private readonly phoneCheck = new PhoneController(this, () => this.phone);
  @state() private busy = false;
  @state() private done = false;
  @state() private error = '';

  private question(): string {
    return this.ahead === 1
      ? msg('Vuoi un SMS quando manca una sola persona prima di te?')
      : msg(str`Vuoi un SMS quando mancano ${this.ahead} persone prima di te?`);
  }

  private async send(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await notifyTicket(this.ticketId, { sede: this.sede, phone: this.phone });
      this.done = true;
      this.phone = '';
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.code === 'not_waiting'
          ? msg('Il tuo numero è già stato chiamato: guarda il monitor.')
          : msg('Non sono riuscito a registrare il numero di cellulare. Guarda il monitor della sede.');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.done)
      return html`<div class="notice success" role="status">
        <p>${msg('Ti manderemo un SMS quando sarà quasi il tuo turno.')}</p>
      </div>`;
    if (!this.open) {
      return html`<button type="button" class="secondary" @click=${() => (this.open = true)}>
        ${this.question()}
      </button>`;
    }
    const number = this.phoneCheck.phone;
    const mobile = number?.mobile ? number : null;
    return html`
      <p><strong>${this.question()}</strong></p>
      <kiosk-keypad-field
        .label=${msg('Numero di cellulare')}
        .value=${this.phone}
        layout="digits"
        .maxLength=${16}
        .hint=${msg('Lo usiamo solo per questo avviso e lo cancelliamo quando il tuo turno finisce.')}
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
          ${this.busy ? msg('Invio in corso…') : msg('Avvisami per SMS')}
        </button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => (this.open = false)}>
          ${msg('No, grazie')}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket-notify': KioskTicketNotify;
  }
}

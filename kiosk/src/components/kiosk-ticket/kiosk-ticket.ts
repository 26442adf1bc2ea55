/**
 * A queue ticket on screen: the number very large, the service, the people ahead and the wait, and
 * whether the paper ticket came out. When it did not, the number stays here to remember or photograph.
 * Before the server answers (`pending`), the same frame waits with the service and a spinner for the number.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type { TicketResponse } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { queueLines, whenCalled, type PrintStatus } from './ticket-words.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { noticeStyles } from '../notice-styles.ts';
import '../kiosk-busy/kiosk-busy.ts';

@customElement('kiosk-ticket')
@localizedDecorator()
export class KioskTicket extends LitElement {
  static override styles = [
    screenStyles,
    noticeStyles,
    css`
      .ticket {
        display: flex;
        flex-direction: column;
        align-items: center;
        text-align: center;
        padding: var(--sp-gap);
        border: 4px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
      }
      .label {
        margin: 0;
        font-weight: 600;
        color: var(--sp-muted);
      }
      .number {
        margin: 0;
        font-size: clamp(4em, 16vmin, 10em);
        font-weight: 700;
        line-height: 1;
        letter-spacing: 0.05em;
        color: var(--sp-primary-dark);
      }
      .waiting {
        display: inline-block;
        box-sizing: border-box;
        inline-size: 1em;
        block-size: 1em;
        margin: 0.1em;
        border-radius: 50%;
        border: 0.12em solid var(--sp-border);
        border-block-start-color: var(--sp-primary);
        animation: spin 1s linear infinite;
      }
      @media (prefers-reduced-motion: reduce) {
        .waiting {
          animation-duration: 3s;
        }
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      .service {
        font-size: 1.2em;
        font-weight: 600;
        margin: 0.4em 0;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        margin: 0.2em 0;
      }
    `,
  ];

  @property({ attribute: false }) response?: TicketResponse;
  /** The service in the citizen's language. */
  @property() serviceName = '';
  @property() language = 'it';
  /** How printing went; undefined before it starts. */
  @property() print?: PrintStatus;
  /** The number is on its way: the frame is shown at once, filled when the server answers. */
  @property({ type: Boolean }) pending = false;

  /** The ticket as lines, for the speech controller. */
  lines(): string[] {
    if (!this.response) return [];
    return [
      `${msg('Il tuo numero')}: ${[...this.response.ticket.number].join(' ')}`,
      this.serviceName,
      ...queueLines(this.response, this.language),
      this.printMessage(),
      whenCalled(),
    ].filter(Boolean);
  }

  private printMessage(): string {
    switch (this.print) {
      case 'printing':
        return msg('Sto stampando il biglietto…');
      case 'printed':
        return msg('Prendi il biglietto stampato.');
      case 'not-ready':
        return msg(
          'La stampante non funziona in questo momento: il biglietto non esce. Ricorda il tuo numero.',
        );
      case 'failed':
        return msg('Non sono riuscito a stampare il biglietto. Ricorda il tuo numero.');
      default:
        return '';
    }
  }

  override render() {
    if (!this.response) return this.pending ? this.renderPending() : nothing;
    const unprinted = this.print === 'not-ready' || this.print === 'failed';
    return html`
      <div class="ticket">
        <p class="label" id="label">${msg('Il tuo numero')}</p>
        <p class="number" aria-describedby="label">${this.response.ticket.number}</p>
        <p class="service">${this.serviceName}</p>
        <ul>
          ${queueLines(this.response, this.language).map((line) => html`<li>${line}</li>`)}
        </ul>
      </div>
      ${
        this.print === 'printing'
          ? html`<kiosk-busy>${this.printMessage()}</kiosk-busy>`
          : unprinted
            ? html`<div class="notice warning" role="alert">
                <p><strong>${this.printMessage()}</strong></p>
                <p>${msg('Puoi anche fotografare questo schermo con il telefono.')}</p>
              </div>`
            : this.print === 'printed'
              ? html`<div class="notice success" role="status"><p>${this.printMessage()}</p></div>`
              : nothing
      }
      <p>${whenCalled()}</p>
    `;
  }

  private renderPending() {
    return html`<div class="ticket" aria-busy="true">
      <p class="label">${msg('Il tuo numero')}</p>
      <p class="number"><span class="waiting" aria-hidden="true"></span></p>
      <p class="service">${this.serviceName}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket': KioskTicket;
  }
}

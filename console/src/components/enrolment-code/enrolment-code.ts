/**
 * A station's one-time enrolment code, shown once: large enough to read across a room and type on the
 * station's keyboard, as a QR code for a phone, with the command to run and when it expires.
 *
 * @fires console-done - the technician has noted the code
 */
import { localized, msg, str } from '@lit/localize';
import type { EnrolmentCodeResponse } from '@sportello/protocol';
import qrcode from 'qrcode-generator';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { momentText } from '../../i18n/fleet-labels.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('enrolment-code')
@localized()
export class EnrolmentCode extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      section {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: var(--sp-gap);
        align-items: start;
        border: 2px solid var(--sp-success);
        border-radius: var(--sp-radius);
        padding: var(--sp-gap);
      }
      h2 {
        margin-top: 0;
        color: var(--sp-success);
      }
      figure {
        width: 12em;
        margin: 0;
      }
      figure svg {
        display: block;
        width: 100%;
        height: auto;
      }
      .code {
        font-family: ui-monospace, monospace;
        font-size: 2.6em;
        font-weight: 700;
        letter-spacing: 0.08em;
        margin: 0.2em 0;
        word-break: break-all;
      }
      .command {
        font-family: ui-monospace, monospace;
        background: var(--sp-surface);
        padding: 0.4em 0.6em;
        border-radius: var(--sp-radius);
        word-break: break-all;
      }
      @media (max-width: 40em) {
        section {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  /** The code as the server gave it. */
  @property({ attribute: false }) enrolment!: EnrolmentCodeResponse;
  /** The server's address, for the command to type at the station. */
  @property() server = location.origin;

  override render() {
    const { code, station, expiresAt } = this.enrolment;
    const qr = qrcode(0, 'M');
    qr.addData(code);
    qr.make();
    return html`<section aria-labelledby="code-heading">
      <figure role="img" aria-label=${msg('Codice QR del codice di registrazione')}>
        ${unsafeSVG(qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true }))}
      </figure>
      <div>
        <h2 id="code-heading" tabindex="-1">${msg(str`Codice di registrazione per «${station}»`)}</h2>
        <p class="code" aria-label=${msg(str`Codice: ${code.split('').join(' ')}`)}>${code}</p>
        <p>
          <strong>${msg(str`Vale una sola volta, fino alle ${momentText(expiresAt)}.`)}</strong>
          ${msg('Non verrà più mostrato: se scade, creane uno nuovo dalla pagina della stazione.')}
        </p>
        <p>${msg('Sul computer della stazione esegui:')}</p>
        <p class="command">station-agent enroll --server ${this.server} --code ${code}</p>
        <div class="actions">
          <button class="secondary" @click=${() => emit(this, 'console-done')}>
            ${msg('Fatto, l’ho annotato')}
          </button>
        </div>
      </div>
    </section>`;
  }

  /** Moves the focus to the heading, so a screen reader reads the code next. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#code-heading')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'enrolment-code': EnrolmentCode;
  }
}

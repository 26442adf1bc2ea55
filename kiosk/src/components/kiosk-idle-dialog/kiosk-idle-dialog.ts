/**
 * The warning before an idle session ends: a visible countdown and two big choices. For a citizen waiting
 * for a video call (`waiting`), only the question: their place is kept until they answer.
 *
 * @event kiosk-continue - the citizen is still there.
 * @event kiosk-finish - end now.
 */
import { msg, str } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';

@customElement('kiosk-idle-dialog')
export class KioskIdleDialog extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      .backdrop {
        position: fixed;
        inset: 0;
        background: rgb(0 0 0 / 60%);
        display: grid;
        place-items: center;
        z-index: 10;
      }
      .dialog {
        background: var(--k-bg);
        color: var(--k-text);
        border: 4px solid var(--k-primary);
        border-radius: var(--k-radius);
        padding: calc(var(--k-gap) * 1.5);
        max-width: 80vw;
        text-align: center;
      }
      .count {
        font-size: 3em;
        font-weight: 700;
        color: var(--k-primary-dark);
      }
      .actions {
        justify-content: center;
      }
    `,
  ];

  /** Seconds before the session ends. */
  @property({ type: Number }) secondsLeft = 0;
  /** Waiting for a video call: no countdown, the session stays open. */
  @property({ type: Boolean }) waiting = false;

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  }

  override render() {
    return html`<div class="backdrop">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="title"
        aria-describedby="count"
      >
        <h1 id="title">${msg('Sei ancora qui?')}</h1>
        ${
          this.waiting
            ? html`<p id="count" aria-live="assertive">
                ${msg('Sei in coda per la videochiamata. Tocca «Continua» per tenere il tuo posto.')}
              </p>`
            : html`<p id="count" aria-live="assertive">
                <span class="count">${this.secondsLeft}</span><br />
                ${msg(str`Per la tua riservatezza, la sessione si chiude tra ${this.secondsLeft} secondi.`)}
              </p>`
        }
        <div class="actions">
          <button type="button" @click=${() => emit(this, 'kiosk-continue')}>${msg('Continua')}</button>
          <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-finish')}>
            ${msg('Chiudi ora')}
          </button>
        </div>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-idle-dialog': KioskIdleDialog;
  }
}

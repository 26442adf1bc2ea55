/**
 * The warning before an idle session ends: a visible countdown and two big choices. For a citizen waiting
 * for a video call (`waiting`), only the question: their place is kept until they answer.
 *
 * @event kiosk-continue - the citizen is still there.
 * @event kiosk-finish - end now.
 */
import { msg, str } from '@lit/localize';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '../emit.ts';
import { KioskDialog } from '../kiosk-dialog/kiosk-dialog.ts';

@customElement('kiosk-idle-dialog')
export class KioskIdleDialog extends KioskDialog {
  static override styles = [
    KioskDialog.styles,
    css`
      .count {
        font-size: 3em;
        font-weight: 700;
        color: var(--sp-primary-dark);
      }
    `,
  ];

  /** Seconds before the session ends. */
  @property({ type: Number }) secondsLeft = 0;
  /** Waiting for a video call: no countdown, the session stays open. */
  @property({ type: Boolean }) waiting = false;

  private get texts() {
    return {
      title: msg('Sei ancora qui?'),
      body: this.waiting
        ? msg('Sei in coda per la videochiamata. Tocca «Continua» per tenere il tuo posto.')
        : msg(str`Per la tua riservatezza, la sessione si chiude tra ${this.secondsLeft} secondi.`),
      continue: msg('Continua'),
      finish: msg('Chiudi ora'),
    };
  }

  speechText(): string[] {
    const t = this.texts;
    return [t.title, t.body, t.continue, t.finish];
  }

  override render() {
    const t = this.texts;
    return this.frame(
      t.title,
      this.waiting
        ? html`<p id="body" aria-live="assertive">${t.body}</p>`
        : html`<p id="body" aria-live="assertive">
            <span class="count">${this.secondsLeft}</span><br />
            ${t.body}
          </p>`,
      html`<button type="button" @click=${() => emit(this, 'kiosk-continue')}>${t.continue}</button>
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-finish')}>
          ${t.finish}
        </button>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-idle-dialog': KioskIdleDialog;
  }
}

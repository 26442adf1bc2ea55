/**
 * An on-screen keypad for a touch screen without a keyboard: digits, or digits and letters.
 *
 * @event kiosk-input - detail: the new value, after every key.
 * @csspart key - each key.
 */
import { msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';

const LETTER_ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
const DIGIT_ROWS = ['123', '456', '789'];

@customElement('kiosk-keypad')
export class KioskKeypad extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
        user-select: none;
      }
      .row {
        /* Latin letters and phone digits keep their order in Arabic too: QWERTY and 1 2 3 read left to right. */
        direction: ltr;
        display: flex;
        justify-content: center;
        gap: 10px;
        margin-bottom: 10px;
      }
      button {
        /* Ten keys in a row must fit a portrait screen, large text included. */
        min-width: min(calc(var(--sp-target) * 0.95), 8.6vw);
        padding: 0;
        font-size: 1.25em;
        background: var(--sp-surface);
        color: var(--sp-text);
        border-color: var(--sp-border);
      }
      .wide {
        min-width: calc(var(--sp-target) * 2.2);
        font-size: 1em;
      }
    `,
  ];

  /** "digits" for phone numbers and codes, "letters" for a codice fiscale. */
  @property() layout: 'digits' | 'letters' = 'digits';
  /** The current value; the keypad reports changes, the parent keeps the value. */
  @property() value = '';
  @property({ type: Number }) maxLength = 16;
  /** Label of the field the keypad types into, for screen readers. */
  @property() label = '';

  private press(key: string): void {
    if (this.value.length >= this.maxLength) return;
    emit(this, 'kiosk-input', this.value + key);
  }

  override render() {
    const rows = this.layout === 'letters' ? LETTER_ROWS : DIGIT_ROWS;
    return html`
      <div role="group" aria-label=${this.label || msg('Tastiera')}>
        ${rows.map(
          (row) =>
            html`<div class="row">
              ${[...row].map((key) => html`<button part="key" type="button" @click=${() => this.press(key)}>${key}</button>`)}
            </div>`,
        )}
        <div class="row">
          ${
            this.layout === 'digits'
              ? html`<button part="key" type="button" @click=${() => this.press('0')}>0</button>`
              : null
          }
          <button
            part="key"
            class="wide"
            type="button"
            @click=${() => emit(this, 'kiosk-input', this.value.slice(0, -1))}
          >
            <span aria-hidden="true">⌫</span> ${msg('Cancella')}
          </button>
          <button part="key" class="wide" type="button" @click=${() => emit(this, 'kiosk-input', '')}>
            ${msg('Svuota')}
          </button>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-keypad': KioskKeypad;
  }
}

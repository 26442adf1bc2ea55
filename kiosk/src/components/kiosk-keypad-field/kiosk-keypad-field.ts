/**
 * One field typed on the on-screen keypad (a physical keyboard works too): its label, the value large,
 * why it is asked, a live message on what is wrong or right, and optional extra keys (space, +, accents).
 *
 * @event kiosk-input - detail: the new value, after every key.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import '../kiosk-keypad/kiosk-keypad.ts';

export interface ExtraKey {
  key: string;
  /** Spoken and shown name when the key itself says too little, e.g. "Spazio". */
  label?: string;
}

@customElement('kiosk-keypad-field')
@localizedDecorator()
export class KioskKeypadField extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      /* Side by side in landscape, so field and keys fit the screen without scrolling. */
      @media (orientation: landscape) {
        :host {
          display: grid;
          grid-template-columns: minmax(0, 1fr) auto;
          gap: calc(var(--sp-gap) * 2);
          align-items: start;
        }
      }
      label {
        display: block;
        font-weight: 700;
        font-size: 1.1em;
        margin-block-end: 0.3em;
      }
      input {
        box-sizing: border-box;
        inline-size: 100%;
        min-block-size: var(--sp-target);
        font: inherit;
        font-size: 1.6em;
        font-weight: 700;
        letter-spacing: 0.08em;
        padding: 0.1em 0.5em;
        color: var(--sp-text);
        background: var(--sp-bg);
        border: 3px solid var(--sp-border);
        border-radius: var(--sp-radius);
      }
      input[aria-invalid='true'] {
        border-color: var(--sp-danger);
      }
      input:focus-visible {
        outline: 5px solid var(--sp-focus);
        outline-offset: 3px;
      }
      .hint {
        color: var(--sp-muted);
        margin: 0.4em 0 0;
      }
      .message {
        min-block-size: 1.45em;
        margin: 0.4em 0 0.8em;
        font-weight: 600;
      }
      .message.problem {
        color: var(--sp-danger);
      }
      .message.ok {
        color: var(--sp-success);
      }
      .extra {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: 10px;
        margin-block-start: 10px;
      }
      .extra button {
        font-size: 1.25em;
        padding: 0 0.4em;
        min-width: calc(var(--sp-target) * 0.95);
        background: var(--sp-surface);
        color: var(--sp-text);
        border-color: var(--sp-border);
      }
    `,
  ];

  /** The field's visible name. */
  @property() label = '';
  /** The current value; the parent keeps it and passes it back after each kiosk-input. */
  @property() value = '';
  @property() layout: 'digits' | 'letters' = 'letters';
  @property({ type: Number }) maxLength = 40;
  /** Why this is asked or how to write it. */
  @property() hint = '';
  /** What is wrong with the value, shown live; empty when nothing is. */
  @property() problem = '';
  /** A confirmation once the value is right, e.g. "Numero valido". */
  @property() ok = '';
  /** Keys the keypad lacks, shown under it. */
  @property({ attribute: false }) extraKeys: ExtraKey[] = [];
  /** Passed to the input's autocapitalize, for physical keyboards. */
  @property() capitalize = 'off';

  override focus(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  private set(value: string): void {
    emit(this, 'kiosk-input', value.slice(0, this.maxLength));
  }

  override render() {
    const message = this.problem || this.ok;
    return html`<div class="text">
        <label for="field">${this.label}</label>
        <input
          id="field"
          .value=${this.value}
          inputmode="none"
          autocomplete="off"
          autocapitalize=${this.capitalize}
          spellcheck="false"
          maxlength=${this.maxLength}
          aria-invalid=${this.problem ? 'true' : 'false'}
          aria-describedby=${this.hint ? 'hint message' : 'message'}
          @input=${(e: Event) => this.set((e.target as HTMLInputElement).value)}
        />
        ${this.hint ? html`<p class="hint" id="hint">${this.hint}</p>` : nothing}
        <p id="message" class="message ${this.problem ? 'problem' : 'ok'}" aria-live="polite">${message}</p>
      </div>
      <div class="keys">
        <kiosk-keypad
          .layout=${this.layout}
          .value=${this.value}
          .maxLength=${this.maxLength}
          .label=${msg('Tastiera') + ': ' + this.label}
          @kiosk-input=${(e: CustomEvent<string>) => {
            e.stopPropagation();
            this.set(e.detail);
          }}
        ></kiosk-keypad>
        ${
          this.extraKeys.length
            ? html`<div class="extra" role="group" aria-label=${msg('Altri tasti')}>
                ${this.extraKeys.map(
                  ({ key, label }) =>
                    html`<button
                      type="button"
                      aria-label=${label ?? key}
                      @click=${() => this.set(this.value + key)}
                    >
                      ${label ?? key}
                    </button>`,
                )}
              </div>`
            : nothing
        }
      </div> `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-keypad-field': KioskKeypadField;
  }
}

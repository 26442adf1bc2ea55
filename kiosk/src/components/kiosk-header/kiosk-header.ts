/**
 * The band at the top of every screen: who serves you, the accessibility toggles (always reachable),
 * the language, and "Fine" to end the session.
 *
 * @event kiosk-language - detail: the chosen language.
 * @event kiosk-toggle-speech, kiosk-read-screen, kiosk-toggle-large-text, kiosk-toggle-contrast
 * @event kiosk-finish - the citizen ends the session.
 */
import { msg } from '@lit/localize';
import type { Language } from '@sportello/protocol';
import { languageNames, languages } from '@sportello/protocol/plain';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { pictograms, pictogramStyles } from '../pictograms/pictograms.ts';
import { emit } from '../emit.ts';

@customElement('kiosk-header')
export class KioskHeader extends LitElement {
  static override styles = [
    buttonStyles,
    pictogramStyles,
    css`
      header {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 12px;
        padding: 12px calc(var(--sp-gap) * 2);
        background: var(--sp-primary-dark);
        color: #ffffff;
      }
      :host-context([high-contrast]) header {
        background: #000000;
        border-bottom: 3px solid #ffffff;
      }
      .brand {
        display: flex;
        align-items: baseline;
        gap: 0.4em;
        margin-inline-end: auto;
        font-size: 1.3em;
        font-weight: 700;
        letter-spacing: 0.02em;
      }
      .brand small {
        font-weight: 400;
        font-size: 0.7em;
      }
      /* Its own row under the buttons, so the toggles never move when a citizen is recognised. */
      .greeting {
        order: 10;
        flex-basis: 100%;
        font-weight: 600;
      }
      button {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
        min-height: 64px;
        min-width: 64px;
        padding: 0 0.7em;
        font-size: 0.85em;
        background: transparent;
        color: #ffffff;
        border: 2px solid #ffffff;
      }
      :host-context([high-contrast]) button {
        color: #ffe600;
        border-color: #ffe600;
      }
      button[aria-pressed='true'] {
        background: #ffffff;
        color: var(--sp-primary-dark);
      }
      :host-context([high-contrast]) button[aria-pressed='true'] {
        background: #ffe600;
        color: #000000;
      }
      .languages {
        position: absolute;
        inset-inline-end: calc(var(--sp-gap) * 2);
        top: 96px;
        z-index: 5;
        display: grid;
        gap: 8px;
        padding: 12px;
        background: var(--sp-bg);
        border: 3px solid var(--sp-primary);
        border-radius: var(--sp-radius);
      }
      .languages button {
        color: var(--sp-text);
        border-color: var(--sp-border);
        min-width: 240px;
        min-height: var(--sp-target);
        font-size: 1em;
      }
    `,
  ];

  @property() language: Language = 'it';
  /** The languages this station offers (a technician may offer fewer), in order. */
  @property({ attribute: false }) languages: readonly Language[] = languages;
  /** True once a citizen started: shows "Fine". */
  @property({ type: Boolean }) inSession = false;
  @property({ type: Boolean }) speech = false;
  @property({ type: Boolean }) speechAvailable = false;
  @property({ type: Boolean }) largeText = false;
  @property({ type: Boolean }) highContrast = false;
  /** "Maria R." once identified. */
  @property() greeting: string | null = null;
  @property({ type: Boolean }) strongAuth = false;
  @state() private choosingLanguage = false;

  override render() {
    return html`<header>
      <div class="brand" lang="it">INPS <small>Sportello</small></div>
      ${
        this.greeting
          ? html`<span class="greeting" role="status"
              >${msg('Buongiorno')},
              ${this.greeting}${this.strongAuth ? html` · ${msg('accesso sicuro')}` : nothing}</span
            >`
          : nothing
      }
      ${
        this.speechAvailable
          ? html`<button
              type="button"
              aria-pressed=${this.speech}
              @click=${() => emit(this, 'kiosk-toggle-speech')}
            >
              ${pictograms.speaker()} ${msg('Leggi')}
            </button>`
          : nothing
      }
      <button
        type="button"
        aria-pressed=${this.largeText}
        @click=${() => emit(this, 'kiosk-toggle-large-text')}
      >
        ${pictograms.textSize()} ${msg('Testo grande')}
      </button>
      <button
        type="button"
        aria-pressed=${this.highContrast}
        @click=${() => emit(this, 'kiosk-toggle-contrast')}
      >
        ${pictograms.contrast()} ${msg('Contrasto')}
      </button>
      <button
        type="button"
        aria-expanded=${this.choosingLanguage}
        aria-label=${`${msg('Lingua')}: ${languageNames[this.language]}`}
        @click=${() => (this.choosingLanguage = !this.choosingLanguage)}
      >
        ${pictograms.globe()} ${languageNames[this.language]}
      </button>
      ${this.inSession ? html`<button type="button" @click=${() => emit(this, 'kiosk-finish')}>${pictograms.close()} ${msg('Fine')}</button>` : nothing}
      ${
        this.choosingLanguage
          ? html`<div class="languages" role="group" aria-label=${msg('Scegli la lingua')}>
              ${this.languages.map(
                (language) =>
                  html`<button
                    type="button"
                    lang=${language}
                    aria-pressed=${language === this.language}
                    @click=${() => {
                      this.choosingLanguage = false;
                      emit(this, 'kiosk-language', language);
                    }}
                  >
                    ${languageNames[language]}
                  </button>`,
              )}
            </div>`
          : nothing
      }
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-header': KioskHeader;
  }
}

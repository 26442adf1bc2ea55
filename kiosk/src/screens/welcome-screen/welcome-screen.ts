/**
 * The attract screen: the whole upper area is one large "touch to start" target, and the six
 * languages sit below it, each named in itself.
 *
 * @event kiosk-start - the citizen touched the screen to begin.
 * @event kiosk-language - detail: the chosen Language; the app switches and re-renders.
 */
import { localized, msg } from '@lit/localize';
import type { Language } from '@sportello/protocol';
import { languageNames, languages } from '@sportello/protocol/plain';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { welcomeStyles } from './welcome-screen.styles.ts';

@customElement('kiosk-welcome-screen')
@localized()
export class KioskWelcomeScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, pictogramStyles, welcomeStyles];

  /** The language the kiosk speaks now; its button shows as chosen. */
  @property() language: Language = 'it';
  /** The languages this station offers (a technician may offer fewer), in order. */
  @property({ attribute: false }) languages: readonly Language[] = languages;

  private get texts() {
    return {
      title: msg('Benvenuto allo sportello INPS'),
      what: msg(
        'Qui puoi avere informazioni, prendere il numero per lo sportello, parlare con un funzionario o prenotare un appuntamento.',
      ),
      start: msg('Tocca per iniziare'),
      chooseLanguage: msg('Scegli la lingua'),
    };
  }

  /** The screen's words and choices, for reading aloud. */
  speechText(): string[] {
    const t = this.texts;
    return [
      t.title,
      t.what,
      t.start,
      t.chooseLanguage,
      ...this.languages.map((language) => languageNames[language]),
    ];
  }

  override render() {
    const t = this.texts;
    // The stage takes a touch anywhere; the button inside it is the same action for keyboard and switch users.
    return html`
      <div class="stage" @click=${() => emit(this, 'kiosk-start')}>
        <h1>${t.title}</h1>
        <p class="what">${t.what}</p>
        <button type="button" class="start">
          <span class="picture">${pictograms.touch()}</span>
          <span>${t.start}</span>
        </button>
      </div>
      <section class="languages" aria-labelledby="languages-title">
        <h2 id="languages-title">${t.chooseLanguage}</h2>
        <div class="language-grid">
          ${this.languages.map(
            (language) =>
              html`<button
                type="button"
                class="secondary"
                lang=${language}
                aria-pressed=${language === this.language}
                @click=${() => emit(this, 'kiosk-language', language)}
              >
                ${languageNames[language]}
              </button>`,
          )}
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-welcome-screen': KioskWelcomeScreen;
  }
}

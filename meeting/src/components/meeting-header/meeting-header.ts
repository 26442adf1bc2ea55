/**
 * The band at the top of every screen: who is serving the citizen, what the page is, and the language switch.
 *
 * @event meeting-language - detail: the chosen language.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { languageNames, languages } from '@sportello/protocol/languages';
import type { PageLanguage } from '../../i18n/locale.ts';

@customElement('meeting-header')
@localized()
export class MeetingHeader extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      header {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 8px 12px;
        padding: 8px var(--sp-gap);
        background: var(--sp-primary-dark);
        color: #ffffff;
      }
      .brand {
        margin-inline-end: auto;
        display: flex;
        flex-direction: column;
        line-height: 1.15;
      }
      .brand strong {
        font-size: 1.15em;
        letter-spacing: 0.02em;
      }
      .brand span {
        font-size: 0.85em;
      }
      .languages {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      button {
        min-height: 44px;
        padding: 0 0.7em;
        font-size: 0.85em;
        background: transparent;
        color: #ffffff;
        border: 2px solid #ffffff;
      }
      button[aria-pressed='true'] {
        background: #ffffff;
        color: var(--sp-primary-dark);
      }
      button:focus-visible {
        outline-color: var(--sp-focus);
      }
    `,
  ];

  /** The language the page speaks now. */
  @property() language: PageLanguage = 'it';
  /** What the page is, under the brand (the web meeting's when not given). */
  @property() subtitle?: string;

  override render() {
    return html`<header>
      <div class="brand">
        <strong>INPS</strong>
        <span>${this.subtitle ?? msg('Videoappuntamento')}</span>
      </div>
      <div class="languages" role="group" aria-label=${msg('Lingua')}>
        ${languages.map(
          (language) =>
            html`<button
              lang=${language}
              aria-pressed=${language === this.language ? 'true' : 'false'}
              @click=${() => emit(this, 'meeting-language', language)}
            >
              ${languageNames[language]}
            </button>`,
        )}
      </div>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-header': MeetingHeader;
  }
}

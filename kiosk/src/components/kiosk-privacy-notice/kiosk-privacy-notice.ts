/**
 * The privacy notice (informativa sul trattamento dei dati personali) in plain words, scrollable,
 * with "Ho letto e accetto". The words are those of the version the booking will carry, from
 * protocol/src/privacy-notice (the same text /privacy/:version shows). `kind="video"` is the notice for a
 * video call: what the official sees and writes down, and that the call is not recorded.
 *
 * @event kiosk-accept - the citizen read and accepted this version.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import type { Language, PrivacyNoticeSection, PrivacyNoticeText } from '@sportello/protocol';
import { privacyNotice } from '@sportello/protocol/plain';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { getLocale } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { noticeStyles } from '../notice-styles.ts';

@customElement('kiosk-privacy-notice')
@localizedDecorator()
export class KioskPrivacyNotice extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      .text {
        max-block-size: 42vh;
        overflow-y: auto;
        padding: var(--sp-gap);
        border: 3px solid var(--sp-border);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
      }
      .text:focus-visible {
        outline: 5px solid var(--sp-focus);
        outline-offset: 3px;
      }
      h3 {
        font-size: 1em;
        margin: 1em 0 0.2em;
      }
      h3:first-of-type {
        margin-block-start: 0;
      }
      .version {
        color: var(--sp-muted);
        font-size: 0.85em;
      }
    `,
  ];

  /** The notice version the server requires; it goes into the booking. */
  @property() version = '';
  /** booking: an appointment; video: a video call now. */
  @property() kind: 'booking' | 'video' = 'booking';

  /** The notice as sentences, then the button to accept it, for the speech controller. */
  lines(): string[] {
    const text = this.text();
    if (!text) return [this.missing()];
    return [
      ...this.sections(text).flatMap(({ heading, text }) => [heading, text]),
      msg('Ho letto e accetto'),
    ];
  }

  /** This version's words in the kiosk's language; none when the station's bundle is older than the version. */
  private text(): PrivacyNoticeText | undefined {
    return privacyNotice(this.version)?.[getLocale() as Language];
  }

  private sections(text: PrivacyNoticeText): PrivacyNoticeSection[] {
    return this.kind === 'video' ? text.video : text.booking;
  }

  private missing(): string {
    return msg(
      str`Questa postazione non ha il testo dell’informativa sulla privacy in vigore (versione ${this.version}), quindi non puoi accettarla qui. Chiedi aiuto al personale.`,
    );
  }

  override render() {
    const text = this.text();
    return html`
      <div class="text" tabindex="0" role="region" aria-labelledby="title">
        <h2 id="title">${this.noticeTitle(text)}</h2>
        ${
          text
            ? html`<p class="version">${msg(str`Versione ${this.version}`)}</p>
                ${this.sections(text).map(
                  ({ heading, text }) =>
                    html`<h3>${heading}</h3>
                      <p>${text}</p>`,
                )}`
            : html`<div class="notice warning" role="alert"><p>${this.missing()}</p></div>`
        }
      </div>
      ${
        // Another version's words would be accepted in the name of this one: no text, no accepting.
        text
          ? html`<div class="actions">
              <button type="button" @click=${() => emit(this, 'kiosk-accept')}>
                ${msg('Ho letto e accetto')}
              </button>
            </div>`
          : nothing
      }
    `;
  }

  private noticeTitle(text: PrivacyNoticeText | undefined): string {
    if (text) return this.kind === 'video' ? text.videoTitle : text.title;
    return this.kind === 'video'
      ? msg('Informativa sulla privacy per la videochiamata')
      : msg('Informativa sulla privacy');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-privacy-notice': KioskPrivacyNotice;
  }
}

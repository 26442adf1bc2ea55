/**
 * A telephone callback offered in one touch: the first free time, large, with "Prenota questa richiamata",
 * and "Scegli un altro orario" beside it. Without a free time it says so and offers another way.
 *
 * @event kiosk-book-callback - detail: the Slot to book.
 * @event kiosk-other-time - the citizen wants to pick the day and time.
 * @event kiosk-other-way - no callback time: back to the ways of being served.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type { Slot } from '@sportello/protocol';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { slotDateTime } from '../kiosk-booking-summary/booking-words.ts';
import { pictograms, pictogramStyles } from '../pictograms/pictograms.ts';
import '../kiosk-busy/kiosk-busy.ts';

@customElement('kiosk-callback-offer')
@localizedDecorator()
export class KioskCallbackOffer extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    pictogramStyles,
    css`
      .offer {
        display: flex;
        align-items: center;
        gap: var(--sp-gap);
        padding: var(--sp-gap);
        border: 3px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
      }
      .picture {
        font-size: 3.5em;
        color: var(--sp-primary-dark);
      }
      .when {
        display: block;
        font-size: 1.4em;
        font-weight: 700;
        margin-block-start: 0.2em;
      }
      .offer p {
        margin: 0;
      }
      .book {
        font-size: 1.15em;
      }
    `,
  ];

  /** The time to offer; null when there is none, undefined while it is looked up. */
  @property({ attribute: false }) offered?: Slot | null;
  @property() language = 'it';

  /** The offer as sentences, for reading aloud. */
  lines(): string[] {
    if (this.offered === undefined) return [msg('Cerco il primo orario libero per una telefonata…')];
    if (this.offered === null)
      return [msg('Nei prossimi giorni non ci sono orari liberi per una telefonata.')];
    return [
      msg('Un funzionario ti può telefonare'),
      slotDateTime(this.offered.start, this.language),
      msg('Prenota questa richiamata'),
      msg('Scegli un altro orario'),
    ];
  }

  override render() {
    if (this.offered === undefined)
      return html`<kiosk-busy>${msg('Cerco il primo orario libero per una telefonata…')}</kiosk-busy>`;
    if (this.offered === null)
      return html`<p>${msg('Nei prossimi giorni non ci sono orari liberi per una telefonata.')}</p>
        <div class="actions">
          <button type="button" @click=${() => emit(this, 'kiosk-other-way')}>
            ${msg('Scegli un altro modo')}
          </button>
        </div>`;
    const slot = this.offered;
    return html`<div class="offer">
        <span class="picture">${pictograms.calendar()}</span>
        <p>
          ${msg('Un funzionario ti può telefonare')}
          <strong class="when">${slotDateTime(slot.start, this.language)}</strong>
        </p>
      </div>
      <div class="actions">
        <button type="button" class="book" @click=${() => emit(this, 'kiosk-book-callback', slot)}>
          ${msg('Prenota questa richiamata')}
        </button>
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-other-time')}>
          ${msg('Scegli un altro orario')}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-callback-offer': KioskCallbackOffer;
  }
}

/**
 * The sede's counters to choose from at the start of a shift: each with what it serves and whether
 * someone already has it open.
 *
 * @event console-counter-picked - detail: { counter } the id chosen.
 */
import { localized, msg, str } from '@lit/localize';
import type { CatalogResponse, CounterState } from '@sportello/protocol';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { counterStatusText } from '../../i18n/floor-labels.ts';
import { localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('counter-picker')
@localized()
export class CounterPicker extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
        gap: var(--sp-gap);
      }
      button {
        width: 100%;
        min-height: 6em;
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 0.2em;
        text-align: left;
        padding: 0.6em 1em;
      }
      .name {
        font-size: 1.3em;
      }
      .detail {
        font-weight: 400;
      }
    `,
  ];

  @property({ attribute: false }) counters: CounterState[] = [];
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The signed-in clerk: their own open counter is no one else's. */
  @property() username = '';

  override render() {
    return html`<ul aria-label=${msg('Sportelli della sede')}>
      ${this.counters.map((c) => {
        const sectors = this.sectorNames(c.services).join(', ');
        const state =
          c.status !== 'closed' && c.clerk && c.clerk !== this.username
            ? msg(str`${counterStatusText(c.status)} · lo usa ${c.clerk}`)
            : counterStatusText(c.status);
        return html`<li>
          <button
            class="secondary"
            @click=${() => emit(this, 'console-counter-picked', { counter: c.counter })}
          >
            <span class="name">${c.name}</span>
            <span class="detail">${state}</span>
            <span class="detail">${sectors}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  /** The sectors of the services it calls: shorter to read than every service's name. */
  private sectorNames(services: string[]): string[] {
    if (!this.catalog) return services;
    const catalog = this.catalog;
    const ids = new Set(services.map((id) => catalog.services.find((s) => s.id === id)?.sector ?? id));
    return [...ids].map((id) => {
      const sector = catalog.sectors.find((s) => s.id === id);
      return sector ? localizedText(sector.name) : id;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-picker': CounterPicker;
  }
}

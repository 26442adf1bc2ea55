/**
 * What is about to be booked, in plain words: service, how, when, where or the (masked) phone, for whom.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type { BookingMode, PublicSede, Service } from '@sportello/protocol';
import { maskPhone } from '@sportello/protocol/plain';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized } from '../../i18n/locale.ts';
import { modeTitle, slotDateTime, whereOrHow } from './booking-words.ts';

@customElement('kiosk-booking-summary')
@localizedDecorator()
export class KioskBookingSummary extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(8em, max-content) 1fr;
      gap: 0.6em 1.2em;
      margin: 0;
      padding: var(--sp-gap);
      background: var(--sp-surface);
      border: 3px solid var(--sp-border);
      border-radius: var(--sp-radius);
    }
    dt {
      color: var(--sp-muted);
      font-weight: 600;
    }
    dd {
      margin: 0;
      font-weight: 600;
    }
    .when {
      font-size: 1.25em;
      font-weight: 700;
    }
    @media (max-width: 800px) {
      dl {
        grid-template-columns: 1fr;
        gap: 0.2em;
      }
      dd {
        margin-block-end: 0.6em;
      }
    }
  `;

  @property({ attribute: false }) service?: Service;
  @property({ attribute: false }) sede?: PublicSede;
  @property() mode: BookingMode = 'inPerson';
  /** Start of the chosen slot (ISO). */
  @property() start = '';
  /** The citizen's phone in E.164; shown masked. */
  @property() phone = '';
  /** "Maria R.", never the full name or codice fiscale. */
  @property() name: string | null = null;
  @property() language = 'it';

  /** The same facts as lines, for the speech controller. */
  lines(): string[] {
    return [
      this.service ? `${msg('Servizio')}: ${localized(this.service.name, this.language)}` : '',
      `${msg('Come')}: ${modeTitle(this.mode)}`,
      this.start ? `${msg('Quando')}: ${slotDateTime(this.start, this.language)}` : '',
      `${this.mode === 'inPerson' ? msg('Dove') : msg('Contatto')}: ${whereOrHow(this.mode, this.sede, this.phone)}`,
    ].filter(Boolean);
  }

  override render() {
    return html`<dl>
      ${
        this.service
          ? html`<dt>${msg('Servizio')}</dt>
              <dd>${localized(this.service.name, this.language)}</dd>`
          : nothing
      }
      <dt>${msg('Come')}</dt>
      <dd>${modeTitle(this.mode)}</dd>
      <dt>${msg('Quando')}</dt>
      <dd class="when">${this.start ? slotDateTime(this.start, this.language) : ''}</dd>
      <dt>${this.mode === 'inPerson' ? msg('Dove') : msg('Contatto')}</dt>
      <dd>${whereOrHow(this.mode, this.sede, this.phone)}</dd>
      ${
        this.mode === 'inPerson' && this.phone
          ? html`<dt>${msg('Telefono')}</dt>
              <dd>${maskPhone(this.phone)}</dd>`
          : nothing
      }
      ${
        this.name
          ? html`<dt>${msg('A nome di')}</dt>
              <dd>${this.name}</dd>`
          : nothing
      }
    </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-booking-summary': KioskBookingSummary;
  }
}

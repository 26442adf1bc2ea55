/**
 * The station is out of service, by the technician's choice (pushed from the console): says so in large
 * plain words with the technician's own message, that it is nobody's fault, and where to turn instead.
 * Shown in place of the welcome screen, so a citizen already being served finishes first.
 */
import { localized, msg, str } from '@lit/localize';
import type { Sede } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { pictureHeadStyles } from '../../components/picture-head-styles.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('kiosk-out-of-service-screen')
@localized()
export class KioskOutOfServiceScreen extends LitElement {
  static override styles = [
    screenStyles,
    pictogramStyles,
    pictureHeadStyles,
    css`
      .picture {
        font-size: 4.5em;
        color: var(--sp-danger);
      }
      .message {
        background: var(--sp-warning-bg);
        border: 3px solid var(--sp-border);
        border-inline-start: 12px solid var(--sp-danger);
        border-radius: var(--sp-radius);
        padding: 1em 1.4em;
        max-inline-size: 46em;
      }
      .technician {
        font-size: 1.35em;
        font-weight: 600;
        margin-block: 0 0.6em;
      }
      h2 {
        margin-block-start: 1em;
      }
      ul {
        margin: 0;
        padding-inline-start: 1.4em;
        line-height: 1.45;
      }
      li + li {
        margin-block-start: 0.5em;
      }
    `,
  ];

  /** The technician's message, in their words (Italian). */
  @property() message = '';
  /** The office that serves this station, for a station away from it (at a town hall): go there instead. */
  @property({ attribute: false }) sede?: Sede;

  private steps(): string[] {
    return [
      ...(this.sede
        ? [
            msg(
              str`Puoi andare all’ufficio INPS che serve questo Comune: ${this.sede.name}, ${this.sede.address}.`,
            ),
          ]
        : []),
      msg('Chiedi aiuto al personale dell’ufficio o del Comune.'),
      msg('Puoi anche chiamare l’INPS: 803 164 da telefono fisso (gratis), 06 164 164 da cellulare.'),
    ];
  }

  /** The screen's words, for reading aloud. */
  speechText(): string[] {
    return [
      msg('Questo sportello è fuori servizio'),
      this.message,
      msg('Non è colpa tua. Tornerà a funzionare appena possibile.'),
      msg('Cosa puoi fare adesso'),
      ...this.steps(),
    ];
  }

  override render() {
    return html`
      <div class="head">
        <span class="picture">${pictograms.stationOff()}</span>
        <h1>${msg('Questo sportello è fuori servizio')}</h1>
      </div>
      <div class="message" role="status">
        ${this.message ? html`<p class="technician" lang="it">${this.message}</p>` : nothing}
        <p>${msg('Non è colpa tua. Tornerà a funzionare appena possibile.')}</p>
        <h2>${msg('Cosa puoi fare adesso')}</h2>
        <ul>
          ${this.steps().map((step) => html`<li>${step}</li>`)}
        </ul>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-out-of-service-screen': KioskOutOfServiceScreen;
  }
}

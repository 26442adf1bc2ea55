/**
 * A role's work that has no screen in the console yet: says plainly what that person can do today and
 * where (the API and its documentation), rather than a blank "coming soon".
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { screenStyles } from '../../theme/tokens.ts';

export type ViaApiTopic = 'stations' | 'administration';

const DOCS = '/api/v1/docs/';

@customElement('via-api-screen')
@localized()
export class ViaApiScreen extends LitElement {
  static override styles = [
    screenStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 50em;
      }
      ul {
        line-height: 1.6;
      }
      a {
        color: var(--sp-primary-dark);
        font-weight: 600;
      }
    `,
  ];

  /** Which work the page is about. */
  @property() topic: ViaApiTopic = 'stations';

  @query('h1') private heading!: HTMLElement;

  override firstUpdated(): void {
    this.heading.focus();
  }

  override render() {
    const [title, items] =
      this.topic === 'stations'
        ? [
            msg('Stazioni'),
            [
              msg('creare un codice monouso per registrare una stazione;'),
              msg('vedere le stazioni, se sono collegate e lo stato dei loro dispositivi.'),
            ],
          ]
        : [
            msg('Amministrazione'),
            [
              msg('leggere il registro degli accessi ai dati dei cittadini, giorno per giorno;'),
              msg('vedere i messaggi SMS in uscita: in attesa, inviati, non consegnati.'),
            ],
          ];
    return html`<main>
      <h1 tabindex="-1">${title}</h1>
      <p>${msg('Questa parte non ha ancora una schermata nella console. Oggi, con il tuo account, puoi:')}</p>
      <ul>
        ${items.map((item) => html`<li>${item}</li>`)}
      </ul>
      <p>
        ${msg('Si fa tramite l’API del server, con le credenziali di questa console:')}
        <a href=${DOCS} target="_blank" rel="noopener">${msg('documentazione dell’API')}</a>
        ${msg('(si apre in una nuova scheda).')}
      </p>
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'via-api-screen': ViaApiScreen;
  }
}

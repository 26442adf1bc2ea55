/**
 * After admission, for a web meeting held in Microsoft Teams: the links that open it in the Teams app or in
 * the browser. Where the Teams meeting could not be made in time, the citizen is told the call is held on
 * this page instead and goes on to the camera check.
 *
 * @event meeting-use-page - the call is held here (the fallback): on to the device check.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { screenStyles } from '../../theme/tokens.ts';

/** The Teams app's own link for a web join link (https://teams.microsoft.com/l/… → msteams:/l/…). */
export function teamsAppUrl(joinWebUrl: string): string {
  return joinWebUrl.replace(/^https:\/\/teams\.microsoft\.com\//, 'msteams:/');
}

@customElement('meeting-teams-screen')
@localized()
export class TeamsScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      :host {
        max-width: 40em;
      }
      a.button {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        font-weight: 600;
        min-height: var(--sp-target);
        padding: 0.3em 1.1em;
        border-radius: var(--sp-radius);
        border: 2px solid var(--sp-primary);
        background: var(--sp-primary);
        color: var(--sp-on-primary);
        text-decoration: none;
      }
      a.button.secondary {
        background: var(--sp-bg);
        color: var(--sp-primary-dark);
      }
      a.button:focus-visible {
        outline: var(--sp-focus-width) solid var(--sp-focus);
        outline-offset: var(--sp-focus-offset);
      }
      @media (max-width: 480px) {
        .actions a.button {
          flex: 1 1 100%;
        }
      }
    `,
  ];

  /** Teams' join link; absent: the fallback, the call is held on this page. */
  @property() joinUrl?: string;
  @query('h1') private heading!: HTMLElement;

  override firstUpdated(): void {
    this.heading.focus();
  }

  override render() {
    if (!this.joinUrl)
      return html`<h1 tabindex="-1">${msg('La videochiamata si terrà in questa pagina')}</h1>
        <div class="notice">
          <p>${msg('Il collegamento a Microsoft Teams non è pronto. Non devi fare niente di diverso:')}</p>
          <p>${msg('il funzionario ti aspetta qui, alla stessa ora, con lo stesso codice.')}</p>
        </div>
        <div class="actions">
          <button @click=${() => emit(this, 'meeting-use-page')}>${msg('Continua')}</button>
        </div>`;
    return html`<h1 tabindex="-1">${msg('Il videoappuntamento si svolge su Microsoft Teams')}</h1>
      <p>
        ${msg("Entrerai nella sala d'attesa di Teams: il funzionario ti farà entrare all'ora dell'appuntamento.")}
      </p>
      <p>${msg("Tieni a portata di mano il documento d'identità.")}</p>
      <div class="actions">
        <a class="button" href=${teamsAppUrl(this.joinUrl)} data-testid="teams-app"
          >${msg('Apri in Teams')}</a
        >
        <a
          class="button secondary"
          href=${this.joinUrl}
          target="_blank"
          rel="noopener"
          data-testid="teams-web"
          >${msg('Apri nel browser')}</a
        >
      </div>
      <p class="muted">
        ${msg("Non hai l'app Teams? Scegli «Apri nel browser»: non serve installare niente.")}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-teams-screen': TeamsScreen;
  }
}

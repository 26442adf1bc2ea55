/**
 * Where the meeting ends: thanks after the official closed the call, the citizen's own hang-up, a call
 * that failed or broke off (the office calls back), the meeting opened elsewhere, or no camera to be
 * identified with.
 *
 * @event meeting-rejoin - back to the waiting room (the citizen ended by mistake, or the call broke off).
 * @event meeting-retry-devices - try the camera again.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { contactCentre } from '../../components/contact-centre.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { screenStyles } from '../../theme/tokens.ts';

export type Ending = 'thanks' | 'left' | 'media-failed' | 'interrupted' | 'replaced' | 'no-camera';

@customElement('meeting-end-screen')
@localized()
export class EndScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      :host {
        max-width: 40em;
      }
    `,
  ];

  @property() ending: Ending = 'thanks';
  @query('h1') private heading!: HTMLElement;

  override firstUpdated(): void {
    this.heading.focus();
  }

  override render() {
    switch (this.ending) {
      case 'thanks':
        return html`<h1 tabindex="-1">${msg('Grazie, la videochiamata è terminata')}</h1>
          <p>${msg('Il funzionario ha chiuso la chiamata. La videocamera e il microfono sono spenti.')}</p>
          <p>
            ${msg('Se il funzionario ti ha fissato un nuovo appuntamento, riceverai un SMS con i dettagli.')}
          </p>
          <p class="muted">${msg('Puoi chiudere questa pagina.')}</p>`;
      case 'left':
        return html`<h1 tabindex="-1">${msg('Hai chiuso la videochiamata')}</h1>
          <p>${msg('La videocamera e il microfono sono spenti.')}</p>
          <p>
            ${msg("Se l'hai chiusa per sbaglio, puoi tornare nella sala d'attesa: il funzionario ti ammetterà di nuovo.")}
          </p>
          <div class="actions">
            <button @click=${() => emit(this, 'meeting-rejoin')}>${msg("Torna nella sala d'attesa")}</button>
          </div>
          <p class="muted">${msg('Altrimenti puoi chiudere questa pagina.')}</p>`;
      case 'interrupted':
        return html`<h1 tabindex="-1">${msg('La videochiamata si è interrotta')}</h1>
          <p>${msg("Torna nella sala d'attesa: il funzionario ti ammetterà di nuovo.")}</p>
          <div class="actions">
            <button @click=${() => emit(this, 'meeting-rejoin')}>${msg("Torna nella sala d'attesa")}</button>
          </div>
          <p>
            ${msg("Se non riesce a collegarsi con te, l'ufficio ti chiamerà al numero di telefono della prenotazione.")}
          </p>`;
      case 'replaced':
        return html`<h1 tabindex="-1">${msg("Il videoappuntamento è aperto in un'altra finestra")}</h1>
          <p>${msg('Lo hai aperto di nuovo, qui o su un altro dispositivo: continua da lì.')}</p>
          <p>${msg('Qui la videocamera e il microfono sono spenti. Puoi chiudere questa pagina.')}</p>`;
      case 'media-failed':
        return html`<h1 tabindex="-1">${msg('La videochiamata non è riuscita')}</h1>
          <div class="notice">
            <p><strong>${msg('Il funzionario ti richiamerà al telefono.')}</strong></p>
            <p>
              ${msg('Ti chiamerà al numero che hai dato con la prenotazione: tieni il telefono a portata di mano.')}
            </p>
          </div>
          <p>${msg('La videocamera e il microfono sono spenti. Puoi chiudere questa pagina.')}</p>`;
      case 'no-camera':
        return html`<h1 tabindex="-1">${msg('Senza videocamera non possiamo fare la videochiamata')}</h1>
          <p>
            ${msg("Per riconoscerti, il funzionario deve vedere il tuo viso e il tuo documento d'identità.")}
          </p>
          <div class="notice">
            <p>
              <strong>${msg('Resta raggiungibile al telefono:')}</strong>
              ${msg("se non ti colleghi, all'ora dell'appuntamento l'ufficio ti chiamerà al numero della prenotazione.")}
            </p>
            <p>${msg('Puoi anche chiamare tu il Contact Center:')}</p>
            ${contactCentre()}
          </div>
          <p>${msg('Hai trovato una videocamera, o un telefono con la fotocamera?')}</p>
          <div class="actions">
            <button class="secondary" @click=${() => emit(this, 'meeting-retry-devices')}>
              ${msg('Prova di nuovo la videocamera')}
            </button>
          </div>`;
      default:
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-end-screen': EndScreen;
  }
}

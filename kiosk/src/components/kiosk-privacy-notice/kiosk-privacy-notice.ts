/**
 * The privacy notice (informativa sul trattamento dei dati personali) in plain words, scrollable,
 * with "Ho letto e accetto". The version shown is the one the booking will carry. `kind="video"` is the
 * notice for a video call: what the official sees and writes down, and that the call is not recorded.
 *
 * @event kiosk-accept - the citizen read and accepted this version.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';

@customElement('kiosk-privacy-notice')
@localizedDecorator()
export class KioskPrivacyNotice extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      .text {
        max-block-size: 42vh;
        overflow-y: auto;
        padding: var(--k-gap);
        border: 3px solid var(--k-border);
        border-radius: var(--k-radius);
        background: var(--k-surface);
      }
      .text:focus-visible {
        outline: 5px solid var(--k-focus);
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
        color: var(--k-muted);
        font-size: 0.85em;
      }
    `,
  ];

  /** The notice version the server requires; it goes into the booking. */
  @property() version = '';
  /** booking: an appointment; video: a video call now. */
  @property() kind: 'booking' | 'video' = 'booking';

  /** The notice as sentences, for the speech controller. */
  lines(): string[] {
    return this.sections().flatMap(([title, text]) => [title, text]);
  }

  private sections(): [string, string][] {
    return this.kind === 'video' ? this.videoSections() : this.bookingSections();
  }

  private videoSections(): [string, string][] {
    const booking = this.bookingSections();
    const who = booking[0]!;
    const rights = booking.at(-1)!;
    return [
      who,
      [
        msg('La videochiamata non viene registrata'),
        msg('Il funzionario ti vede e ti sente solo mentre parlate. Nessuno registra le immagini o la voce.'),
      ],
      [
        msg('Cosa scrive il funzionario'),
        msg(
          'Per essere sicuro che sei tu, il funzionario guarda il tuo documento d’identità e scrive: che documento è, le ultime 4 lettere o cifre del numero, se è valido e se la foto è la tua. Se qualcuno ti aiuta, fa lo stesso con il suo documento.',
        ),
      ],
      [
        msg('Quali dati riceve il funzionario'),
        msg(
          'Il tuo codice fiscale, il tuo nome se lo conosciamo, il servizio che hai scelto e il nome di chi ti aiuta. Servono solo per rispondere alla tua richiesta.',
        ),
      ],
      [
        msg('Per quanto tempo'),
        msg(
          'Cancelliamo questi dati 90 giorni dopo la chiamata. Teniamo solo numeri anonimi per le statistiche.',
        ),
      ],
      [
        msg('Su questa postazione'),
        msg(
          'Alla fine la telecamera si spegne e la postazione cancella tutto quello che hai inserito. Nessuno dopo di te lo può vedere.',
        ),
      ],
      rights,
    ];
  }

  private bookingSections(): [string, string][] {
    return [
      [
        msg('Chi usa i tuoi dati'),
        msg('L’INPS, l’Istituto Nazionale della Previdenza Sociale, è responsabile dei tuoi dati.'),
      ],
      [
        msg('Quali dati'),
        msg(
          'Il tuo codice fiscale, il tuo nome e cognome, il tuo numero di telefono, il giorno e l’ora dell’appuntamento.',
        ),
      ],
      [
        msg('Perché'),
        msg(
          'Per fissare l’appuntamento, per chiamarti o mandarti SMS su questo appuntamento e per riconoscerti quando arrivi. Non li usiamo per altro e non li usiamo per pubblicità.',
        ),
      ],
      [
        msg('Per quanto tempo'),
        msg(
          'Cancelliamo i tuoi dati 90 giorni dopo l’appuntamento. Teniamo solo numeri anonimi per le statistiche.',
        ),
      ],
      [
        msg('Su questa postazione'),
        msg(
          'Quando hai finito, la postazione cancella tutto quello che hai inserito. Nessuno dopo di te lo può vedere.',
        ),
      ],
      [
        msg('I tuoi diritti'),
        msg(
          'Puoi chiedere di vedere, correggere o cancellare i tuoi dati in qualsiasi sede INPS o sul sito inps.it. Puoi anche rivolgerti al Garante per la protezione dei dati personali.',
        ),
      ],
    ];
  }

  override render() {
    return html`
      <div class="text" tabindex="0" role="region" aria-labelledby="title">
        <h2 id="title">
          ${this.kind === 'video' ? msg('Informativa sulla privacy per la videochiamata') : msg('Informativa sulla privacy')}
        </h2>
        <p class="version">${msg(str`Versione ${this.version}`)}</p>
        ${this.sections().map(
          ([title, text]) =>
            html`<h3>${title}</h3>
              <p>${text}</p>`,
        )}
      </div>
      <div class="actions">
        <button type="button" @click=${() => emit(this, 'kiosk-accept')}>${msg('Ho letto e accetto')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-privacy-notice': KioskPrivacyNotice;
  }
}

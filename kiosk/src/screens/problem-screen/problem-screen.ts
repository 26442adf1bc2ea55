/**
 * Something went wrong: says in plain words what happened, that it is not the citizen's fault when it
 * is not, and what they can do now. Never a dead end.
 *
 * @event kiosk-retry - try again.
 * @event kiosk-done - give up for now and go back to the start.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { pictureHeadStyles } from '../../components/picture-head-styles.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import { screenStyles } from '../../theme/tokens.ts';

export type ProblemKind =
  | 'agent-unreachable'
  | 'server-unreachable'
  | 'not-enrolled'
  | 'card-unreadable'
  | 'wrong-card'
  | 'printer-out'
  | 'no-slots';

interface Explanation {
  picture: () => TemplateResult;
  title: string;
  happened: string;
  /** What the citizen can do now, one step a line. */
  steps: string[];
  retry: string;
  done: string;
}

@customElement('kiosk-problem-screen')
@localized()
export class KioskProblemScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
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
      .happened {
        font-size: 1.15em;
        font-weight: 600;
      }
      h2 {
        margin-block-start: 1em;
      }
      ol {
        margin: 0;
        padding-inline-start: 1.4em;
        line-height: 1.45;
      }
      li + li {
        margin-block-start: 0.5em;
      }
      .actions button {
        min-inline-size: 9em;
      }
    `,
  ];

  /** What went wrong; unknown or missing shows a general message. */
  @property() kind?: ProblemKind;

  private get explanation(): Explanation {
    const retry = msg('Riprova');
    const done = msg('Torna all’inizio');
    const askStaff = msg('Chiedi aiuto al personale dell’ufficio o del Comune.');
    const contactCenter = msg(
      'Puoi anche chiamare l’INPS: 803 164 da telefono fisso (gratis), 06 164 164 da cellulare.',
    );
    switch (this.kind) {
      case 'agent-unreachable':
        return {
          picture: pictograms.stationOff,
          title: msg('Questo sportello non funziona in questo momento'),
          happened: msg('L’apparecchio ha un problema tecnico. Non è colpa tua.'),
          steps: [msg('Tocca «Riprova» tra qualche minuto.'), askStaff, contactCenter],
          retry,
          done,
        };
      case 'server-unreachable':
        return {
          picture: pictograms.connectionOff,
          title: msg('Non riusciamo a collegarci con l’INPS'),
          happened: msg('Il collegamento con l’INPS si è interrotto. Non è colpa tua.'),
          steps: [
            msg('Tocca «Riprova» tra qualche minuto, oppure torna più tardi.'),
            askStaff,
            contactCenter,
          ],
          retry,
          done,
        };
      case 'not-enrolled':
        return {
          picture: pictograms.stationOff,
          title: msg('Questo sportello non è ancora pronto'),
          happened: msg('L’apparecchio non è stato ancora attivato dal tecnico.'),
          steps: [askStaff, contactCenter],
          retry,
          done,
        };
      case 'card-unreadable':
        return {
          picture: pictograms.cardProblem,
          title: msg('Non riusciamo a leggere la tessera'),
          happened: msg(
            'Può succedere se la tessera è girata al contrario, è sporca o si è tolta troppo presto.',
          ),
          steps: [
            msg(
              'Togli la tessera e inseriscila di nuovo, con il chip dorato come nel disegno sul lettore. Lasciala dentro.',
            ),
            msg('Oppure scrivi il tuo codice fiscale sulla tastiera dello schermo.'),
          ],
          retry,
          done,
        };
      case 'wrong-card':
        return {
          picture: pictograms.cardProblem,
          title: msg('Questa tessera non va bene'),
          happened: msg(
            'Il lettore accetta solo la tessera sanitaria e la carta d’identità elettronica. Bancomat e carte di credito qui non funzionano.',
          ),
          steps: [
            msg('Togli la tessera.'),
            msg(
              'Inserisci la tessera sanitaria o la carta d’identità elettronica, oppure scrivi il tuo codice fiscale.',
            ),
          ],
          retry,
          done,
        };
      case 'printer-out':
        return {
          picture: pictograms.printer,
          title: msg('La stampante non funziona'),
          happened: msg('Non possiamo stampare: la carta per stampare è finita o la stampante è ferma.'),
          steps: [
            msg('Il tuo numero sarà mostrato grande sullo schermo: scrivilo o fai una foto.'),
            msg('Avvisa il personale che la stampante non funziona.'),
          ],
          retry,
          done,
        };
      case 'no-slots':
        return {
          picture: pictograms.noSlots,
          title: msg('Non ci sono più appuntamenti liberi'),
          happened: msg('Per questo servizio gli appuntamenti dei prossimi giorni sono già tutti presi.'),
          steps: [
            msg('Scegli un altro modo, per esempio farti richiamare al telefono.'),
            msg('Oppure torna un altro giorno: si liberano spesso nuovi posti.'),
            contactCenter,
          ],
          retry,
          done,
        };
      default:
        return {
          picture: pictograms.warning,
          title: msg('Qualcosa non ha funzionato'),
          happened: msg('C’è stato un problema. Non è colpa tua.'),
          steps: [msg('Tocca «Riprova».'), askStaff],
          retry,
          done,
        };
    }
  }

  /** The screen's words and choices, for reading aloud. */
  speechText(): string[] {
    const e = this.explanation;
    return [e.title, e.happened, msg('Cosa puoi fare adesso'), ...e.steps, e.retry, e.done];
  }

  override render() {
    const e = this.explanation;
    return html`
      <div class="head">
        <span class="picture">${e.picture()}</span>
        <h1>${e.title}</h1>
      </div>
      <div class="message" role="alert">
        <p class="happened">${e.happened}</p>
        <h2>${msg('Cosa puoi fare adesso')}</h2>
        <ol>
          ${e.steps.map((step) => html`<li>${step}</li>`)}
        </ol>
      </div>
      <div class="actions">
        <button type="button" @click=${() => emit(this, 'kiosk-retry')}>${e.retry}</button>
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-done')}>${e.done}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-problem-screen': KioskProblemScreen;
  }
}

/**
 * A printed ticket followed on the citizen's phone: the number large, the people ahead and the estimated
 * wait while it waits; "Vai allo Sportello 3" over the whole screen when it is called (and again at each
 * recall); a plain closing message once it is over. While the connection is down the place in the queue is
 * not shown, only that the page is trying again. "Vado via" gives the ticket up after one confirming touch.
 *
 * @event meeting-sound - the citizen asks for sound and vibration (a tap: browsers allow sound only then).
 * @event meeting-leave - the citizen confirmed "Vado via".
 */
import { localized, msg, str } from '@lit/localize';
import type { FollowView } from '@sportello/protocol';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { screenStyles } from '../../theme/tokens.ts';

/** Where "Vado via" stands: asked, sent, refused because the ticket was called meanwhile, or failed. */
export type Leaving = 'idle' | 'busy' | 'too-late' | 'failed';

@customElement('meeting-ticket-screen')
@localized()
export class TicketScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      :host {
        max-width: 32em;
        margin: 0 auto;
        text-align: center;
      }
      .label {
        margin: 0;
        font-weight: 600;
        color: var(--sp-muted);
      }
      .number {
        margin: 0 0 0.1em;
        font-size: clamp(4.5rem, 30vw, 9rem);
        font-weight: 700;
        line-height: 1;
        letter-spacing: 0.03em;
        color: var(--sp-primary-dark);
      }
      .where {
        margin-bottom: var(--sp-gap);
      }
      .place {
        font-size: 1.5em;
        font-weight: 700;
        line-height: 1.25;
      }
      .wait {
        font-size: 1.15em;
      }
      .actions {
        justify-content: center;
      }
      .sound[aria-pressed='true'] {
        background: var(--sp-bg);
        color: var(--sp-success);
        border-color: var(--sp-success);
      }
      .confirm {
        text-align: start;
      }
      .confirm p:focus {
        outline: none;
      }
      /* The call covers the whole screen, so it is seen at a glance from across the room. */
      .called {
        position: fixed;
        inset: 0;
        z-index: 10;
        display: flex;
        flex-direction: column;
        justify-content: center;
        align-items: center;
        gap: 0.3em;
        padding: var(--sp-gap);
        background: var(--sp-success);
        color: #ffffff;
        text-align: center;
        overflow-y: auto;
      }
      .called h1 {
        font-size: clamp(2.2rem, 11vw, 4.5rem);
        margin: 0;
      }
      .called .turn {
        font-size: 1.4em;
        font-weight: 700;
        margin: 0;
      }
      .called .number {
        color: #ffffff;
        font-size: clamp(3rem, 18vw, 6rem);
      }
      .called .recall {
        font-size: 1.2em;
        font-weight: 700;
        background: #ffffff;
        color: var(--sp-success);
        border-radius: var(--sp-radius);
        padding: 0.4em 0.8em;
      }
      .called :focus-visible {
        outline-color: #ffffff;
      }
    `,
  ];

  /** The ticket as last received; undefined until the first answer. */
  @property({ attribute: false }) view?: FollowView;
  /** The live stream is connected: what is shown is current. */
  @property({ type: Boolean }) live = false;
  /** No ticket has this key (another day's, or a mistyped link). */
  @property({ type: Boolean }) missing = false;
  @property() leaving: Leaving = 'idle';
  @property({ type: Boolean }) soundOn = false;
  /** Where the sede's queue is (from the ticket's sede). */
  @property() queueHref?: string;
  @state() private confirming = false;
  @query('h1') private heading?: HTMLElement;
  @query('#leave-question') private question?: HTMLElement;

  protected override willUpdate(): void {
    if (this.view?.status !== 'waiting' && this.view?.status !== 'parked') this.confirming = false;
  }

  protected override updated(changed: PropertyValues): void {
    // A new state of the ticket (called, over) is a new screen for a screen reader.
    const before = changed.get('view') as FollowView | undefined;
    if (changed.has('view') && before?.status !== this.view?.status) this.heading?.focus();
    // The question comes below the fold on a small phone: brought into view and read first.
    if (changed.has('confirming') && this.confirming) {
      this.question?.focus({ preventScroll: true });
      this.renderRoot.querySelector('.confirm')?.scrollIntoView({ block: 'nearest' });
    }
  }

  override render() {
    if (this.missing)
      return html`<h1 tabindex="-1">${msg('Biglietto non trovato')}</h1>
        <p>
          ${msg(
            'Questo collegamento non corrisponde a nessun biglietto di oggi. Inquadra di nuovo il codice stampato sul tuo biglietto.',
          )}
        </p>`;
    const view = this.view;
    if (!view)
      return html`<h1 tabindex="-1">${msg('Il tuo biglietto')}</h1>
        ${this.live ? html`<p>${msg('Un momento…')}</p>` : this.renderOffline()}`;
    switch (view.status) {
      case 'called':
        return this.renderCalled(view);
      case 'waiting':
      case 'parked':
        return this.renderWaiting(view);
      default:
        return this.renderOver(view);
    }
  }

  private renderWaiting(view: FollowView) {
    return html`<h1 tabindex="-1" class="label">${msg('Il tuo numero')}</h1>
      <p class="number">${view.number}</p>
      <p class="where">${view.serviceName}<br />${view.sede.name}</p>
      ${this.live ? this.renderPlace(view) : this.renderOffline()}
      <p>${msg('Tieni aperta questa pagina: ti avvisiamo qui quando tocca a te.')}</p>
      <div class="actions">
        <button
          class="secondary sound"
          aria-pressed=${this.soundOn ? 'true' : 'false'}
          @click=${() => emit(this, 'meeting-sound')}
        >
          ${this.soundOn ? msg('Suono e vibrazione attivi') : msg('Attiva suono e vibrazione')}
        </button>
      </div>
      ${this.renderLeave()}
      ${this.queueHref ? html`<p><a href=${this.queueHref}>${msg('Guarda la coda della sede')}</a></p>` : nothing}`;
  }

  /** Read out when it changes; never shown while the page is not live. */
  private renderPlace(view: FollowView) {
    if (view.status === 'parked')
      return html`<div class="notice" role="status">
        <p class="place">${msg('Il tuo numero è stato messo da parte.')}</p>
        <p>${msg('Resta in sede: lo sportello ti chiamerà di nuovo.')}</p>
      </div>`;
    const ahead = view.ahead;
    const minutes = view.estimatedWaitMinutes;
    return html`<div role="status" aria-live="polite" aria-atomic="true">
      <p class="place">
        ${
          ahead === 0
            ? msg('Il prossimo turno è il tuo.')
            : ahead === 1
              ? msg("Prima di te c'è una persona.")
              : msg(str`Prima di te ci sono ${ahead} persone.`)
        }
      </p>
      <p class="wait">
        ${
          minutes < 1
            ? msg('Attesa stimata: meno di un minuto.')
            : minutes === 1
              ? msg('Attesa stimata: circa un minuto.')
              : msg(str`Attesa stimata: circa ${minutes} minuti.`)
        }
      </p>
    </div>`;
  }

  private renderOffline() {
    return html`<div class="notice warning" role="alert">
      <p><strong>${msg('Connessione persa, nuovo tentativo…')}</strong></p>
      <p>${msg('Il tuo posto in coda non cambia. Lo vedrai di nuovo appena il telefono si ricollega.')}</p>
    </div>`;
  }

  private renderLeave() {
    if (this.leaving === 'too-late')
      return html`<div class="notice warning" role="alert">
        <p>${msg('Il tuo numero è già stato chiamato: non si può più annullare.')}</p>
      </div>`;
    const failed =
      this.leaving === 'failed'
        ? html`<div class="notice error" role="alert">
            <p>${msg('Non è stato possibile lasciare la coda. Riprova.')}</p>
          </div>`
        : nothing;
    if (!this.confirming)
      return html`${failed}
        <div class="actions">
          <button class="link" @click=${() => (this.confirming = true)}>${msg('Vado via')}</button>
        </div>`;
    return html`<div class="notice confirm" role="group" aria-labelledby="leave-question">
      <p id="leave-question" tabindex="-1">
        <strong>${msg('Vuoi lasciare la coda?')}</strong>
        ${msg('Il tuo numero non sarà più valido e passerà la persona dopo di te.')}
      </p>
      ${failed}
      <div class="actions">
        <button
          class="danger"
          ?disabled=${this.leaving === 'busy'}
          @click=${() => emit(this, 'meeting-leave')}
        >
          ${this.leaving === 'busy' ? msg('Un momento…') : msg('Sì, lascio la coda')}
        </button>
        <button class="secondary" @click=${() => (this.confirming = false)}>
          ${msg('No, resto in coda')}
        </button>
      </div>
    </div>`;
  }

  private renderCalled(view: FollowView) {
    const counter = view.counter?.name ?? '';
    return html`<section class="called" role="alert">
      <p class="turn">${msg('Tocca a te!')}</p>
      <h1 tabindex="-1">${msg(str`Vai allo ${counter}`)}</h1>
      <p class="number">${view.number}</p>
      ${view.recalls > 0 ? html`<p class="recall">${msg('Ti stanno chiamando di nuovo: vai subito.')}</p>` : nothing}
    </section>`;
  }

  private renderOver(view: FollowView) {
    const [title, text] = {
      serving: [
        msg(str`Sei allo ${view.counter?.name ?? ''}`),
        msg('Buon proseguimento. Quando hai finito puoi chiudere questa pagina.'),
      ],
      done: [msg('Il tuo turno è finito'), msg('Grazie della visita. Puoi chiudere questa pagina.')],
      'no-show': [
        msg('Il tuo numero è scaduto'),
        msg(
          'Il numero è stato chiamato più volte, ma allo sportello non si è presentato nessuno. Se sei ancora in sede, prendi un nuovo numero.',
        ),
      ],
      cancelled: [
        msg('Hai lasciato la coda'),
        msg('Questo numero non è più valido. Se cambi idea, prendi un nuovo numero in sede.'),
      ],
    }[view.status as 'serving' | 'done' | 'no-show' | 'cancelled'];
    return html`<p class="label">${msg(str`Numero ${view.number}`)}</p>
      <h1 tabindex="-1">${title}</h1>
      <p>${text}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-ticket-screen': TicketScreen;
  }
}

/**
 * Goodbye: reminds to take the card and the paper, only those this session left behind, asks for a one-touch rating, and goes back to the
 * start by itself after a few seconds (any touch gives the seconds back). After a video call it first
 * says a kind word about the call.
 *
 * @event kiosk-rating - detail: the rating from 1 (very bad) to 5 (very good), each time one is chosen.
 * @event kiosk-finished - detail: `{ rating?: number }`; the session may end now.
 */
import { localized, msg, str } from '@lit/localize';
import type { CatalogResponse, PrinterState } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import { screenStyles } from '../../theme/tokens.ts';
import '../../components/kiosk-follow-up/kiosk-follow-up.ts';

type Rating = 1 | 2 | 3 | 4 | 5;
/** What the printer gave the citizen in this session. */
export type Paper = 'ticket' | 'receipt';
const ratings: Rating[] = [1, 2, 3, 4, 5];
const AUTO_FINISH_SECONDS = 8;
/** A follow-up on screen is read, copied or printed: more time before the screen goes back. */
const FOLLOW_UP_SECONDS = 60;

@customElement('kiosk-end-screen')
@localized()
export class KioskEndScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    pictogramStyles,
    css`
      :host {
        text-align: center;
      }
      h1 {
        font-size: 2.2em;
      }
      .reminders {
        list-style: none;
        margin: 0 auto;
        padding: 0;
        display: grid;
        gap: var(--sp-gap);
        max-inline-size: 40em;
      }
      @media (orientation: landscape) {
        .reminders {
          grid-template-columns: 1fr 1fr;
          max-inline-size: none;
        }
      }
      .reminders li {
        display: flex;
        align-items: center;
        gap: 0.8em;
        padding: 0.8em 1em;
        background: var(--sp-warning-bg);
        border: 3px solid var(--sp-border);
        border-radius: var(--sp-radius);
        font-size: 1.15em;
        font-weight: 700;
        text-align: start;
      }
      .reminders .picture {
        font-size: 2.6em;
        color: var(--sp-primary-dark);
      }
      .rating {
        margin-block: calc(var(--sp-gap) * 2);
      }
      .faces {
        display: grid;
        grid-template-columns: repeat(5, minmax(0, 9em));
        justify-content: center;
        gap: var(--sp-gap);
      }
      .faces button {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.3em;
        min-inline-size: 0;
        padding: 0.6em 0.3em;
        background: var(--sp-bg);
        color: var(--sp-text);
        border-color: var(--sp-border);
        font-size: 0.95em;
      }
      .faces .picture {
        font-size: 3.4em;
        color: var(--sp-primary-dark);
      }
      .faces button[aria-pressed='true'] {
        background: var(--sp-primary);
        border-color: var(--sp-primary);
        color: var(--sp-on-primary);
      }
      .faces button[aria-pressed='true'] .picture {
        color: inherit;
      }
      .thanks {
        min-block-size: 1.5em;
        margin-block-start: var(--sp-gap);
        font-weight: 700;
        color: var(--sp-success);
      }
      .actions {
        justify-content: center;
      }
      .finish {
        font-size: 1.2em;
        min-inline-size: 10em;
      }
      .note {
        margin-block-start: var(--sp-gap);
      }
      .farewell {
        font-size: 1.2em;
        max-inline-size: 36em;
        margin-inline: auto;
      }
    `,
  ];

  /** What just ended: a video call gets its own goodbye. */
  @property() farewellFor?: 'video-call';
  /** A card is still in the reader. */
  @property({ type: Boolean }) cardInReader = false;
  /** What this session printed: the reminder names only that. */
  @property({ attribute: false }) printed: readonly Paper[] = [];
  /** The video call that just ended: the follow-up booked in it is shown once the server has it. */
  @property() callId?: string;
  @property({ attribute: false }) catalog?: CatalogResponse;
  @property() language = 'it';
  @property() printerState?: PrinterState;

  /** Paper printed on this screen (the follow-up's receipt). */
  @state() private printedHere: readonly Paper[] = [];
  private waitSeconds = AUTO_FINISH_SECONDS;

  @state() private rating?: Rating;
  @state() private secondsLeft = AUTO_FINISH_SECONDS;
  private timer: ReturnType<typeof setInterval> | undefined;
  private finished = false;
  // Someone still touching the screen is not done: give the seconds back.
  private readonly onActivity = () => (this.secondsLeft = this.waitSeconds);

  override connectedCallback(): void {
    super.connectedCallback();
    this.finished = false;
    this.waitSeconds = AUTO_FINISH_SECONDS;
    this.secondsLeft = AUTO_FINISH_SECONDS;
    this.printedHere = [];
    this.timer = setInterval(() => {
      this.secondsLeft -= 1;
      if (this.secondsLeft <= 0) this.finish();
    }, 1000);
    this.addEventListener('pointerdown', this.onActivity);
    this.addEventListener('keydown', this.onActivity);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.removeEventListener('pointerdown', this.onActivity);
    this.removeEventListener('keydown', this.onActivity);
  }

  private label(rating: Rating): string {
    switch (rating) {
      case 1:
        return msg('Molto male');
      case 2:
        return msg('Male');
      case 3:
        return msg('Così così');
      case 4:
        return msg('Bene');
      case 5:
        return msg('Molto bene');
    }
  }

  private get paper(): readonly Paper[] {
    return [...this.printed, ...this.printedHere];
  }

  private followUpShown(): void {
    this.waitSeconds = FOLLOW_UP_SECONDS;
    this.secondsLeft = FOLLOW_UP_SECONDS;
  }

  private get texts() {
    return {
      title: msg('Grazie, a presto!'),
      farewell:
        this.farewellFor === 'video-call'
          ? msg('La videochiamata è finita. Grazie di aver parlato con noi: speriamo di esserti stati utili.')
          : '',
      card: this.cardInReader ? msg('Prendi la tua tessera dal lettore.') : '',
      ticket: this.paper.includes('ticket') ? msg('Prendi il biglietto dalla stampante.') : '',
      receipt: this.paper.includes('receipt') ? msg('Prendi la ricevuta dalla stampante.') : '',
      question: msg('Com’è andata oggi?'),
      thanks: msg('Grazie per la tua risposta!'),
      note: msg(str`Tra ${this.secondsLeft} secondi lo schermo torna alla pagina iniziale.`),
      finish: msg('Ho finito'),
    };
  }

  /** The screen's words and choices, for reading aloud. */
  speechText(): string[] {
    const t = this.texts;
    return [
      t.title,
      t.farewell,
      ...(this.renderRoot.querySelector('kiosk-follow-up')?.lines() ?? []),
      t.card,
      t.ticket,
      t.receipt,
      t.question,
      ...ratings.map((r) => this.label(r)),
      t.finish,
    ].filter(Boolean);
  }

  private rate(rating: Rating): void {
    this.rating = rating;
    emit(this, 'kiosk-rating', rating);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.timer);
    emit(this, 'kiosk-finished', { rating: this.rating });
  }

  override render() {
    const t = this.texts;
    return html`
      <h1>${t.title}</h1>
      ${t.farewell ? html`<p class="farewell">${t.farewell}</p>` : nothing}
      ${
        this.farewellFor === 'video-call' && this.callId
          ? html`<kiosk-follow-up
              .callId=${this.callId}
              .catalog=${this.catalog}
              .language=${this.language}
              .printerState=${this.printerState}
              @kiosk-follow-up=${() => this.followUpShown()}
              @kiosk-printed=${() => (this.printedHere = ['receipt'])}
            ></kiosk-follow-up>`
          : nothing
      }
      ${
        t.card || t.ticket || t.receipt
          ? html`<ul class="reminders">
              ${t.card ? html`<li><span class="picture">${pictograms.card()}</span>${t.card}</li>` : nothing}
              ${t.ticket ? html`<li><span class="picture">${pictograms.ticket()}</span>${t.ticket}</li>` : nothing}
              ${t.receipt ? html`<li><span class="picture">${pictograms.ticket()}</span>${t.receipt}</li>` : nothing}
            </ul>`
          : nothing
      }
      <section class="rating" aria-labelledby="question">
        <h2 id="question">${t.question}</h2>
        <div class="faces" role="group" aria-labelledby="question">
          ${ratings.map(
            (rating) =>
              html`<button
                type="button"
                aria-pressed=${this.rating === rating}
                @click=${() => this.rate(rating)}
              >
                <span class="picture">${pictograms.face(rating)}</span>
                ${this.label(rating)}
              </button>`,
          )}
        </div>
        <p class="thanks" role="status">${this.rating ? t.thanks : nothing}</p>
      </section>
      <div class="actions">
        <button type="button" class="finish" @click=${() => this.finish()}>${t.finish}</button>
      </div>
      <p class="muted note">${t.note}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-end-screen': KioskEndScreen;
  }
}

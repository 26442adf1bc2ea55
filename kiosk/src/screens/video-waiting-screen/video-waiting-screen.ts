/**
 * The video call's waiting room: the place in the queue ("Sei il 2° in coda") and the estimated wait,
 * updated live, a small self-view, and "Preferisco essere richiamato" at any time. When the server says the
 * wait is too long, the first free callback is offered here in one touch, while the place is kept.
 *
 * @event kiosk-leave-queue - the citizen prefers a callback: leave the queue.
 * @event kiosk-book-callback - detail: Slot; the offered callback, booked in one touch.
 * @event kiosk-other-time - leave the queue and pick a callback time.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import type { Service, Slot } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import { localized } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import '../../components/kiosk-busy/kiosk-busy.ts';
import '../../components/kiosk-callback-offer/kiosk-callback-offer.ts';
import '../../components/kiosk-self-view/kiosk-self-view.ts';

@customElement('kiosk-video-waiting-screen')
@localizedDecorator()
export class KioskVideoWaitingScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    pictogramStyles,
    css`
      .context {
        color: var(--sp-muted);
        font-weight: 600;
      }
      .layout {
        display: grid;
        gap: calc(var(--sp-gap) * 1.5);
        align-items: start;
      }
      @media (orientation: landscape) {
        .layout {
          grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        }
      }
      .place {
        border: 4px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        padding: var(--sp-gap);
        text-align: center;
      }
      .position {
        font-size: 2.4em;
        font-weight: 700;
        color: var(--sp-primary-dark);
        margin: 0;
      }
      .wait {
        font-size: 1.3em;
        font-weight: 600;
        margin: 0.4em 0 0;
      }
      .tip {
        display: flex;
        align-items: center;
        gap: 0.8em;
        margin-block-start: var(--sp-gap);
      }
      .tip .picture {
        font-size: 3em;
        color: var(--sp-primary-dark);
      }
      .tip p {
        margin: 0;
      }
      .self p {
        font-weight: 600;
        margin-block-end: 0.4em;
      }
      kiosk-self-view {
        max-inline-size: 480px;
      }
      .leave {
        font-size: 1.1em;
      }
    `,
  ];

  @property({ attribute: false }) service?: Service;
  @property() language = 'it';
  /** Still entering the waiting room: no place yet. */
  @property({ type: Boolean }) joining = false;
  /** 1 = next; undefined until the server says. */
  @property({ type: Number }) position?: number;
  @property({ type: Number }) estimatedWaitMinutes?: number;
  /** The citizen's camera, shown small. */
  @property({ attribute: false }) stream?: MediaStream;
  /** The wait is too long: this callback (or none) is offered. */
  @property({ attribute: false }) waitTooLong?: { slot: Slot | null };

  private placeText(): string {
    if (this.joining || this.position === undefined) return msg('Ti metto in coda…');
    if (this.position === 1) return msg('Sei il primo in coda');
    const position = this.position;
    return msg(str`Sei il ${position}° in coda`);
  }

  private waitText(): string {
    const minutes = this.estimatedWaitMinutes;
    if (this.joining || minutes === undefined) return '';
    if (minutes < 1) return msg('Attesa stimata: meno di un minuto');
    if (minutes === 1) return msg('Attesa stimata: circa 1 minuto');
    return msg(str`Attesa stimata: circa ${minutes} minuti`);
  }

  speechText(): string[] {
    const offer = this.renderRoot.querySelector('kiosk-callback-offer');
    return [
      msg('Aspetta qui: un funzionario ti risponde in video'),
      this.placeText(),
      this.waitText(),
      ...(this.waitTooLong
        ? [
            msg('L’attesa è più lunga del previsto. Se preferisci, ti telefoniamo noi.'),
            ...(offer?.lines() ?? []),
          ]
        : []),
      msg('Tieni pronto un documento d’identità: il funzionario ti chiederà di mostrarlo alla telecamera.'),
      msg('Preferisco essere richiamato'),
    ].filter(Boolean);
  }

  override render() {
    return html`
      <h1>${msg('Aspetta qui: un funzionario ti risponde in video')}</h1>
      ${this.service ? html`<p class="context">${localized(this.service.name, this.language)}</p>` : nothing}
      <div class="layout">
        <div>
          <div class="place" role="status">
            ${
              this.joining || this.position === undefined
                ? html`<kiosk-busy>${this.placeText()}</kiosk-busy>`
                : html`<p class="position">${this.placeText()}</p>
                    <p class="wait">${this.waitText()}</p>`
            }
          </div>
          ${
            this.waitTooLong
              ? html`<div class="notice warning">
                    <p>
                      <strong
                        >${msg('L’attesa è più lunga del previsto. Se preferisci, ti telefoniamo noi.')}</strong
                      >
                    </p>
                  </div>
                  <kiosk-callback-offer
                    .offered=${this.waitTooLong.slot}
                    .language=${this.language}
                  ></kiosk-callback-offer>`
              : nothing
          }
          <div class="tip">
            <span class="picture">${pictograms.card()}</span>
            <p>
              ${msg('Tieni pronto un documento d’identità: il funzionario ti chiederà di mostrarlo alla telecamera.')}
            </p>
          </div>
          <div class="actions">
            <button type="button" class="secondary leave" @click=${() => emit(this, 'kiosk-leave-queue')}>
              ${msg('Preferisco essere richiamato')}
            </button>
          </div>
        </div>
        ${
          this.stream
            ? html`<div class="self">
                <p>${msg('Così ti vedrà il funzionario')}</p>
                <kiosk-self-view .stream=${this.stream}></kiosk-self-view>
              </div>`
            : nothing
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-video-waiting-screen': KioskVideoWaitingScreen;
  }
}

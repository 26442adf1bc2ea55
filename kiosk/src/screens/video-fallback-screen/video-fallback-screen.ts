/**
 * Never a dead end: when the video call could not happen or did not last, why in plain words, and the
 * next free telephone callback booked in one touch ("Prenota questa richiamata"), or another time.
 * The time comes from the server's suggestion when it gave one, else it is looked up here.
 *
 * @event kiosk-book-callback - detail: the Slot to book with what the session knows.
 * @event kiosk-other-time - pick the callback's day and time.
 * @event kiosk-other-way - back to the ways of being served.
 * @event kiosk-done - nothing more for now.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type { PublicSede, Service, Slot } from '@sportello/protocol';
import { css, html, LitElement, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { pictureHeadStyles } from '../../components/picture-head-styles.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import type { FallbackReason } from '../../controllers/video-controller.ts';
import { nextCallbackSlot, suggestionSlot, type Suggestion } from '../../data/video.ts';
import { screenStyles } from '../../theme/tokens.ts';
import '../../components/kiosk-callback-offer/kiosk-callback-offer.ts';

@customElement('kiosk-video-fallback-screen')
@localizedDecorator()
export class KioskVideoFallbackScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    pictogramStyles,
    pictureHeadStyles,
    css`
      .picture {
        font-size: 4em;
        color: var(--sp-primary-dark);
      }
      .picture.problem {
        color: var(--sp-danger);
      }
      .happened {
        font-size: 1.15em;
        max-inline-size: 46em;
      }
      kiosk-callback-offer {
        margin-block: var(--sp-gap);
        max-inline-size: 46em;
      }
    `,
  ];

  @property() reason: FallbackReason = 'failed';
  /** The server's suggestion: a time, null for none, undefined when it gave none (then look it up). */
  @property({ attribute: false }) callback?: Suggestion | null;
  @property({ attribute: false }) service?: Service;
  @property({ attribute: false }) sede?: PublicSede;
  @property() language = 'it';

  @state() private offered?: Slot | null;

  protected override willUpdate(): void {
    // Before the first render, so the offer shows the search under way at once.
    if (!this.hasUpdated) void this.findSlot();
  }

  private async findSlot(): Promise<void> {
    if (this.callback) return void (this.offered = suggestionSlot(this.callback));
    const { service, sede } = this;
    if (!service?.channels.callback || !sede) return void (this.offered = null);
    try {
      this.offered = await nextCallbackSlot(sede.id, service.id);
    } catch {
      // Not reachable now: the citizen can still choose a time, or another way, with the buttons below.
      this.offered = null;
    }
  }

  private get explanation(): { title: string; happened: string; picture: () => TemplateResult } {
    switch (this.reason) {
      case 'no-official-online':
        return {
          title: msg('Ora nessun funzionario può rispondere in video'),
          happened: msg('I funzionari di questo servizio in questo momento non sono collegati.'),
          picture: pictograms.person,
        };
      case 'asked':
        return {
          title: msg('Ti telefoniamo noi'),
          happened: msg('Hai lasciato la coda della videochiamata: un funzionario ti può telefonare.'),
          picture: pictograms.calendar,
        };
      case 'no-camera':
        return {
          title: msg('La videochiamata non è possibile'),
          happened: msg('La telecamera di questa postazione non funziona. Non è colpa tua.'),
          picture: pictograms.videoCamera,
        };
      case 'dropped':
        return {
          title: msg('La videochiamata si è interrotta'),
          happened: msg('Il collegamento con l’INPS si è interrotto. Non è colpa tua.'),
          picture: pictograms.connectionOff,
        };
      case 'failed':
        return {
          title: msg('La videochiamata non è riuscita'),
          happened: msg('Il collegamento video non ha funzionato. Non è colpa tua.'),
          picture: pictograms.connectionOff,
        };
    }
  }

  private get problem(): boolean {
    return this.reason === 'failed' || this.reason === 'dropped' || this.reason === 'no-camera';
  }

  speechText(): string[] {
    const e = this.explanation;
    return [
      e.title,
      e.happened,
      ...(this.renderRoot.querySelector('kiosk-callback-offer')?.lines() ?? []),
      msg('Ho finito'),
    ];
  }

  override render() {
    const e = this.explanation;
    return html`
      <div class="head">
        <span class="picture ${this.problem ? 'problem' : ''}">${e.picture()}</span>
        <h1>${e.title}</h1>
      </div>
      <p class="happened" role=${this.problem ? 'alert' : 'status'}>${e.happened}</p>
      <kiosk-callback-offer .offered=${this.offered} .language=${this.language}></kiosk-callback-offer>
      <div class="actions">
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-done')}>
          ${msg('Ho finito')}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-video-fallback-screen': KioskVideoFallbackScreen;
  }
}

/**
 * Sign in with the card's PIN: the card in the reader checks it and signs the server's challenge, and the
 * server answers who the citizen is. Needed to book a web meeting, and for a CIE, which says nothing
 * about its holder without the PIN. The PIN is shown as dots and never leaves the station.
 *
 * @event kiosk-authenticated - detail: { codiceFiscale, method, proof }.
 * @event kiosk-type-code - the citizen prefers to type the codice fiscale.
 * @event kiosk-back - back without signing in.
 */
import { localized, msg, str } from '@lit/localize';
import type { VerifiedCitizen } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import '../../components/kiosk-keypad/kiosk-keypad.ts';
import { authenticateWithCard } from '../../data/agent.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { screenStyles } from '../../theme/tokens.ts';

const PIN_LENGTH = { cie: 8, cns: 8 } as const;

@customElement('kiosk-pin-screen')
@localized()
export class KioskPinScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      .layout {
        display: grid;
        gap: calc(var(--sp-gap) * 1.5);
      }
      @media (orientation: landscape) {
        .layout {
          grid-template-columns: minmax(0, 1fr) auto;
          align-items: start;
        }
      }
      .dots {
        display: flex;
        gap: 0.4em;
        font-size: 2em;
        min-block-size: 1.5em;
        letter-spacing: 0.1em;
        padding: 0.2em 0.5em;
        border: 3px solid var(--sp-border);
        border-radius: var(--sp-radius);
        inline-size: fit-content;
        min-inline-size: 8em;
      }
      .error {
        color: var(--sp-danger);
        font-weight: 700;
      }
    `,
  ];

  /** Which card is in the reader: a CIE's PIN has 8 digits at first use, then the last 4 may do. */
  @property() card: 'cie' | 'cns' = 'cie';
  @state() private pin = '';
  @state() private busy = false;
  @state() private error = '';

  speechText(): string[] {
    return [
      this.card === 'cie'
        ? msg('Accedi con la carta d’identità elettronica.')
        : msg('Accedi con la tessera sanitaria.'),
      msg('Digita il PIN della carta sulla tastiera. Le cifre non vengono mostrate.'),
      this.error,
    ];
  }

  private async submit(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      const verified: VerifiedCitizen = await authenticateWithCard(this.pin);
      emit(this, 'kiosk-authenticated', verified);
    } catch (error) {
      this.error = this.explain(error);
      this.pin = '';
    } finally {
      this.busy = false;
    }
  }

  private explain(error: unknown): string {
    if (!(error instanceof ApiProblem)) return msg('Qualcosa non ha funzionato. Riprova.');
    switch (error.code) {
      case 'wrong_pin': {
        const left = Number(error.details?.triesLeft ?? 0);
        return left === 1
          ? msg('PIN sbagliato. Ti resta un solo tentativo: poi la carta si blocca.')
          : msg(str`PIN sbagliato. Tentativi rimasti: ${left}.`);
      }
      case 'pin_blocked':
        return msg(
          'Il PIN della carta è bloccato. Puoi sbloccarlo con il PUK. Intanto scrivi il codice fiscale.',
        );
      case 'no_card':
      case 'removed_during_read':
        return msg('La carta non è nel lettore. Inseriscila di nuovo.');
      case 'not_supported_here':
        return msg('Questa postazione non può ancora usare il PIN. Scrivi il codice fiscale.');
      default:
        return error.unreachable
          ? msg('Il collegamento con INPS è interrotto. Riprova tra poco o scrivi il codice fiscale.')
          : msg('La carta non è stata riconosciuta. Riprova o scrivi il codice fiscale.');
    }
  }

  override render() {
    const max = PIN_LENGTH[this.card];
    const enough = this.pin.length >= 4;
    return html`
      <h1>
        ${this.card === 'cie' ? msg('Accedi con la carta d’identità elettronica') : msg('Accedi con la tua tessera')}
      </h1>
      <p>
        ${
          this.card === 'cie'
            ? msg(
                'La carta d’identità dice chi sei solo con il suo PIN: digita il PIN della carta (8 cifre, o le ultime 4).',
              )
            : msg('Con il PIN della tessera puoi prenotare anche un incontro in videochiamata.')
        }
      </p>
      <div class="layout">
        <div>
          <p class="muted" id="pin-label">${msg('PIN della carta')}</p>
          <div class="dots" role="img" aria-labelledby="pin-label" aria-describedby="pin-count">
            ${[...this.pin].map(() => html`<span aria-hidden="true">●</span>`)}
          </div>
          <p id="pin-count" class="muted" aria-live="polite">
            ${msg(str`Cifre digitate: ${this.pin.length}`)}
          </p>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          <div class="actions">
            <button type="button" ?disabled=${!enough || this.busy} @click=${() => void this.submit()}>
              ${this.busy ? msg('Verifica in corso…') : msg('Conferma')}
            </button>
            <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-type-code')}>
              ${msg('Scrivo il codice fiscale')}
            </button>
            <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-back')}>
              ${msg('Indietro')}
            </button>
          </div>
        </div>
        <kiosk-keypad
          layout="digits"
          .value=${this.pin}
          .maxLength=${max}
          label=${msg('Tastiera per il PIN')}
          @kiosk-input=${(e: CustomEvent<string>) => {
            e.stopPropagation();
            this.pin = e.detail;
            this.error = '';
          }}
        ></kiosk-keypad>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-pin-screen': KioskPinScreen;
  }
}

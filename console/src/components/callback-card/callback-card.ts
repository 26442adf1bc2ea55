/**
 * One callback to make: who, what about, when, the tries so far, a tel: link, and what the try gave —
 * done, no answer, or call again later (asking when, an hour from now unless changed).
 *
 * @event console-callback-result - detail: { code, body: CallbackResultBody }.
 */
import { localized, msg, str } from '@lit/localize';
import {
  formatPhone,
  type AppointmentSummary,
  type CallbackResultBody,
  type CatalogResponse,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatTime, localizedText, romeClock, romeDate, romeInstant } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles } from '../form-styles.ts';

const HOUR_MS = 3_600_000;

@customElement('callback-card')
@localized()
export class CallbackCard extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    css`
      article {
        border: 1px solid var(--sp-border);
        border-left: 6px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        padding: 0.8em 1em;
        background: var(--sp-bg);
      }
      h2 {
        margin-bottom: 0.3em;
      }
      .tel {
        display: inline-flex;
        align-items: center;
        min-height: var(--sp-target);
        padding: 0 1em;
        border-radius: var(--sp-radius);
        border: 2px solid var(--sp-success);
        color: var(--sp-success);
        font-weight: 700;
        text-decoration: none;
      }
      .tel:focus-visible {
        outline: 4px solid var(--sp-focus);
        outline-offset: 2px;
      }
      .later {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--sp-gap);
        margin-top: var(--sp-gap);
      }
      .later .field {
        margin: 0;
      }
      .later input {
        width: 9em;
      }
    `,
  ];

  @property({ attribute: false }) callback!: AppointmentSummary;
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** A result for this callback is being sent. */
  @property({ type: Boolean }) busy = false;

  @state() private askingWhen = false;
  @state() private when = '';
  private defaultWhen = '';

  override render() {
    const c = this.callback;
    const name = `${c.citizen.firstName} ${c.citizen.lastName}`;
    const service = this.catalog?.services.find((s) => s.id === c.service);
    const attempts = c.callback?.attempts ?? [];
    const last = attempts.at(-1);
    const due = c.callback?.retryAt ?? c.start;
    const headingId = `cb-${c.code}`;
    return html`<article aria-labelledby=${headingId}>
      <h2 id=${headingId}>${formatTime(due)} · ${name}</h2>
      <p>
        ${service ? localizedText(service.name) : c.service}
        ${c.callback?.retryAt ? html` · ${msg(str`prenotata per le ${formatTime(c.start)}`)}` : nothing}
      </p>
      <p>
        ${
          attempts.length === 0
            ? msg('Nessun tentativo finora.')
            : attempts.length === 1
              ? msg(str`1 tentativo finora, l'ultimo alle ${formatTime(last!.at)}.`)
              : msg(str`${attempts.length} tentativi finora, l'ultimo alle ${formatTime(last!.at)}.`)
        }
      </p>
      <div class="actions">
        <a class="tel" href=${`tel:${c.citizen.phone.replace(/\s/g, '')}`}>
          ${msg(str`Chiama ${formatPhone(c.citizen.phone)}`)}
        </a>
        <button ?disabled=${this.busy} @click=${() => this.send({ result: 'done' })}>${msg('Fatto')}</button>
        <button class="secondary" ?disabled=${this.busy} @click=${() => this.send({ result: 'no-answer' })}>
          ${msg('Non risponde')}
        </button>
        <button
          class="secondary"
          ?disabled=${this.busy}
          aria-expanded=${this.askingWhen ? 'true' : 'false'}
          @click=${this.askWhen}
        >
          ${msg('Richiama più tardi')}
        </button>
      </div>
      ${
        this.askingWhen
          ? html`<form class="later" @submit=${this.later}>
              <div class="field">
                <label for="when-${c.code}">${msg('Richiama alle')}</label>
                <input
                  id="when-${c.code}"
                  type="time"
                  required
                  .value=${this.when}
                  @input=${(e: Event) => (this.when = (e.target as HTMLInputElement).value)}
                />
              </div>
              <button type="submit" ?disabled=${this.busy}>${msg('Conferma')}</button>
              <button type="button" class="secondary" @click=${() => (this.askingWhen = false)}>
                ${msg('Annulla')}
              </button>
            </form>`
          : nothing
      }
    </article>`;
  }

  private askWhen() {
    this.defaultWhen = romeClock(new Date(Date.now() + HOUR_MS));
    this.when = this.defaultWhen;
    this.askingWhen = !this.askingWhen;
  }

  private later(event: Event) {
    event.preventDefault();
    // Left as proposed: the server's own "in an hour" (its clock is the one that counts).
    const body: CallbackResultBody =
      this.when === this.defaultWhen || !this.when
        ? { result: 'retry-later' }
        : { result: 'retry-later', retryAt: romeInstant(romeDate(this.callback.start), this.when) };
    this.send(body);
  }

  private send(body: CallbackResultBody) {
    this.askingWhen = false;
    emit(this, 'console-callback-result', { code: this.callback.code, body });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'callback-card': CallbackCard;
  }
}

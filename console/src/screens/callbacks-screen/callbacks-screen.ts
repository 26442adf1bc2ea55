/**
 * The callback worklist: today's telephone callbacks still to make, by the time they are due, each with
 * a tel: link and what the try gave. The list is read again after every result.
 */
import { localized, msg, str } from '@lit/localize';
import type { AppointmentsResponse, CallbackResultBody, CatalogResponse } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import '../../components/callback-card/callback-card.ts';
import { fetchCallbacks, recordCallbackResult } from '../../data/callbacks.ts';
import { problemText } from '../../i18n/labels.ts';
import { formatDay, formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('callbacks-screen')
@localized()
export class CallbacksScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 60em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--sp-gap);
      }
      .done {
        color: var(--sp-success);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private day?: AppointmentsResponse;
  @state() private loading = true;
  @state() private error = '';
  @state() private told = '';
  @state() private busyCode = '';
  @query('h1') private heading!: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async load() {
    this.loading = true;
    try {
      this.day = await fetchCallbacks();
      this.error = '';
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  override render() {
    const callbacks = this.day?.appointments ?? [];
    return html`<main>
      <h1 tabindex="-1">${msg('Richiamate di oggi')}</h1>
      ${this.day ? html`<p class="muted">${formatDay(this.day.date)}</p>` : nothing}
      <p class="done" role="status">${this.told || nothing}</p>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${
        this.loading && !this.day
          ? html`<p class="muted">${msg('Caricamento delle richiamate…')}</p>`
          : callbacks.length === 0
            ? html`<p class="muted">${msg('Nessuna richiamata da fare oggi.')}</p>`
            : html`<ul aria-label=${msg('Richiamate da fare')}>
                ${callbacks.map(
                  (c) =>
                    html`<li>
                      <callback-card
                        .callback=${c}
                        .catalog=${this.catalog}
                        ?busy=${this.busyCode === c.code}
                        @console-callback-result=${this.result}
                      ></callback-card>
                    </li>`,
                )}
              </ul>`
      }
      <div class="actions">
        <button class="secondary" ?disabled=${this.loading} @click=${this.load}>${msg('Aggiorna')}</button>
      </div>
    </main>`;
  }

  private async result(event: CustomEvent<{ code: string; body: CallbackResultBody }>) {
    const { code, body } = event.detail;
    const who = this.day?.appointments.find((a) => a.code === code);
    const name = who ? `${who.citizen.firstName} ${who.citizen.lastName}` : code;
    this.busyCode = code;
    this.error = '';
    this.told = '';
    try {
      const appointment = await recordCallbackResult(code, body);
      const retryAt = appointment.callback?.retryAt;
      this.told =
        body.result === 'done'
          ? msg(str`Richiamata di ${name} segnata come fatta.`)
          : body.result === 'no-answer'
            ? msg(str`${name} non risponde: tentativo registrato, al cittadino è stato mandato un SMS.`)
            : retryAt
              ? msg(str`Da richiamare alle ${formatTime(retryAt)}: ${name}.`)
              : msg(str`Tentativo registrato: ${name} è da richiamare più tardi.`);
      await this.load();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busyCode = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'callbacks-screen': CallbacksScreen;
  }
}

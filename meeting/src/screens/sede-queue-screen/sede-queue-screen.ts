/**
 * A sede's queue for anyone, opened from the display board's QR: the last numbers called and their counters,
 * how many wait for each service and for about how long, today's hours. Numbers and waits only, nobody's
 * data. While the page cannot reach the server it says so instead of showing old figures.
 */
import { localized, msg, str } from '@lit/localize';
import type { BoardView } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { noticeStyles } from '../../components/notice-styles.ts';
import { formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

/** loading: the first answer is awaited; live: the figures are fresh; down: the last refresh failed. */
export type QueueState = 'loading' | 'live' | 'down' | 'missing';

@customElement('meeting-sede-queue-screen')
@localized()
export class SedeQueueScreen extends LitElement {
  static override styles = [
    screenStyles,
    noticeStyles,
    css`
      :host {
        max-width: 40em;
      }
      ul {
        list-style: none;
        margin: 0 0 var(--sp-gap);
        padding: 0;
      }
      .calls li {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5em;
        padding: 0.35em 0;
        border-bottom: 1px solid var(--sp-border);
      }
      .calls .number {
        font-size: 1.6em;
        font-weight: 700;
        color: var(--sp-primary-dark);
      }
      .calls .counter {
        font-size: 1.15em;
        font-weight: 600;
      }
      .services li {
        padding: 0.6em 0.8em;
        margin-bottom: 0.5em;
        background: var(--sp-surface);
        border-radius: var(--sp-radius);
      }
      .services strong {
        display: block;
        font-size: 1.05em;
      }
      .services p {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) queue?: BoardView;
  /** The services' names in the page's language, by id (the queue gives them in Italian). */
  @property({ attribute: false }) names: Readonly<Record<string, string>> = {};
  @property() state: QueueState = 'loading';
  /** When the figures shown were read. */
  @property() updatedAt?: string;

  override render() {
    if (this.state === 'missing')
      return html`<h1>${msg('Sede non trovata')}</h1>
        <p>${msg('Inquadra di nuovo il codice sul tabellone della sede.')}</p>`;
    const queue = this.queue;
    return html`<h1>${msg('Coda in sede')}</h1>
      ${queue ? html`<p>${queue.sede.name}</p>` : nothing} ${this.renderFigures()}`;
  }

  private renderFigures() {
    if (this.state === 'down')
      return html`<div class="notice warning" role="alert">
        <p><strong>${msg('Connessione persa, nuovo tentativo…')}</strong></p>
      </div>`;
    const queue = this.queue;
    if (!queue) return html`<p>${msg('Un momento…')}</p>`;
    return html`
      <p>
        ${
          queue.hours.length === 0
            ? msg('Oggi la sede è chiusa al pubblico.')
            : msg(str`Aperta oggi: ${queue.hours.map((h) => `${h.from}–${h.to}`).join(', ')}`)
        }
      </p>
      <h2>${msg('Ultime chiamate')}</h2>
      ${
        queue.calls.length === 0
          ? html`<p>${msg('Nessuna chiamata per ora.')}</p>`
          : html`<ul class="calls">
              ${queue.calls.map(
                (call) =>
                  html`<li>
                    <span class="number">${call.number}</span><span class="counter">${call.counterName}</span>
                  </li>`,
              )}
            </ul>`
      }
      <h2>${msg('In attesa')}</h2>
      <ul class="services">
        ${queue.waiting.map(
          (service) =>
            html`<li>
              <strong>${this.names[service.service] ?? service.name}</strong>
              <p>${this.waitingText(service.count, service.estimatedWaitMinutes)}</p>
            </li>`,
        )}
      </ul>
      ${this.updatedAt ? html`<p class="muted">${msg(str`Aggiornato alle ${formatTime(this.updatedAt)}`)}</p>` : nothing}
    `;
  }

  private waitingText(count: number, minutes: number) {
    if (count === 0) return msg('Nessuno in attesa.');
    const people = count === 1 ? msg('Una persona in attesa.') : msg(str`${count} persone in attesa.`);
    const wait =
      minutes < 1
        ? msg('Attesa stimata: meno di un minuto.')
        : minutes === 1
          ? msg('Attesa stimata: circa un minuto.')
          : msg(str`Attesa stimata: circa ${minutes} minuti.`);
    return `${people} ${wait}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-sede-queue-screen': SedeQueueScreen;
  }
}

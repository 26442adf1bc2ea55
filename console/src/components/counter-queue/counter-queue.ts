/**
 * What the counter may call: the waiting tickets in the order "call next" takes them, each with how long it
 * has waited and its estimate, and the parked tickets to call or put back in the queue.
 *
 * @event console-ticket-action - detail: { ticketId, action: 'call' | 'unpark' }.
 */
import { localized, msg, str } from '@lit/localize';
import type { CatalogResponse, CounterView, Ticket } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { tableStyles } from '../table-styles.ts';
import { priorityText } from '../../i18n/floor-labels.ts';
import { formatTime, localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('counter-queue')
@localized()
export class CounterQueue extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    tableStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 0.8em;
        min-height: 0;
      }
      section {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      section.queue {
        flex: 0 1 auto;
      }
      table {
        font-size: 0.92em;
      }
      section.parked {
        flex: 0 0 auto;
        max-height: 35%;
      }
      .scroll {
        overflow-y: auto;
        min-height: 0;
        border: 1px solid var(--sp-border);
        border-radius: var(--sp-radius);
      }
      h2 {
        margin: 0 0 0.3em;
      }
      th {
        position: sticky;
        top: 0;
        z-index: 1;
      }
      td,
      th {
        padding: 0.25em 0.6em;
      }
      td.time {
        white-space: nowrap;
      }
      td.number {
        font-weight: 700;
        font-size: 1.15em;
      }
      td.act {
        text-align: right;
        white-space: nowrap;
      }
      td.act button {
        min-height: 38px;
        padding: 0.1em 0.7em;
      }
      .tag {
        display: inline-block;
        font-size: 0.85em;
        font-weight: 600;
        padding: 0 0.4em;
        border-radius: var(--sp-radius);
        background: var(--sp-warning-bg);
      }
      .empty {
        margin: 0.4em 0.6em;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) queue: CounterView['queue'] = [];
  @property({ attribute: false }) parked: Ticket[] = [];
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The clerk may call a ticket now (counter open, nothing at the counter). */
  @property({ type: Boolean }) canCall = false;
  @property({ type: Boolean }) busy = false;
  /** The clock the waits are measured against, moved on by the screen. */
  @property({ attribute: false }) now = new Date();

  override render() {
    return html`
      <section class="queue" aria-labelledby="queue-heading">
        <h2 id="queue-heading">${msg(str`In coda (${this.queue.length})`)}</h2>
        ${
          this.queue.length === 0
            ? html`<p class="muted empty">${msg('Nessuno in attesa.')}</p>`
            : html`<div class="scroll" tabindex="0">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Numero')}</th>
                      <th scope="col">${msg('Servizio')}</th>
                      <th scope="col">${msg('Attesa')}</th>
                      <th scope="col">${msg('Stima')}</th>
                      <th scope="col"><span class="visually-hidden">${msg('Azioni')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.queue.map((queued) => this.renderQueued(queued))}
                  </tbody>
                </table>
              </div>`
        }
      </section>
      <section class="parked" aria-labelledby="parked-heading">
        <h2 id="parked-heading">${msg(str`Parcheggiati (${this.parked.length})`)}</h2>
        ${
          this.parked.length === 0
            ? html`<p class="muted empty">${msg('Nessun biglietto parcheggiato.')}</p>`
            : html`<div class="scroll" tabindex="0">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Numero')}</th>
                      <th scope="col">${msg('Servizio')}</th>
                      <th scope="col">${msg('Parcheggiato alle')}</th>
                      <th scope="col"><span class="visually-hidden">${msg('Azioni')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.parked.map((ticket) => this.renderParked(ticket))}
                  </tbody>
                </table>
              </div>`
        }
      </section>
    `;
  }

  private renderQueued({ ticket, estimatedWaitMinutes }: CounterView['queue'][number]) {
    const priority = priorityText(ticket.priority);
    return html`<tr>
      <td class="number">${ticket.number}</td>
      <td>
        ${this.serviceName(ticket.service)} ${priority ? html`<span class="tag">${priority}</span>` : nothing}
        ${ticket.transfers.length > 0 ? html`<span class="tag">${msg('trasferito')}</span>` : nothing}
      </td>
      <td class="time">${this.waited(ticket.issuedAt)}</td>
      <td class="time">${minutesText(estimatedWaitMinutes)}</td>
      <td class="act">
        <button
          class="secondary"
          aria-label=${msg(str`Chiama questo: ${ticket.number}`)}
          ?disabled=${!this.canCall || this.busy}
          @click=${() => this.act(ticket.id, 'call')}
        >
          ${msg('Chiama questo')}
        </button>
      </td>
    </tr>`;
  }

  private renderParked(ticket: Ticket) {
    return html`<tr>
      <td class="number">${ticket.number}</td>
      <td>${this.serviceName(ticket.service)}</td>
      <td>${ticket.parkedAt ? formatTime(ticket.parkedAt) : nothing}</td>
      <td class="act">
        <button
          class="secondary"
          aria-label=${msg(str`Richiama in coda: ${ticket.number}`)}
          ?disabled=${this.busy}
          @click=${() => this.act(ticket.id, 'unpark')}
        >
          ${msg('Richiama in coda')}
        </button>
        <button
          aria-label=${msg(str`Chiama: ${ticket.number}`)}
          ?disabled=${!this.canCall || this.busy}
          @click=${() => this.act(ticket.id, 'call')}
        >
          ${msg('Chiama')}
        </button>
      </td>
    </tr>`;
  }

  private serviceName(id: string): string {
    const service = this.catalog?.services.find((s) => s.id === id);
    return service ? localizedText(service.name) : id;
  }

  private waited(issuedAt: string): string {
    return minutesText(Math.floor((this.now.getTime() - new Date(issuedAt).getTime()) / 60_000));
  }

  private act(ticketId: string, action: 'call' | 'unpark') {
    emit(this, 'console-ticket-action', { ticketId, action });
  }
}

/** "meno di 1 min", "1 min", "12 min", "1 h 05 min". */
export function minutesText(minutes: number): string {
  if (minutes < 1) return msg('meno di 1 min');
  if (minutes < 60) return msg(str`${minutes} min`);
  const hours = Math.floor(minutes / 60);
  const rest = String(minutes % 60).padStart(2, '0');
  return msg(str`${hours} h ${rest} min`);
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-queue': CounterQueue;
  }
}

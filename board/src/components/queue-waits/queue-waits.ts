/** How many wait for each service and about how long, from the server's estimate. */
import type { BoardView } from '@sportello/protocol';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { waitText } from '../../format/board-format.ts';

@customElement('board-queue-waits')
export class QueueWaits extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 0;
      overflow: hidden;
      box-sizing: border-box;
      padding: var(--sp-gap);
      border-radius: var(--sp-radius);
      background: var(--sp-surface);
    }
    h2 {
      margin: 0 0 1vmin;
      font-size: 3.4vmin;
      font-weight: 600;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: var(--sp-muted);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 1.4vmin var(--sp-gap);
    }
    li {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      column-gap: 1.2vmin;
      align-items: center;
    }
    .prefix {
      grid-row: span 2;
      min-width: 5.4vmin;
      padding: 0.3vmin 0.8vmin;
      border-radius: 0.8vmin;
      background: var(--b-accent);
      color: var(--b-on-accent);
      font-size: 3.8vmin;
      font-weight: 700;
      text-align: center;
      box-sizing: border-box;
    }
    .name {
      font-size: 2.6vmin;
      font-weight: 600;
      line-height: 1.2;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .count {
      font-size: 2.4vmin;
      line-height: 1.2;
      color: var(--sp-muted);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .count strong {
      color: var(--sp-text);
    }
    @media (orientation: portrait) {
      ul {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
    .none,
    .others {
      font-size: 2.6vmin;
      color: var(--sp-muted);
      margin: 0;
    }
    .others {
      margin-top: 1.4vmin;
    }
  `;

  /** Per service with a queue at this sede. */
  @property({ attribute: false }) waiting: BoardView['waiting'] = [];

  override render() {
    // Only the services someone waits for: eleven lines of "nobody" would hide the ones that matter.
    const busy = this.waiting.filter((service) => service.count > 0);
    const idle = this.waiting.length - busy.length;
    return html`<h2>In attesa</h2>
      ${
        busy.length === 0
          ? html`<p class="none">Nessuno in attesa</p>`
          : html`<ul>
                ${busy.map((service) => {
                  const text = waitText(service.count, service.estimatedWaitMinutes);
                  return html`<li>
                    <span class="prefix" aria-hidden="true">${service.prefix}</span>
                    <span class="name">${service.name}</span>
                    <span class="count"><strong>${text.count}</strong> · ${text.wait}</span>
                  </li>`;
                })}
              </ul>
              ${idle > 0 ? html`<p class="others">Per gli altri servizi nessuno in attesa</p>` : ''}`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-queue-waits': QueueWaits;
  }
}

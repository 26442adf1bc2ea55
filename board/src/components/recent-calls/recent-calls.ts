/** The calls before the newest one: number and counter, newest first. */
import type { BoardCall } from '@sportello/protocol';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('board-recent-calls')
export class RecentCalls extends LitElement {
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
    table {
      width: 100%;
      border-collapse: collapse;
    }
    caption {
      text-align: start;
      font-size: 3.4vmin;
      font-weight: 600;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: var(--sp-muted);
      padding-bottom: 1vmin;
    }
    th {
      text-align: start;
      font-size: 2.6vmin;
      font-weight: 600;
      color: var(--sp-muted);
      padding: 0.6vmin 0;
      border-bottom: 0.3vmin solid var(--sp-border);
    }
    td {
      padding: 0.9vmin 0;
      border-bottom: 0.3vmin solid var(--sp-border);
      font-size: 5vmin;
      font-weight: 600;
      line-height: 1.15;
    }
    tr:last-child td {
      border-bottom: none;
    }
    .number {
      font-size: 7vmin;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      color: var(--b-accent);
      width: 45%;
    }
    .none {
      font-size: 3.6vmin;
      color: var(--sp-muted);
      margin: 1vmin 0 0;
    }
  `;

  /** Newest first. */
  @property({ attribute: false }) calls: readonly BoardCall[] = [];

  // Only whole rows are shown: as many as the panel holds at this screen's size and orientation.
  private readonly resize = new ResizeObserver(() => this.fitRows());

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  override updated(): void {
    this.fitRows();
  }

  private fitRows(): void {
    const rows = [...this.renderRoot.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    for (const row of rows) row.hidden = false;
    const bottom = this.getBoundingClientRect().bottom - parseFloat(getComputedStyle(this).paddingBottom);
    let full = false;
    // Once one row does not fit, neither do those after it (older calls are never shown above newer ones).
    for (const row of rows) row.hidden = full ||= row.getBoundingClientRect().bottom > bottom;
  }

  override render() {
    return html`<table>
        <caption>
          Chiamate precedenti
        </caption>
        <thead>
          <tr>
            <th scope="col">Numero</th>
            <th scope="col">Sportello</th>
          </tr>
        </thead>
        <tbody>
          ${this.calls.map(
            (call) =>
              html`<tr>
                <td class="number">${call.number}</td>
                <td>${call.counterName}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${this.calls.length === 0 ? html`<p class="none">Nessuna</p>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-recent-calls': RecentCalls;
  }
}

/**
 * The number of open station alerts beside "Avvisi" in the navigation: asked for every 15 seconds, and
 * taken at once from the alerts screen when it has a fresher answer. Shows nothing while there is none.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fetchAlerts, publishOpenAlerts, subscribeOpenAlerts } from '../../data/alerts.ts';

const POLL_MS = 15_000;

@customElement('alerts-badge')
@localized()
export class AlertsBadge extends LitElement {
  static override styles = css`
    span.badge {
      display: inline-block;
      min-width: 1.4em;
      margin-left: 0.4em;
      padding: 0 0.35em;
      border-radius: 1em;
      background: var(--sp-danger);
      color: #ffffff;
      font-weight: 700;
      line-height: 1.4;
      text-align: center;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `;

  @state() private open = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = subscribeOpenAlerts((open) => (this.open = open));
    void this.poll();
    this.timer = setInterval(() => document.hidden || void this.poll(), POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  private async poll() {
    try {
      publishOpenAlerts((await fetchAlerts(1)).open);
    } catch {
      // The alerts screen says what went wrong; the badge keeps the last count.
    }
  }

  override render() {
    if (this.open === 0) return nothing;
    return html`<span class="badge"
      >${this.open}<span class="visually-hidden">&nbsp;${msg('aperti')}</span></span
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alerts-badge': AlertsBadge;
  }
}

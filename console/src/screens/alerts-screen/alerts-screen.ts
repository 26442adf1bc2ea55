/**
 * The technicians' alerts (Avvisi): the stations' open problems — offline, printer out of paper, a device in
 * fault or missing — with since when and whether the e-mail went out, and those cleared in the last day.
 * Asked again every few seconds while shown; each station links to its page in the Stazioni section.
 */
import { localized, msg, str } from '@lit/localize';
import type { AlertListResponse, AlertView, CatalogResponse } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { tableStyles } from '../../components/table-styles.ts';
import { fetchAlerts, publishOpenAlerts } from '../../data/alerts.ts';
import { alertProblemText } from '../../i18n/alert-labels.ts';
import { problemText } from '../../i18n/labels.ts';
import { formatDay, formatTime, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

/** How often the list is asked for while the screen is shown. */
export const ALERTS_POLL_MS = 4000;

@customElement('alerts-screen')
@localized()
export class AlertsScreen extends LitElement {
  static override styles = [
    screenStyles,
    tableStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 72em;
      }
      .note {
        background: var(--sp-warning-bg);
        border-radius: var(--sp-radius);
        padding: 0.6em 0.8em;
      }
      .updated {
        color: var(--sp-muted);
        font-size: 0.95em;
      }
      h2 .count {
        display: inline-block;
        min-width: 1.6em;
        padding: 0 0.4em;
        margin-left: 0.3em;
        border-radius: 1em;
        text-align: center;
        background: var(--sp-danger);
        color: #ffffff;
      }
      h2 .count.none {
        background: var(--sp-success);
      }
      tr.open td:first-child {
        border-left: 6px solid var(--sp-danger);
      }
      a {
        color: var(--sp-primary-dark);
        font-weight: 600;
      }
      a:focus-visible {
        outline: 3px solid var(--sp-focus);
        outline-offset: 2px;
      }
      table + h2,
      p + h2 {
        margin-top: 1.4em;
      }
      .where {
        color: var(--sp-muted);
        display: block;
        font-size: 0.95em;
      }
    `,
  ];

  /** Names of the sedi; ids are shown until it loads. */
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private list?: AlertListResponse;
  @state() private error = '';
  @state() private updatedAt?: Date;
  @query('h1') private heading!: HTMLElement;
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    // A tab in the background asks nothing; it catches up on its next turn once shown.
    this.timer = setInterval(() => document.hidden || void this.load(), ALERTS_POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async load() {
    try {
      this.list = await fetchAlerts();
      this.updatedAt = new Date();
      this.error = '';
      publishOpenAlerts(this.list.open);
    } catch (error) {
      // The last list stays on screen, with what went wrong above it.
      this.error = problemText(error);
    }
  }

  override render() {
    const list = this.list;
    const open = list?.alerts.filter((a) => a.clearedAt === null) ?? [];
    const cleared = list?.alerts.filter((a) => a.clearedAt !== null) ?? [];
    return html`<main>
      <h1 tabindex="-1">${msg('Avvisi delle stazioni')}</h1>
      <p>
        ${msg('Gli avvisi si chiudono da soli quando la stazione torna a funzionare.')}
        ${list?.mail ? msg('I tecnici li ricevono anche per e-mail, con il ripristino.') : nothing}
      </p>
      ${
        list && !list.mail
          ? html`<p class="note">
              ${msg('Gli avvisi non vengono inviati per e-mail: nel server la posta non è configurata (server.alerts.mail). Controlla questa pagina.')}
            </p>`
          : nothing
      }
      <p class="error" role="alert">${this.error || nothing}</p>
      ${
        this.updatedAt
          ? html`<p class="updated">
              ${msg(str`Aggiornato alle ${formatTime(this.updatedAt.toISOString())}; si aggiorna da solo.`)}
            </p>`
          : nothing
      }
      <h2 id="open-heading">
        ${msg('Problemi aperti')}
        ${list ? html`<span class="count ${open.length === 0 ? 'none' : ''}">${open.length}</span>` : nothing}
      </h2>
      ${
        !list
          ? html`<p class="muted">${msg('Caricamento degli avvisi…')}</p>`
          : open.length === 0
            ? html`<p class="empty">${msg('Nessun problema aperto: tutte le stazioni funzionano.')}</p>`
            : this.renderOpen(open, list.mail)
      }
      <h2 id="cleared-heading">${msg(str`Risolti nelle ultime ${list?.clearedHours ?? 24} ore`)}</h2>
      ${
        list && cleared.length === 0
          ? html`<p class="empty">${msg('Nessun problema risolto in questo periodo.')}</p>`
          : list
            ? this.renderCleared(cleared)
            : nothing
      }
    </main>`;
  }

  private renderOpen(alerts: AlertView[], mail: boolean) {
    return html`<table aria-labelledby="open-heading">
      <thead>
        <tr>
          <th scope="col">${msg('Stazione')}</th>
          <th scope="col">${msg('Problema')}</th>
          <th scope="col">${msg('Da quando')}</th>
          ${mail ? html`<th scope="col">${msg('E-mail ai tecnici')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${alerts.map(
          (a) =>
            html`<tr class="open">
              <td>${this.renderStation(a)}</td>
              <td>${alertProblemText(a.kind, a.detail)}</td>
              <td>${this.when(a.since)}</td>
              ${
                mail
                  ? html`<td>
                      ${a.raisedMailedAt ? msg(str`inviata alle ${formatTime(a.raisedMailedAt)}`) : msg('da inviare')}
                    </td>`
                  : nothing
              }
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderCleared(alerts: AlertView[]) {
    return html`<table aria-labelledby="cleared-heading">
      <thead>
        <tr>
          <th scope="col">${msg('Stazione')}</th>
          <th scope="col">${msg('Problema')}</th>
          <th scope="col">${msg('Da quando')}</th>
          <th scope="col">${msg('Risolto')}</th>
        </tr>
      </thead>
      <tbody>
        ${alerts.map(
          (a) =>
            html`<tr>
              <td>${this.renderStation(a)}</td>
              <td>${alertProblemText(a.kind, a.detail)}</td>
              <td>${this.when(a.since)}</td>
              <td>${this.when(a.clearedAt!)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderStation(alert: AlertView) {
    const sede = alert.sede && (this.catalog?.sedi.find((s) => s.id === alert.sede)?.name ?? alert.sede);
    const where = [sede, alert.comune].filter(Boolean).join(' · ');
    return html`<a href="#stations/${encodeURIComponent(alert.station)}">${alert.stationName}</a>
      ${where ? html`<span class="where">${where}</span>` : nothing}`;
  }

  /** "lunedì 30 novembre, 09:05" in Rome. */
  private when(iso: string) {
    return `${formatDay(romeDate(iso))}, ${formatTime(iso)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alerts-screen': AlertsScreen;
  }
}

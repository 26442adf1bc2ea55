/**
 * The technician's fleet: every station by sede and comune, online or since when offline, its devices, the
 * kiosk page, the agent's version and the last self-test; filters (offline, device problem, old agent) and a
 * search. "Nuova stazione" adds one and shows its one-time enrolment code; a station's name opens its page
 * (`#stations/<id>`, the address an alert e-mail links to).
 */
import { localized, msg, str } from '@lit/localize';
import type {
  CatalogResponse,
  EnrolmentCodeResponse,
  FleetFilter,
  StaffUser,
  StationHealth,
  StationListResponse,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import '../../components/enrolment-code/enrolment-code.ts';
import '../../components/station-form/station-form.ts';
import type { StationFields } from '../../components/station-form/station-form.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { formStyles } from '../../components/form-styles.ts';
import { tableStyles } from '../../components/table-styles.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { createEnrolmentCode, createStation, fetchFleet } from '../../data/stations.ts';
import { devicesCell, healthStyles, stateCell } from '../../components/station-health.ts';
import { momentText, selfTestStatusText } from '../../i18n/fleet-labels.ts';
import { problemText } from '../../i18n/labels.ts';
import { screenStyles } from '../../theme/tokens.ts';
import '../station-screen/station-screen.ts';

/** The fleet is read again this often while the list is shown: heartbeats come every 30 s. */
const REFRESH_MS = 15_000;
/** Stations asked for and drawn at most; a search or a filter narrows a large fleet down. */
const MAX_ROWS = 300;
const SEARCH_DELAY_MS = 250;

/** The server's field problems of a refused request, by field, in its words. */
export function fieldProblems(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem) || !error.fields) return {};
  return Object.fromEntries(error.fields.map((f) => [f.path.split('.')[0]!, f.message]));
}

@customElement('stations-screen')
@localized()
export class StationsScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    healthStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 90em;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--sp-gap);
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--sp-gap);
        margin: var(--sp-gap) 0;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        border: 0;
        margin: 0;
        padding: 0;
      }
      .filters button[aria-pressed='false'] {
        background: var(--sp-bg);
        color: var(--sp-primary-dark);
      }
      .search {
        min-width: 18em;
        margin: 0;
      }
      h2 {
        margin: 1.2em 0 0.4em;
      }
      table {
        table-layout: fixed;
      }
      th[scope='col']:nth-child(1) {
        width: 34%;
      }
      th[scope='col']:nth-child(2) {
        width: 18%;
      }
      th[scope='col']:nth-child(3) {
        width: 22%;
      }
      th[scope='col']:nth-child(4) {
        width: 12%;
      }
      th[scope='rowgroup'] {
        background: var(--sp-bg);
        font-size: 1.05em;
        padding-top: 0.9em;
      }
      td {
        vertical-align: top;
      }
      a {
        color: var(--sp-primary-dark);
        font-weight: 600;
      }
      a:focus-visible {
        outline: var(--sp-focus-width) solid var(--sp-focus);
        outline-offset: var(--sp-focus-offset);
      }
      .created {
        margin: var(--sp-gap) 0;
      }
      .created p {
        margin-top: var(--sp-gap);
      }
    `,
  ];

  @property({ attribute: false }) user!: StaffUser;
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** After `#stations/`: empty for the list, `nuova` for a new station, else a station's id. */
  @property() route = '';

  @state() private fleet?: StationListResponse;
  @state() private filter?: FleetFilter;
  @state() private search = '';
  @state() private error = '';
  @state() private busy = false;
  @state() private problems: Record<string, string> = {};
  @state() private created?: EnrolmentCodeResponse;
  @query('h1') private heading?: HTMLElement;
  private timer?: ReturnType<typeof setInterval>;
  private searchTimer?: ReturnType<typeof setTimeout>;
  /** Only the newest answer is shown when the filters change faster than the server answers. */
  private asked = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => {
      if (!this.route) void this.load();
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    clearTimeout(this.searchTimer);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('route') && changed.get('route') !== undefined) {
      if (!this.route) void this.load();
      if (this.route !== 'nuova') this.created = undefined;
      if (!this.route || this.route === 'nuova') this.heading?.focus();
    }
  }

  override firstUpdated(): void {
    this.heading?.focus();
  }

  private async load() {
    const asked = ++this.asked;
    try {
      const fleet = await fetchFleet({
        ...(this.filter ? { filter: this.filter } : {}),
        ...(this.search.trim() ? { q: this.search.trim() } : {}),
        limit: MAX_ROWS,
      });
      if (asked === this.asked) {
        this.fleet = fleet;
        this.error = '';
      }
    } catch (error) {
      if (asked === this.asked) this.error = problemText(error);
    }
  }

  private choose(filter: FleetFilter | undefined) {
    this.filter = filter;
    void this.load();
  }

  private typed(event: Event) {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.load(), SEARCH_DELAY_MS);
  }

  private async create(event: CustomEvent<StationFields>) {
    this.busy = true;
    this.error = '';
    this.problems = {};
    try {
      const station = await createStation(event.detail);
      this.created = await createEnrolmentCode(station.id);
      await this.updateComplete;
      this.renderRoot.querySelector('enrolment-code')?.focusHeading();
    } catch (error) {
      this.problems = fieldProblems(error);
      this.error = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.route && this.route !== 'nuova')
      return html`<station-screen .stationId=${this.route} .catalog=${this.catalog}></station-screen>`;
    if (this.route === 'nuova') return this.renderNew();
    return this.renderList();
  }

  private renderNew() {
    return html`<main>
      <p><a href="#stations">${msg('← Tutte le stazioni')}</a></p>
      <h1 tabindex="-1">${msg('Nuova stazione')}</h1>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${
        this.created
          ? html`<div class="created">
              <enrolment-code
                .enrolment=${this.created}
                @console-done=${() => (location.hash = `#stations/${this.created!.station}`)}
              ></enrolment-code>
              <p>
                <a href=${`#stations/${encodeURIComponent(this.created.station)}`}
                  >${msg('Apri la pagina della stazione')}</a
                >
              </p>
            </div>`
          : html`<p class="muted">
                ${msg('Registra la stazione qui; poi, sul posto, il codice che ricevi la collega al server.')}
              </p>
              <station-form
                .catalog=${this.catalog}
                .defaultSede=${this.user.sede ?? ''}
                .busy=${this.busy}
                .problems=${this.problems}
                submitLabel=${msg('Crea la stazione e il codice')}
                @console-station-submit=${this.create}
                @console-cancel=${() => (location.hash = '#stations')}
              ></station-form>`
      }
    </main>`;
  }

  private renderList() {
    const fleet = this.fleet;
    const counts = fleet?.counts;
    const filterButton = (filter: FleetFilter | undefined, label: string, count: number | undefined) =>
      html`<button
        aria-pressed=${this.filter === filter ? 'true' : 'false'}
        @click=${() => this.choose(filter)}
      >
        ${label}${count === undefined ? nothing : ` (${count})`}
      </button>`;
    return html`<main>
      <div class="head">
        <h1 tabindex="-1">${msg('Stazioni')}</h1>
        <button @click=${() => (location.hash = '#stations/nuova')}>${msg('Nuova stazione')}</button>
      </div>
      <p class="error" role="alert">${this.error || nothing}</p>
      <div class="tools">
        <div class="filters" role="group" aria-label=${msg('Mostra')}>
          ${filterButton(undefined, msg('Tutte'), counts?.total)}
          ${filterButton('offline', msg('Offline'), counts?.offline)}
          ${filterButton('device-problem', msg('Problema dispositivi'), counts?.deviceProblem)}
          ${filterButton('old-agent', msg('Agente vecchio'), counts?.oldAgent)}
        </div>
        <div class="field search">
          <label for="search">${msg('Cerca per nome, comune, ente o indirizzo')}</label>
          <input id="search" type="search" autocomplete="off" .value=${this.search} @input=${this.typed} />
        </div>
      </div>
      ${
        fleet
          ? html`<p class="muted" role="status">
              ${msg(str`Versione attuale dell’agente: ${fleet.newestAgentVersion}.`)}
              ${
                fleet.matched > fleet.stations.length
                  ? msg(
                      str`Mostrate ${fleet.stations.length} di ${fleet.matched}: restringi con la ricerca o i filtri.`,
                    )
                  : nothing
              }
            </p>`
          : html`<p class="muted">${msg('Caricamento delle stazioni…')}</p>`
      }
      ${
        fleet && fleet.stations.length === 0
          ? html`<p class="empty">${msg('Nessuna stazione corrisponde.')}</p>`
          : nothing
      }
      ${fleet ? this.renderGroups(fleet.stations) : nothing}
    </main>`;
  }

  private sedeName(id: string) {
    return this.catalog?.sedi.find((s) => s.id === id)?.name ?? id;
  }

  /** One table per sede, the rows grouped under their comune. */
  private renderGroups(stations: StationHealth[]) {
    const bySede = new Map<string, Map<string, StationHealth[]>>();
    const sorted = [...stations].sort(
      (a, b) =>
        this.sedeName(a.station.sede).localeCompare(this.sedeName(b.station.sede)) ||
        (a.station.comune ?? '').localeCompare(b.station.comune ?? '') ||
        a.station.name.localeCompare(b.station.name),
    );
    for (const health of sorted) {
      const comuni = bySede.get(health.station.sede) ?? new Map<string, StationHealth[]>();
      bySede.set(health.station.sede, comuni);
      const comune = health.station.comune ?? '';
      comuni.set(comune, [...(comuni.get(comune) ?? []), health]);
    }
    return [...bySede].map(
      ([sede, comuni]) =>
        html`<h2 id=${`sede-${sede}`}>${this.sedeName(sede)}</h2>
          <table aria-labelledby=${`sede-${sede}`}>
            <thead>
              <tr>
                <th scope="col">${msg('Stazione')}</th>
                <th scope="col">${msg('Stato')}</th>
                <th scope="col">${msg('Dispositivi e pagina')}</th>
                <th scope="col">${msg('Agente')}</th>
                <th scope="col">${msg('Ultima prova')}</th>
              </tr>
            </thead>
            ${[...comuni].map(
              ([comune, rows]) =>
                html`<tbody>
                  <tr>
                    <th scope="rowgroup" colspan="5">${comune || msg('Comune non indicato')}</th>
                  </tr>
                  ${rows.map((h) => this.renderRow(h))}
                </tbody>`,
            )}
          </table>`,
    );
  }

  private renderRow(h: StationHealth) {
    const s = h.station;
    return html`<tr>
      <td>
        <a href=${`#stations/${encodeURIComponent(s.id)}`}>${s.name}</a>
        <span class="id">${s.id}</span>
      </td>
      <td>${stateCell(h)}</td>
      <td>${devicesCell(h)}</td>
      <td>
        ${h.agentVersion ?? msg('—')}
        ${h.agentOutdated ? html`<span class="bad">${msg('da aggiornare')}</span>` : nothing}
      </td>
      <td>
        ${
          h.lastSelfTest
            ? html`<span class=${h.lastSelfTest.status === 'failed' ? 'bad' : ''}
                  >${selfTestStatusText(h.lastSelfTest.status)}</span
                >
                <span class="id"
                  >${momentText(h.lastSelfTest.finishedAt ?? h.lastSelfTest.requestedAt)}</span
                >`
            : html`<span class="muted">${msg('mai')}</span>`
        }
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stations-screen': StationsScreen;
  }
}

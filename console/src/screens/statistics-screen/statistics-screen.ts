/**
 * The manager's KPIs: filters (sede, days, period, rows by channel, sede, sector or service, and a sector,
 * service or channel alone), a summary, the table per key, arrivals and waits over time and the kiosks'
 * sessions — each chart with its table beside it — and the same numbers as CSV files.
 */
import { localized, msg, str } from '@lit/localize';
import {
  kioskIdentifications,
  kioskOutcomes,
  languages,
  statisticsChannels,
  statisticsDimensions,
  statisticsPeriods,
  type CatalogResponse,
  type StaffUser,
  type StatisticsChannel,
  type StatisticsDimension,
  type StatisticsGroup,
  type StatisticsPeriod,
  type StatisticsQuery,
  type StatisticsResponse,
} from '@sportello/protocol';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { formStyles } from '../../components/form-styles.ts';
import { tableStyles } from '../../components/table-styles.ts';
import { fetchStatistics, statisticsCsvUrl } from '../../data/statistics.ts';
import { problemText } from '../../i18n/labels.ts';
import { addDays, localizedText, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import './kpi-chart.ts';
import type { ChartSeries } from './kpi-chart.ts';
import {
  channelText,
  chartMinutes,
  countText,
  decimalText,
  dimensionText,
  identificationText,
  kioskOutcomeText,
  languageName,
  minutesText,
  percentText,
  periodLabel,
  periodText,
} from './statistics-labels.ts';
import { statisticsStyles } from './statistics-screen.styles.ts';

/** The first view: the last 30 days, day by day. */
const DEFAULT_DAYS = 30;

@customElement('statistics-screen')
@localized()
export class StatisticsScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, formStyles, tableStyles, statisticsStyles];

  @property({ attribute: false }) user!: StaffUser;
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private filters: StatisticsQuery = { from: '', to: '' };
  @state() private stats?: StatisticsResponse;
  @state() private loading = false;
  @state() private error = '';
  @query('h1') private heading!: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    const today = romeDate(new Date().toISOString());
    this.filters = {
      ...(this.user.sede && { sede: this.user.sede }),
      from: addDays(today, -(DEFAULT_DAYS - 1)),
      to: today,
      period: 'day',
      by: 'channel',
    };
    void this.load();
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async load() {
    this.loading = true;
    this.error = '';
    const asked = this.filters;
    try {
      const stats = await fetchStatistics(asked);
      if (asked === this.filters) this.stats = stats;
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.loading = false;
    }
  }

  private set(field: keyof StatisticsQuery, value: string) {
    this.filters = { ...this.filters, [field]: value === '' ? undefined : value };
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const { from, to } = this.filters;
    if (!from || !to) {
      this.error = msg('Scegli il primo e l’ultimo giorno.');
      return;
    }
    if (to < from) {
      this.error = msg('L’ultimo giorno viene prima del primo: correggi le date.');
      return;
    }
    void this.load();
  }

  // ---- names ----

  private keyText(key: string): string {
    const by = this.stats?.by ?? 'channel';
    if (key === '*') return msg('Totale');
    switch (by) {
      case 'channel':
        return channelText(key as StatisticsChannel);
      case 'sede':
        return this.catalog?.sedi.find((s) => s.id === key)?.name ?? key;
      case 'sector': {
        const sector = this.catalog?.sectors.find((s) => s.id === key);
        return sector ? localizedText(sector.name) : key;
      }
      case 'service': {
        const service = this.catalog?.services.find((s) => s.id === key);
        return service ? localizedText(service.name) : key;
      }
    }
  }

  private periodOf(g: { period: string; periodEnd: string }): string {
    return periodLabel(this.stats?.period ?? 'day', g.period, g.periodEnd);
  }

  // ---- render ----

  override render() {
    const stats = this.stats;
    return html`<main aria-busy=${this.loading}>
      <h1 tabindex="-1">${msg('Statistiche')}</h1>
      ${this.renderFilters()}
      <p class="error" role="alert">${this.error || nothing}</p>
      ${
        stats
          ? html`<p class="muted" role="status">${this.scopeText(stats)}</p>
              ${this.renderSummary(stats)} ${this.renderTotals(stats)} ${this.renderArrivals(stats)}
              ${this.renderWaits(stats)} ${this.renderKiosk(stats)}`
          : html`<p class="muted" role="status">${this.loading ? msg('Calcolo in corso…') : nothing}</p>`
      }
    </main>`;
  }

  private scopeText(stats: StatisticsResponse): string {
    const sedi =
      stats.sedi.length === 1
        ? (this.catalog?.sedi.find((s) => s.id === stats.sedi[0])?.name ?? stats.sedi[0]!)
        : msg('tutte le sedi');
    return msg(
      str`${sedi}, dal ${periodLabel('day', stats.from, stats.from)} al ${periodLabel('day', stats.to, stats.to)}.`,
    );
  }

  private renderFilters() {
    const f = this.filters;
    const catalog = this.catalog;
    const services = (catalog?.services ?? []).filter((s) => !f.sector || s.sector === f.sector);
    const csv = (table: 'kpi' | 'kiosk') => statisticsCsvUrl(f, table);
    return html`<form class="filters" novalidate @submit=${this.submit} aria-label=${msg('Filtri')}>
      <div class="field">
        <label for="sede">${msg('Sede')}</label>
        <select id="sede" @change=${(e: Event) => this.set('sede', (e.target as HTMLSelectElement).value)}>
          ${
            this.user.sede
              ? nothing
              : html`<option value="" ?selected=${!f.sede}>${msg('Tutte le sedi')}</option>`
          }
          ${(catalog?.sedi ?? [])
            .filter((s) => !this.user.sede || s.id === this.user.sede)
            .map((s) => html`<option value=${s.id} ?selected=${s.id === f.sede}>${s.name}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="from">${msg('Dal giorno')}</label>
        <input
          id="from"
          type="date"
          .value=${f.from}
          @change=${(e: Event) => this.set('from', (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="to">${msg('Al giorno')}</label>
        <input
          id="to"
          type="date"
          .value=${f.to}
          @change=${(e: Event) => this.set('to', (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="period">${msg('Periodo')}</label>
        <select
          id="period"
          @change=${(e: Event) => this.set('period', (e.target as HTMLSelectElement).value)}
        >
          ${statisticsPeriods.map(
            (p: StatisticsPeriod) =>
              html`<option value=${p} ?selected=${p === f.period}>${periodText(p)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="by">${msg('Righe per')}</label>
        <select id="by" @change=${(e: Event) => this.set('by', (e.target as HTMLSelectElement).value)}>
          ${statisticsDimensions.map(
            (d: StatisticsDimension) =>
              html`<option value=${d} ?selected=${d === f.by}>${dimensionText(d)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="sector">${msg('Settore')}</label>
        <select
          id="sector"
          @change=${(e: Event) => {
            this.set('sector', (e.target as HTMLSelectElement).value);
            this.set('service', '');
          }}
        >
          <option value="" ?selected=${!f.sector}>${msg('Tutti i settori')}</option>
          ${(catalog?.sectors ?? []).map(
            (s) =>
              html`<option value=${s.id} ?selected=${s.id === f.sector}>${localizedText(s.name)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="service">${msg('Servizio')}</label>
        <select
          id="service"
          @change=${(e: Event) => this.set('service', (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!f.service}>${msg('Tutti i servizi')}</option>
          ${services.map(
            (s) =>
              html`<option value=${s.id} ?selected=${s.id === f.service}>${localizedText(s.name)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="channel">${msg('Canale')}</label>
        <select
          id="channel"
          @change=${(e: Event) => this.set('channel', (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!f.channel}>${msg('Tutti i canali')}</option>
          ${statisticsChannels.map(
            (c) => html`<option value=${c} ?selected=${c === f.channel}>${channelText(c)}</option>`,
          )}
        </select>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.loading}>${msg('Mostra')}</button>
        <a class="download" href=${csv('kpi')} download>${msg('Scarica gli indicatori (CSV)')}</a>
        <a class="download" href=${csv('kiosk')} download>${msg('Scarica le sessioni ai chioschi (CSV)')}</a>
      </div>
    </form>`;
  }

  private renderSummary(stats: StatisticsResponse) {
    const t = stats.overallTotal;
    const k = stats.kioskTotal;
    const tiles: [string, string, string?][] = [
      [msg('Arrivi'), countText(t.arrivals)],
      [
        msg('Attesa mediana'),
        minutesText(t.wait.medianSeconds),
        msg(str`su ${countText(t.wait.count)} attese`),
      ],
      [msg('9 persone su 10 attendono al massimo'), minutesText(t.wait.p90Seconds)],
      [msg('Durata mediana del servizio'), minutesText(t.service.medianSeconds)],
      [msg('Abbandoni'), countText(t.abandoned), msg('numeri annullati, code video lasciate')],
      [msg('Mancate presentazioni'), countText(t.noShows)],
      [
        msg('Richiamate riuscite'),
        percentText(t.callbacks.reached, t.callbacks.due),
        msg(str`${countText(t.callbacks.reached)} su ${countText(t.callbacks.due)}`),
      ],
      [
        msg('Videochiamate fallite'),
        percentText(t.video.mediaFailed, t.video.calls),
        msg(str`${countText(t.video.mediaFailed)} su ${countText(t.video.calls)}`),
      ],
      [
        msg('Soddisfazione media'),
        k.ratingMean === null ? '–' : `${decimalText(k.ratingMean)} / 5`,
        msg(str`${countText(k.ratings.reduce((a, b) => a + b, 0))} valutazioni`),
      ],
    ];
    return html`<section aria-labelledby="summary">
      <h2 id="summary">${msg('In sintesi')}</h2>
      <dl class="tiles">
        ${tiles.map(
          ([label, value, note]) =>
            html`<div class="tile">
              <dt>${label}</dt>
              <dd class="value">${value}</dd>
              ${note ? html`<dd class="note">${note}</dd>` : nothing}
            </div>`,
        )}
      </dl>
    </section>`;
  }

  private renderTotals(stats: StatisticsResponse) {
    const rows = [...stats.totals, stats.overallTotal];
    const by = dimensionText(stats.by);
    return html`<section aria-labelledby="totals">
      <h2 id="totals">${msg(str`Per ${by.toLowerCase()}`)}</h2>
      <div class="scroll" tabindex="0" role="region" aria-labelledby="totals">
        <table aria-labelledby="totals">
          <thead>
            <tr>
              <th scope="col">${by}</th>
              <th scope="col" class="n">${msg('Arrivi')}</th>
              <th scope="col" class="n">${msg('Attesa mediana')}</th>
              <th scope="col" class="n">${msg('Attesa, 90° percentile')}</th>
              <th scope="col" class="n">${msg('Servizio, mediana')}</th>
              <th scope="col" class="n">${msg('Abbandoni')}</th>
              <th scope="col" class="n">${msg('Mancate presentazioni')}</th>
              <th scope="col" class="n">${msg('Richiamate riuscite')}</th>
              <th scope="col" class="n">${msg('Videochiamate (fallite)')}</th>
            </tr>
          </thead>
          <tbody>
            ${
              stats.totals.length === 0
                ? html`<tr>
                    <td colspan="9" class="empty">${msg('Nessun dato in questi giorni.')}</td>
                  </tr>`
                : rows.map((g) => this.totalRow(g))
            }
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private totalRow(g: StatisticsGroup) {
    return html`<tr class=${g.key === '*' ? 'total' : ''}>
      <th scope="row">${this.keyText(g.key)}</th>
      <td class="n">${countText(g.arrivals)}</td>
      <td class="n">${minutesText(g.wait.medianSeconds)}</td>
      <td class="n">${minutesText(g.wait.p90Seconds)}</td>
      <td class="n">${minutesText(g.service.medianSeconds)}</td>
      <td class="n">${countText(g.abandoned)}</td>
      <td class="n">${countText(g.noShows)}</td>
      <td class="n">
        ${g.callbacks.due ? `${countText(g.callbacks.reached)} / ${countText(g.callbacks.due)}` : '–'}
      </td>
      <td class="n">
        ${g.video.calls ? `${countText(g.video.calls)} (${countText(g.video.mediaFailed)})` : '–'}
      </td>
    </tr>`;
  }

  private renderArrivals(stats: StatisticsResponse) {
    const periods = stats.overall;
    const keys = stats.totals.map((t) => t.key);
    const cell = (period: string, key: string) =>
      stats.groups.find((g) => g.period === period && g.key === key)?.arrivals ?? 0;
    const series: ChartSeries[] = keys.map((key) => ({
      label: this.keyText(key),
      data: periods.map((p) => cell(p.period, key)),
    }));
    return html`<section aria-labelledby="arrivals">
      <h2 id="arrivals">${msg('Arrivi nel tempo')}</h2>
      <div class="pair even">
        <kpi-chart
          kind="bar"
          .labels=${periods.map((p) => this.periodOf(p))}
          .series=${series}
          description=${msg('Grafico degli arrivi per periodo; i numeri sono nella tabella accanto.')}
        ></kpi-chart>
        <div class="scroll side" tabindex="0" role="region" aria-label=${msg('Arrivi per periodo')}>
          <table>
            <caption>
              ${msg('Arrivi per periodo')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${msg('Periodo')}</th>
                ${keys.map((k) => html`<th scope="col" class="n">${this.keyText(k)}</th>`)}
                <th scope="col" class="n">${msg('Totale')}</th>
              </tr>
            </thead>
            <tbody>
              ${periods.map(
                (p) =>
                  html`<tr>
                    <th scope="row">${this.periodOf(p)}</th>
                    ${keys.map((k) => html`<td class="n">${countText(cell(p.period, k))}</td>`)}
                    <td class="n">${countText(p.arrivals)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>`;
  }

  private renderWaits(stats: StatisticsResponse) {
    const periods = stats.overall;
    const series: ChartSeries[] = [
      { label: msg('Attesa mediana'), data: periods.map((p) => chartMinutes(p.wait.medianSeconds)) },
      { label: msg('Attesa, 90° percentile'), data: periods.map((p) => chartMinutes(p.wait.p90Seconds)) },
      { label: msg('Servizio, mediana'), data: periods.map((p) => chartMinutes(p.service.medianSeconds)) },
    ];
    return html`<section aria-labelledby="waits">
      <h2 id="waits">${msg('Attese e durata del servizio nel tempo')}</h2>
      <div class="pair">
        <kpi-chart
          kind="line"
          unit=${msg('minuti')}
          .labels=${periods.map((p) => this.periodOf(p))}
          .series=${series}
          description=${msg('Grafico delle attese e della durata del servizio per periodo; i numeri sono nella tabella accanto.')}
        ></kpi-chart>
        <div
          class="scroll side"
          tabindex="0"
          role="region"
          aria-label=${msg('Attese e servizio per periodo, tutti i canali scelti')}
        >
          <table>
            <caption>
              ${msg('Attese e servizio per periodo, tutti i canali scelti')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${msg('Periodo')}</th>
                <th scope="col" class="n">${msg('Attesa mediana')}</th>
                <th scope="col" class="n">${msg('90° percentile')}</th>
                <th scope="col" class="n">${msg('Servizio, mediana')}</th>
              </tr>
            </thead>
            <tbody>
              ${periods.map(
                (p) =>
                  html`<tr>
                    <th scope="row">${this.periodOf(p)}</th>
                    <td class="n">${minutesText(p.wait.medianSeconds)}</td>
                    <td class="n">${minutesText(p.wait.p90Seconds)}</td>
                    <td class="n">${minutesText(p.service.medianSeconds)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>`;
  }

  private renderKiosk(stats: StatisticsResponse) {
    const k = stats.kioskTotal;
    const ratingLabels = [msg('Molto male'), msg('Male'), msg('Così così'), msg('Bene'), msg('Molto bene')];
    const counted = <K extends string>(
      caption: string,
      keys: readonly K[],
      values: Record<K, number>,
      name: (key: K) => string,
    ) =>
      html`<table>
        <caption>
          ${caption}
        </caption>
        <tbody>
          ${keys.map(
            (key) =>
              html`<tr>
                <th scope="row">${name(key)}</th>
                <td class="n">${countText(values[key])}</td>
                <td class="n">${percentText(values[key], k.sessions)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return html`<section aria-labelledby="kiosk">
      <h2 id="kiosk">${msg(str`Chioschi: ${countText(k.sessions)} sessioni`)}</h2>
      <div class="three">
        ${counted(msg('Per lingua'), languages, k.byLanguage, (l) => languageName[l])}
        ${counted(msg('Per identificazione'), kioskIdentifications, k.byIdentification, identificationText)}
        ${counted(msg('Per esito'), kioskOutcomes, k.byOutcome, kioskOutcomeText)}
      </div>
      <h3 id="ratings">${msg('Com’è andata? Le valutazioni alla fine della sessione')}</h3>
      <div class="pair">
        <kpi-chart
          kind="bar"
          .labels=${ratingLabels}
          .series=${[{ label: msg('Valutazioni'), data: k.ratings }]}
          description=${msg('Grafico delle valutazioni da molto male a molto bene; i numeri sono nella tabella accanto.')}
        ></kpi-chart>
        <div class="side">
          <table aria-labelledby="ratings">
            <tbody>
              ${ratingLabels.map(
                (label, i) =>
                  html`<tr>
                    <th scope="row">${label}</th>
                    <td class="n">${countText(k.ratings[i]!)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'statistics-screen': StatisticsScreen;
  }
}

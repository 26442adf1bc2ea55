/**
 * The audit log for admins: who received which citizen's data (and what admins did), filtered by day or days
 * (up to a month), person and action, a page at a time, and the same filters as a CSV file. Subjects are
 * booking codes, call ids or keyed hashes: never a citizen's data.
 */
import { localized, msg, str } from '@lit/localize';
import { AUDIT_MAX_DAYS, type AuditResponse } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { formStyles } from '../../components/form-styles.ts';
import { tableStyles } from '../../components/table-styles.ts';
import { auditCsvUrl, fetchAudit, type AuditFilters } from '../../data/admin.ts';
import { adminProblemText, auditActionText } from '../../i18n/admin-labels.ts';
import { addDays, formatTime, getLocale, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

const PAGE = 50;

/** A date and time in Rome, short: "30/11/2026 09:14". */
const when = (iso: string) =>
  `${new Intl.DateTimeFormat(getLocale(), { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso))} ${formatTime(iso)}`;

/** The choices found, and the one chosen even when the days now shown have none of it (it still filters). */
const withChosen = (found: string[] | undefined, chosen: string | undefined) =>
  chosen === undefined || found?.includes(chosen) ? (found ?? []) : [chosen, ...(found ?? [])];

/** An event's details in one line: "roles: counter · sede: rovigo". */
const detailsText = (details?: Record<string, string | number | boolean>) =>
  Object.entries(details ?? {})
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ') || '—';

@customElement('audit-screen')
@localized()
export class AuditScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 80em;
      }
      form {
        display: grid;
        grid-template-columns: repeat(5, minmax(0, 1fr)) auto;
        gap: 0 var(--sp-gap);
        align-items: end;
      }
      form .actions {
        margin: 0 0 0.7em;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--sp-gap);
        margin: 0.4em 0 0.8em;
      }
      a.button {
        display: inline-flex;
        align-items: center;
        min-height: var(--sp-target);
        padding: 0.3em 1.1em;
        border: 2px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        color: var(--sp-primary-dark);
        font-weight: 600;
        text-decoration: none;
      }
      a.button:focus-visible {
        outline: 4px solid var(--sp-focus);
        outline-offset: 2px;
      }
      td.subject,
      .code {
        font-family: ui-monospace, monospace;
        word-break: break-all;
      }
      .code,
      td.details {
        color: var(--sp-muted);
        font-size: 0.85em;
      }
      .bar p {
        margin: 0;
      }
      .pager {
        display: flex;
        align-items: center;
        gap: var(--sp-gap);
        margin-top: var(--sp-gap);
      }
    `,
  ];

  @state() private filters: AuditFilters;
  @state() private page?: AuditResponse;
  @state() private offset = 0;
  @state() private busy = false;
  @state() private error = '';
  @query('h1') private heading!: HTMLElement;

  constructor() {
    super();
    const today = romeDate(new Date().toISOString());
    this.filters = { from: today, to: today };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(0);
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  /** A problem with the days, said before asking the server; empty when they are fine. */
  private daysProblem(): string {
    const { from, to } = this.filters;
    if (!from || !to) return msg('Scegli il primo e l’ultimo giorno.');
    if (to < from) return msg('L’ultimo giorno viene prima del primo: correggi le date.');
    if (addDays(from, AUDIT_MAX_DAYS - 1) < to)
      return msg(str`Al massimo ${AUDIT_MAX_DAYS} giorni alla volta: restringi le date.`);
    return '';
  }

  private async load(offset: number) {
    const problem = this.daysProblem();
    if (problem) {
      this.error = problem;
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      this.page = await fetchAudit(this.filters, offset, PAGE);
      this.offset = offset;
    } catch (error) {
      this.error = adminProblemText(error);
    } finally {
      this.busy = false;
    }
  }

  private set(key: keyof AuditFilters, value: string) {
    this.filters = { ...this.filters, [key]: value || undefined };
  }

  override render() {
    const f = this.filters;
    const page = this.page;
    const change = (key: keyof AuditFilters) => (e: Event) =>
      this.set(key, (e.target as HTMLInputElement | HTMLSelectElement).value);
    return html`<main>
      <h1 tabindex="-1">${msg('Registro accessi')}</h1>
      <p class="muted">
        ${msg(
          'Ogni volta che una persona del personale riceve i dati di un cittadino, e ogni azione degli amministratori. Il soggetto è un codice (prenotazione, chiamata, biglietto), mai un dato personale.',
        )}
      </p>
      <form
        role="search"
        aria-label=${msg('Filtra il registro')}
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.load(0);
        }}
      >
        <div class="field">
          <label for="from">${msg('Dal giorno')}</label>
          <input id="from" type="date" .value=${f.from} @change=${change('from')} />
        </div>
        <div class="field">
          <label for="to">${msg('Al giorno')}</label>
          <input id="to" type="date" .value=${f.to} @change=${change('to')} />
        </div>
        <div class="field">
          <label for="actor">${msg('Persona')}</label>
          <select id="actor" @change=${change('actor')}>
            <option value="" ?selected=${!f.actor}>${msg('Tutte')}</option>
            ${withChosen(page?.actors, f.actor).map((a) => html`<option value=${a} ?selected=${a === f.actor}>${a}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="action">${msg('Azione')}</label>
          <select id="action" @change=${change('action')}>
            <option value="" ?selected=${!f.action}>${msg('Tutte')}</option>
            ${withChosen(page?.actions, f.action).map(
              (a) => html`<option value=${a} ?selected=${a === f.action}>${auditActionText(a)}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="subject">${msg('Soggetto (codice o account)')}</label>
          <input
            id="subject"
            autocomplete="off"
            spellcheck="false"
            maxlength="80"
            .value=${f.subject ?? ''}
            @input=${change('subject')}
          />
        </div>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${msg('Cerca')}</button></div>
      </form>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${page ? this.renderPage(page) : html`<p class="muted">${msg('Caricamento del registro…')}</p>`}
    </main>`;
  }

  private renderPage(page: AuditResponse) {
    const first = page.total === 0 ? 0 : this.offset + 1;
    const last = Math.min(this.offset + PAGE, page.total);
    return html`<div class="bar">
        <p role="status">
          ${
            page.total === 0
              ? msg('Nessun evento con questi filtri.')
              : msg(str`Eventi ${first}–${last} di ${page.total}`)
          }
        </p>
        ${
          page.total > 0
            ? html`<a class="button" href=${auditCsvUrl(this.filters)} download>${msg('Scarica in CSV')}</a>`
            : nothing
        }
      </div>
      ${
        page.total > 0
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${msg('Quando')}</th>
                  <th scope="col">${msg('Chi')}</th>
                  <th scope="col">${msg('Azione')}</th>
                  <th scope="col">${msg('Soggetto')}</th>
                  <th scope="col">${msg('Dettagli')}</th>
                </tr>
              </thead>
              <tbody>
                ${page.events.map(
                  (e) =>
                    html`<tr>
                      <td>${when(e.at)}</td>
                      <td>${e.actor}</td>
                      <td>${auditActionText(e.action)}<br /><span class="code">${e.action}</span></td>
                      <td class="subject">${e.subject}</td>
                      <td class="details">${detailsText(e.details)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
      ${
        page.total > PAGE
          ? html`<nav class="pager" aria-label=${msg('Pagine del registro')}>
              <button
                class="secondary"
                ?disabled=${this.busy || this.offset === 0}
                @click=${() => this.load(Math.max(0, this.offset - PAGE))}
              >
                ${msg('Precedenti')}
              </button>
              <button
                class="secondary"
                ?disabled=${this.busy || last >= page.total}
                @click=${() => this.load(this.offset + PAGE)}
              >
                ${msg('Successivi')}
              </button>
            </nav>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'audit-screen': AuditScreen;
  }
}

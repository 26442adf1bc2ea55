/**
 * "Prova i dispositivi": runs a station's device self-test from the console and shows how it goes — sent,
 * waiting for the kiosk to be free (a citizen is never interrupted), running — then one line per device.
 * Asks the server every second or two while a run is under way, and stops when it is over or the element
 * leaves the page.
 *
 * @event console-self-test-done - detail: the SelfTestRunView that just ended (done or failed), so that the
 *   page around it can refresh what it shows of the station.
 */
import { localized, msg, str } from '@lit/localize';
import type { SelfTestCheck, SelfTestListResponse, SelfTestRunView } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiProblem } from '../../data/api-client.ts';
import { fetchSelfTests, startSelfTest } from '../../data/station-remote.ts';
import { problemText } from '../../i18n/labels.ts';
import { formatDay, formatTime, romeDate } from '../../i18n/locale.ts';
import { selfTestDeviceText, selfTestProgressText, selfTestStateText } from '../../i18n/self-test-labels.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles, panelStyles } from '../form-styles.ts';
import { tableStyles } from '../table-styles.ts';

/** While a run is under way the result shows within about this long of the agent's report. */
const ACTIVE_POLL_MS = 1_500;

const active = (run: SelfTestRunView | undefined) =>
  run !== undefined && (run.status === 'queued' || run.status === 'waiting-idle' || run.status === 'running');

@customElement('station-self-test')
@localized()
export class StationSelfTest extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    tableStyles,
    css`
      :host {
        margin-block-end: var(--sp-gap);
      }
      h3 {
        margin-block: 0 0.5em;
      }
      .progress {
        display: flex;
        align-items: center;
        gap: 0.6em;
        font-weight: 600;
        margin-block: 0.8em 0.4em;
      }
      .progress.failed {
        color: var(--sp-danger);
      }
      .outcome {
        font-weight: 700;
        white-space: nowrap;
      }
      .outcome.ok {
        color: var(--sp-success);
      }
      .outcome.problem {
        color: var(--sp-danger);
      }
      .outcome.not-configured {
        color: var(--sp-muted);
        font-weight: 400;
      }
      caption {
        text-align: start;
        margin-block-end: 0.3em;
      }
      .when {
        color: var(--sp-muted);
        margin: 0.2em 0 0.6em;
      }
      @media (prefers-reduced-motion: no-preference) {
        .spinner {
          inline-size: 1em;
          block-size: 1em;
          border: 3px solid var(--sp-border);
          border-block-start-color: var(--sp-primary);
          border-radius: 50%;
          animation: spin 1s linear infinite;
        }
        @keyframes spin {
          to {
            transform: rotate(1turn);
          }
        }
      }
    `,
  ];

  /** The station's id. */
  @property() station = '';

  @state() private runs: SelfTestRunView[] = [];
  @state() private online = false;
  @state() private loaded = false;
  @state() private print = false;
  @state() private busy = false;
  @state() private error = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.connected = true;
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connected = false;
    clearTimeout(this.timer);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('station') && changed.get('station') !== undefined) {
      this.runs = [];
      this.loaded = false;
      void this.refresh();
    }
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.station) return;
    try {
      const list: SelfTestListResponse = await fetchSelfTests(this.station);
      const before = this.runs[0];
      this.runs = list.runs;
      const now = list.runs.find((run) => run.id === before?.id);
      if (active(before) && now && !active(now)) emit(this, 'console-self-test-done', now);
      this.online = list.connected;
      this.loaded = true;
    } catch (error) {
      this.error = problemText(error);
    }
    if (this.connected && active(this.runs[0]))
      this.timer = setTimeout(() => void this.refresh(), ACTIVE_POLL_MS);
  }

  private async start(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      const run = await startSelfTest(this.station, this.print);
      this.runs = [run, ...this.runs];
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.code === 'self_test_in_progress'
          ? msg('C’è già una prova in corso su questa postazione: aspetta il suo risultato.')
          : problemText(error);
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  override render() {
    const latest = this.runs[0];
    const running = active(latest);
    return html`
      <h3 id="self-test-heading">${msg('Prova dei dispositivi')}</h3>
      <p class="hint">
        ${msg(
          'La prova controlla lettore di carte, stampante, lettore di codici e telecamera. Se un cittadino sta usando il chiosco, aspetta che abbia finito.',
        )}
      </p>
      <label class="check">
        <input
          type="checkbox"
          .checked=${this.print}
          ?disabled=${running || this.busy}
          @change=${(e: Event) => (this.print = (e.target as HTMLInputElement).checked)}
        />
        <span>${msg('Stampa una pagina di prova')}</span>
      </label>
      <div class="actions">
        <button
          type="button"
          ?disabled=${running || this.busy || !this.loaded}
          @click=${() => void this.start()}
        >
          ${this.busy ? msg('Un momento…') : msg('Prova i dispositivi')}
        </button>
      </div>
      <p class="error" role="alert">${this.error}</p>
      <div role="status" aria-live="polite">${latest ? this.renderRun(latest) : nothing}</div>
    `;
  }

  private renderRun(run: SelfTestRunView) {
    const under = active(run);
    return html`
      <p class="progress ${run.status === 'failed' ? 'failed' : ''}">
        ${under ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
        <span>${selfTestProgressText(run, this.online)}</span>
      </p>
      <p class="when">${this.whenText(run)}</p>
      ${run.result ? this.renderChecks(run.result.checks) : nothing}
    `;
  }

  private whenText(run: SelfTestRunView): string {
    const at = run.finishedAt ?? run.requestedAt;
    const today = romeDate(new Date().toISOString()) === romeDate(at);
    const time = formatTime(at);
    const when = today ? msg(str`alle ${time}`) : msg(str`${formatDay(romeDate(at))} alle ${time}`);
    return run.finishedAt
      ? msg(str`Chiesta da ${run.requestedBy}; risultato ${when}.`)
      : msg(str`Chiesta da ${run.requestedBy} ${when}.`);
  }

  private renderChecks(checks: SelfTestCheck[]) {
    return html`<table>
      <caption class="hint">
        ${msg('Risultato per dispositivo')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Dispositivo')}</th>
          <th scope="col">${msg('Esito')}</th>
          <th scope="col">${msg('Dettaglio')}</th>
        </tr>
      </thead>
      <tbody>
        ${checks.map(
          (check) =>
            html`<tr>
              <th scope="row">${selfTestDeviceText(check.device)}</th>
              <td class="outcome ${check.outcome}">
                ${check.outcome === 'ok' ? msg('OK') : check.outcome === 'problem' ? msg('Problema') : '—'}
              </td>
              <td>${selfTestStateText(check)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'station-self-test': StationSelfTest;
  }
}

/**
 * One station's page: where it is, online or since when offline, each device, the kiosk page, the agent,
 * the last self-test (and "Prova i dispositivi" and the pushed settings where those components exist);
 * edit it (rename, move to another sede, its place and expected devices), give it a new enrolment code, or
 * revoke its registration after one confirming step (its agent is refused at once).
 */
import { localized, msg, str } from '@lit/localize';
import type {
  CatalogResponse,
  DeviceHealth,
  EnrolmentCodeResponse,
  StationDetailResponse,
  StationDeviceName,
} from '@sportello/protocol';
import { stationDevices } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import '../../components/enrolment-code/enrolment-code.ts';
import { formStyles } from '../../components/form-styles.ts';
import '../../components/station-form/station-form.ts';
import type { StationFields } from '../../components/station-form/station-form.ts';
import { devicesCell, healthStyles, stateCell } from '../../components/station-health.ts';
import { tableStyles } from '../../components/table-styles.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { createEnrolmentCode, fetchStation, revokeCredential, updateStation } from '../../data/stations.ts';
import {
  deviceName,
  deviceStateText,
  durationText,
  momentText,
  selfTestStatusText,
} from '../../i18n/fleet-labels.ts';
import { problemText } from '../../i18n/labels.ts';
import { screenStyles } from '../../theme/tokens.ts';

const REFRESH_MS = 10_000;

/** A device's state in the heartbeat, as one word the labels know. */
function stateOf(device: StationDeviceName, devices: DeviceHealth): string {
  if (device !== 'camera') return devices[device];
  return devices.camera.device ? devices.camera.page : 'absent';
}

@customElement('station-screen')
@localized()
export class StationScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    healthStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 70em;
      }
      a {
        color: var(--sp-primary-dark);
        font-weight: 600;
      }
      a:focus-visible {
        outline: var(--sp-focus-width) solid var(--sp-focus);
        outline-offset: var(--sp-focus-offset);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20em, 1fr));
        gap: var(--sp-gap);
        align-items: start;
      }
      section {
        border: 1px solid var(--sp-border);
        border-radius: var(--sp-radius);
        padding: 0 var(--sp-gap) var(--sp-gap);
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.3em 1em;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      .confirm {
        border: 2px solid var(--sp-danger);
        border-radius: var(--sp-radius);
        padding: var(--sp-gap);
        margin-top: var(--sp-gap);
      }
      .saved {
        color: var(--sp-success);
        font-weight: 600;
      }
      .wide {
        margin-top: var(--sp-gap);
      }
      section.plain {
        border: 0;
        padding: 0;
      }
      section.plain > * + * {
        display: block;
        margin-top: var(--sp-gap);
      }
      th[scope='row'] {
        background: none;
      }
    `,
  ];

  /** The station shown. */
  @property() stationId = '';
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private detail?: StationDetailResponse;
  @state() private missing = false;
  @state() private editing = false;
  @state() private confirmingRevoke = false;
  @state() private code?: EnrolmentCodeResponse;
  @state() private busy = false;
  @state() private error = '';
  @state() private told = '';
  @state() private problems: Record<string, string> = {};
  @query('h1') private heading?: HTMLElement;
  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (!this.editing) void this.load();
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('stationId')) {
      this.detail = undefined;
      this.missing = false;
      this.editing = false;
      this.confirmingRevoke = false;
      this.code = undefined;
      this.told = '';
      this.error = '';
      void this.load().then(() => this.heading?.focus());
    }
  }

  private async load() {
    const id = this.stationId;
    try {
      const detail = await fetchStation(id);
      if (id === this.stationId) this.detail = detail;
    } catch (error) {
      if (id !== this.stationId) return;
      if (error instanceof ApiProblem && error.status === 404) this.missing = true;
      else this.error = problemText(error);
    }
  }

  private async act(what: () => Promise<void>) {
    this.busy = true;
    this.error = '';
    this.told = '';
    try {
      await what();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async save(event: CustomEvent<StationFields>) {
    this.problems = {};
    await this.act(async () => {
      try {
        await updateStation(this.stationId, event.detail);
      } catch (error) {
        if (error instanceof ApiProblem && error.fields)
          this.problems = Object.fromEntries(error.fields.map((f) => [f.path.split('.')[0]!, f.message]));
        throw error;
      }
      this.editing = false;
      this.told = msg('Modifiche salvate.');
      await this.load();
      this.heading?.focus();
    });
  }

  private newCode() {
    return this.act(async () => {
      this.code = await createEnrolmentCode(this.stationId);
      await this.updateComplete;
      this.renderRoot.querySelector('enrolment-code')?.focusHeading();
    });
  }

  private revoke() {
    return this.act(async () => {
      const revoked = await revokeCredential(this.stationId);
      this.confirmingRevoke = false;
      this.told = revoked
        ? msg('Registrazione revocata: l’agente della stazione viene rifiutato da subito.')
        : msg('La stazione non era registrata: non c’era nulla da revocare.');
      await this.load();
      this.heading?.focus();
    });
  }

  override render() {
    if (this.missing)
      return html`<main>
        <p><a href="#stations">${msg('← Tutte le stazioni')}</a></p>
        <h1 tabindex="-1">${msg('Stazione non trovata')}</h1>
        <p>${msg(str`Non c’è nessuna stazione «${this.stationId}».`)}</p>
      </main>`;
    const detail = this.detail;
    if (!detail)
      return html`<main>
        <p><a href="#stations">${msg('← Tutte le stazioni')}</a></p>
        <h1 tabindex="-1">${msg('Caricamento della stazione…')}</h1>
        <p class="error" role="alert">${this.error || nothing}</p>
      </main>`;
    const { health } = detail;
    const s = health.station;
    const sede = this.catalog?.sedi.find((x) => x.id === s.sede)?.name ?? s.sede;
    return html`<main>
      <p><a href="#stations">${msg('← Tutte le stazioni')}</a></p>
      <h1 tabindex="-1">${s.name}</h1>
      <p class="saved" role="status">${this.told || nothing}</p>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${
        this.code
          ? html`<enrolment-code
              class="wide"
              .enrolment=${this.code}
              @console-done=${() => (this.code = undefined)}
            ></enrolment-code>`
          : nothing
      }
      ${
        this.editing
          ? html`<h2>${msg('Modifica la stazione')}</h2>
              <station-form
                .station=${s}
                .catalog=${this.catalog}
                .busy=${this.busy}
                .problems=${this.problems}
                submitLabel=${msg('Salva le modifiche')}
                @console-station-submit=${this.save}
                @console-cancel=${() => ((this.editing = false), (this.problems = {}))}
              ></station-form>`
          : this.renderDetail(detail, sede)
      }
    </main>`;
  }

  private renderDetail({ health, newestAgentVersion }: StationDetailResponse, sede: string) {
    const s = health.station;
    const expected = new Set(s.devices ?? []);
    return html`<div class="grid">
        <section aria-labelledby="where">
          <h2 id="where">${msg('Dove si trova')}</h2>
          <dl>
            <dt>${msg('Codice')}</dt>
            <dd>${s.id}</dd>
            <dt>${msg('Sede')}</dt>
            <dd>${sede}</dd>
            <dt>${msg('Comune')}</dt>
            <dd>${s.comune ?? msg('—')}</dd>
            <dt>${msg('Ospitata da')}</dt>
            <dd>${s.host}</dd>
            <dt>${msg('Indirizzo')}</dt>
            <dd>${s.address}</dd>
            <dt>${msg('Tipo')}</dt>
            <dd>${s.kind === 'sede' ? msg('Accoglienza di una sede') : msg('Municipio o altro ente')}</dd>
          </dl>
          <div class="actions">
            <button class="secondary" @click=${() => (this.editing = true)}>
              ${msg('Modifica, rinomina o sposta')}
            </button>
          </div>
        </section>
        <section aria-labelledby="health">
          <h2 id="health">${msg('Stato')}</h2>
          <dl>
            <dt>${msg('Collegamento')}</dt>
            <dd>${stateCell(health)}</dd>
            <dt>${msg('Acceso da')}</dt>
            <dd>${health.uptimeSeconds === null ? msg('—') : durationText(health.uptimeSeconds)}</dd>
            <dt>${msg('Agente')}</dt>
            <dd>
              ${health.agentVersion ?? msg('—')}
              ${
                health.agentOutdated
                  ? html`<span class="bad">${msg(str`da aggiornare alla ${newestAgentVersion}`)}</span>`
                  : nothing
              }
            </dd>
            <dt>${msg('Pagina del chiosco')}</dt>
            <dd>
              ${
                !health.page
                  ? msg('nessuna notizia')
                  : !health.page.loaded
                    ? html`<span class="bad">${msg('non caricata')}</span>`
                    : health.page.errors === 0
                      ? html`<span class="online">${msg('caricata, nessun errore')}</span>`
                      : html`<span class="bad">${msg(str`caricata, ${health.page.errors} errori`)}</span>`
              }
              ${
                health.page?.lastError
                  ? html`<span class="id">${msg(str`ultimo errore: ${health.page.lastError}`)}</span>`
                  : nothing
              }
            </dd>
            <dt>${msg('Ultima prova')}</dt>
            <dd>
              ${
                health.lastSelfTest
                  ? html`${selfTestStatusText(health.lastSelfTest.status)},
                    ${momentText(health.lastSelfTest.finishedAt ?? health.lastSelfTest.requestedAt)}
                    ${
                      health.lastSelfTest.error
                        ? html`<span class="id bad">${health.lastSelfTest.error}</span>`
                        : nothing
                    }`
                  : msg('mai')
              }
            </dd>
          </dl>
        </section>
      </div>
      <section aria-labelledby="devices" class="wide">
        <h2 id="devices">${msg('Dispositivi')}</h2>
        ${
          health.devices
            ? html`<table aria-labelledby="devices">
                <thead>
                  <tr>
                    <th scope="col">${msg('Dispositivo')}</th>
                    <th scope="col">${msg('Previsto')}</th>
                    <th scope="col">${msg('Stato')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${stationDevices.map((device) => {
                    const problem = health.problems.some((p) => p.device === device);
                    return html`<tr>
                      <th scope="row">${deviceName(device)}</th>
                      <td>${expected.has(device) ? msg('sì') : msg('no')}</td>
                      <td class=${problem ? 'bad' : ''}>
                        ${deviceStateText(stateOf(device, health.devices!))}
                      </td>
                    </tr>`;
                  })}
                </tbody>
              </table>`
            : html`<p>${devicesCell(health)}</p>`
        }
      </section>
      <section aria-labelledby="registration" class="wide">
        <h2 id="registration">${msg('Registrazione')}</h2>
        <p>
          ${
            health.enrolled
              ? msg('La stazione è registrata: il suo agente si collega con le proprie credenziali.')
              : msg(
                  'La stazione non è registrata: crea un codice e usalo sul posto con «station-agent enroll».',
                )
          }
        </p>
        <div class="actions">
          <button class="secondary" ?disabled=${this.busy} @click=${this.newCode}>
            ${msg('Nuovo codice di registrazione')}
          </button>
          ${
            health.enrolled
              ? html`<button
                  class="danger"
                  ?disabled=${this.busy}
                  aria-expanded=${this.confirmingRevoke ? 'true' : 'false'}
                  @click=${() => (this.confirmingRevoke = true)}
                >
                  ${msg('Revoca la registrazione')}
                </button>`
              : nothing
          }
        </div>
        ${
          this.confirmingRevoke
            ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
                <p id="confirm-text">
                  <strong>${msg(str`Revocare la registrazione di «${s.name}»?`)}</strong>
                  ${msg('L’agente verrà rifiutato da subito e il chiosco smetterà di servire i cittadini, finché non lo registri di nuovo con un codice.')}
                </p>
                <div class="actions">
                  <button class="danger" ?disabled=${this.busy} @click=${this.revoke}>
                    ${msg('Sì, revoca')}
                  </button>
                  <button class="secondary" @click=${() => (this.confirmingRevoke = false)}>
                    ${msg('Annulla')}
                  </button>
                </div>
              </div>`
            : nothing
        }
      </section>
      <section aria-labelledby="remote" class="wide plain">
        <h2 id="remote">${msg('Prova e impostazioni a distanza')}</h2>
        <station-self-test station=${s.id}></station-self-test>
        <station-settings-form station=${s.id} .catalog=${this.catalog}></station-settings-form>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'station-screen': StationScreen;
  }
}

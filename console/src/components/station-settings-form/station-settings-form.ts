/**
 * The settings a technician pushes to a running station, applied by its kiosk without a restart: the
 * inactivity time before "are you still there?", the languages and services offered, and an "out of
 * service" message shown instead of the welcome screen. Saving sends them at once (or when the station
 * reconnects). Empty choices mean the station's defaults.
 *
 * @event console-settings-saved - detail: the StationSettingsResponse the server stored.
 */
import { localized, msg, str } from '@lit/localize';
import {
  languageNames,
  languages,
  type CatalogResponse,
  type Language,
  type StationSettings,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiProblem } from '../../data/api-client.ts';
import { fetchCatalog } from '../../data/catalog.ts';
import { fetchStationSettings, saveStationSettings } from '../../data/station-remote.ts';
import { problemText } from '../../i18n/labels.ts';
import { formatTime, localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles, panelStyles } from '../form-styles.ts';

const IDLE_MIN = 20;
const IDLE_MAX = 600;
const MESSAGE_MAX = 300;

type Field = 'idleSeconds' | 'languages' | 'services' | 'outOfService';

@customElement('station-settings-form')
@localized()
export class StationSettingsForm extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      :host {
        margin-block-end: var(--sp-gap);
      }
      h3 {
        margin-block: 0 0.5em;
      }
      .choices {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
        gap: 0 1em;
      }
      input[type='number'] {
        max-inline-size: 9em;
      }
      .field-error {
        color: var(--sp-danger);
        font-weight: 600;
        margin: 0.2em 0 0;
      }
    `,
  ];

  /** The station's id. */
  @property() station = '';
  /** The services catalog, when the parent has it; loaded otherwise. */
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private idle = '';
  @state() private offered = new Set<Language>(languages);
  @state() private services = new Set<string>();
  @state() private outOfService = false;
  @state() private message = '';
  @state() private loaded = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private problems: Partial<Record<Field, string>> = {};
  @state() private savedAt?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('station') && changed.get('station') !== undefined) void this.load();
  }

  private get allServices() {
    return this.catalog?.services ?? [];
  }

  private async load(): Promise<void> {
    if (!this.station) return;
    this.loaded = false;
    this.error = '';
    try {
      const [current, catalog] = await Promise.all([
        fetchStationSettings(this.station),
        this.catalog ? Promise.resolve(this.catalog) : fetchCatalog(),
      ]);
      this.catalog ??= catalog;
      this.fill(current.settings);
      this.savedAt = current.updatedAt ?? undefined;
      this.loaded = true;
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private fill(settings: StationSettings): void {
    this.idle = settings.idleSeconds === undefined ? '' : String(settings.idleSeconds);
    this.offered = new Set(settings.languages ?? languages);
    this.services = new Set(settings.services ?? this.allServices.map((s) => s.id));
    this.outOfService = settings.outOfService !== undefined;
    this.message = settings.outOfService ?? '';
  }

  /** The settings as the form says them, or the problems that keep them from being sent. */
  private read(): { settings: StationSettings; problems: Partial<Record<Field, string>> } {
    const problems: Partial<Record<Field, string>> = {};
    const settings: StationSettings = {};
    if (this.idle.trim() !== '') {
      const seconds = Number(this.idle);
      if (!Number.isInteger(seconds) || seconds < IDLE_MIN || seconds > IDLE_MAX)
        problems.idleSeconds = msg(str`Scrivi un numero intero di secondi tra ${IDLE_MIN} e ${IDLE_MAX}.`);
      else settings.idleSeconds = seconds;
    }
    if (this.offered.size < languages.length)
      settings.languages = languages.filter((language) => this.offered.has(language));
    if (this.services.size === 0) problems.services = msg('Scegli almeno un servizio.');
    else if (this.services.size < this.allServices.length)
      settings.services = this.allServices.filter((s) => this.services.has(s.id)).map((s) => s.id);
    if (this.outOfService) {
      const message = this.message.trim();
      if (!message) problems.outOfService = msg('Scrivi il messaggio che il cittadino vedrà sullo schermo.');
      else if (message.length > MESSAGE_MAX)
        problems.outOfService = msg(str`Il messaggio può avere al massimo ${MESSAGE_MAX} caratteri.`);
      else settings.outOfService = message;
    }
    return { settings, problems };
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    this.error = '';
    const { settings, problems } = this.read();
    if (Object.keys(problems).length > 0) {
      this.problems = problems;
      this.savedAt = undefined;
      return this.focusFirstProblem();
    }
    this.problems = {};
    this.busy = true;
    try {
      const saved = await saveStationSettings(this.station, settings);
      this.fill(saved.settings);
      this.savedAt = saved.updatedAt ?? undefined;
      emit(this, 'console-settings-saved', saved);
    } catch (error) {
      const fields = error instanceof ApiProblem ? error.fields : undefined;
      if (fields?.length) {
        this.problems = Object.fromEntries(
          fields.map((f) => [f.path.split('.')[0] as Field, msg(str`Valore non accettato: ${f.message}`)]),
        );
        this.focusFirstProblem();
      } else this.error = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private focusFirstProblem(): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  }

  private toggle<T>(set: Set<T>, value: T, on: boolean): Set<T> {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  }

  override render() {
    const p = this.problems;
    return html`
      <h3 id="settings-heading">${msg('Impostazioni del chiosco')}</h3>
      <p class="hint">
        ${msg(
          'Il chiosco le applica subito, senza riavvio; se un cittadino lo sta usando, il messaggio «fuori servizio» compare quando ha finito.',
        )}
      </p>
      <form aria-labelledby="settings-heading" novalidate @submit=${this.save}>
        <div class="field">
          <label for="idle-seconds">${msg('Secondi senza tocchi prima di chiedere «Sei ancora qui?»')}</label>
          <input
            id="idle-seconds"
            type="number"
            inputmode="numeric"
            min=${IDLE_MIN}
            max=${IDLE_MAX}
            step="1"
            .value=${this.idle}
            aria-invalid=${p.idleSeconds ? 'true' : 'false'}
            aria-describedby="idle-hint idle-error"
            ?disabled=${!this.loaded}
            @input=${(e: Event) => (this.idle = (e.target as HTMLInputElement).value)}
          />
          <span class="hint" id="idle-hint">
            ${msg(str`Da ${IDLE_MIN} a ${IDLE_MAX}. Vuoto: il tempo previsto dalla postazione.`)}
          </span>
          <p class="field-error" id="idle-error">${p.idleSeconds ?? nothing}</p>
        </div>

        <fieldset>
          <legend>${msg('Lingue offerte')}</legend>
          <div class="choices">
            ${languages.map(
              (language) =>
                html`<label class="check">
                  <input
                    type="checkbox"
                    .checked=${this.offered.has(language)}
                    ?disabled=${language === 'it' || !this.loaded}
                    @change=${(e: Event) =>
                      (this.offered = this.toggle(
                        this.offered,
                        language,
                        (e.target as HTMLInputElement).checked,
                      ))}
                  />
                  <span lang=${language}>${languageNames[language]}</span>
                </label>`,
            )}
          </div>
          <p class="hint">${msg('L’italiano è sempre offerto.')}</p>
        </fieldset>

        <fieldset aria-describedby="services-error">
          <legend>${msg('Servizi offerti')}</legend>
          <div class="choices">
            ${this.allServices.map(
              (service) =>
                html`<label class="check">
                  <input
                    type="checkbox"
                    .checked=${this.services.has(service.id)}
                    aria-invalid=${p.services ? 'true' : 'false'}
                    ?disabled=${!this.loaded}
                    @change=${(e: Event) =>
                      (this.services = this.toggle(
                        this.services,
                        service.id,
                        (e.target as HTMLInputElement).checked,
                      ))}
                  />
                  <span>${localizedText(service.name)}</span>
                </label>`,
            )}
          </div>
          <p class="field-error" id="services-error">${p.services ?? nothing}</p>
        </fieldset>

        <fieldset>
          <legend>${msg('Fuori servizio')}</legend>
          <label class="check">
            <input
              type="checkbox"
              .checked=${this.outOfService}
              ?disabled=${!this.loaded}
              @change=${(e: Event) => (this.outOfService = (e.target as HTMLInputElement).checked)}
            />
            <span>${msg('Metti il chiosco fuori servizio')}</span>
          </label>
          ${
            this.outOfService
              ? html`<div class="field">
                  <label for="out-of-service-message">${msg('Messaggio per i cittadini')}</label>
                  <textarea
                    id="out-of-service-message"
                    maxlength=${MESSAGE_MAX}
                    .value=${this.message}
                    aria-invalid=${p.outOfService ? 'true' : 'false'}
                    aria-describedby="message-hint message-error"
                    @input=${(e: Event) => (this.message = (e.target as HTMLTextAreaElement).value)}
                  ></textarea>
                  <span class="hint" id="message-hint">
                    ${msg('Parole semplici, per esempio: «Chiuso per manutenzione fino alle 12.»')}
                  </span>
                  <p class="field-error" id="message-error">${p.outOfService ?? nothing}</p>
                </div>`
              : nothing
          }
        </fieldset>

        <div class="actions">
          <button type="submit" ?disabled=${this.busy || !this.loaded}>
            ${this.busy ? msg('Un momento…') : msg('Salva e invia al chiosco')}
          </button>
        </div>
        <p class="error" role="alert">${this.error}</p>
        <p class="saved" role="status">
          ${
            this.savedAt && Object.keys(p).length === 0 && !this.busy
              ? msg(str`Impostazioni salvate alle ${formatTime(this.savedAt)}: il chiosco le riceve subito.`)
              : nothing
          }
        </p>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'station-settings-form': StationSettingsForm;
  }
}

/**
 * A station's record as a technician fills it in: sede, comune, name, host, address, kind, expected devices.
 * The same form creates a station and edits one (rename, move to another sede, change its place); it checks
 * what it can in plain words and shows the server's refusals beside the field they name.
 *
 * @fires console-station-submit - detail: the record to send (every field, trimmed)
 * @fires console-cancel - the technician gave up
 */
import { localized, msg } from '@lit/localize';
import type { CatalogResponse, Station, StationDeviceName } from '@sportello/protocol';
import { stationDevices } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles } from '../form-styles.ts';
import { deviceName } from '../../i18n/fleet-labels.ts';
import { screenStyles } from '../../theme/tokens.ts';

export type StationFields = Omit<Station, 'id' | 'comune' | 'devices'> & {
  comune: string;
  devices: StationDeviceName[];
};

type TextKey = 'comune' | 'name' | 'host' | 'address';

const LIMITS: Record<TextKey, number> = { comune: 60, name: 100, host: 100, address: 200 };

@customElement('station-form')
@localized()
export class StationForm extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    css`
      form {
        max-width: 46em;
      }
      .devices {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0 var(--sp-gap);
      }
      .field-error {
        color: var(--sp-danger);
        font-weight: 600;
        margin: 0;
      }
      input[aria-invalid='true'],
      select[aria-invalid='true'] {
        border-color: var(--sp-danger);
      }
    `,
  ];

  /** The station being edited; absent for a new one. */
  @property({ attribute: false }) station?: Station;
  @property({ attribute: false }) catalog?: CatalogResponse;
  /** The sede a new station starts in (the technician's own). */
  @property() defaultSede = '';
  /** The submit button's words. */
  @property() submitLabel = '';
  /** A request is on its way: the button waits. */
  @property({ type: Boolean }) busy = false;
  /** Problems by field (`name`, `sede`, …), e.g. the server's refusal. */
  @property({ attribute: false }) problems: Record<string, string> = {};

  @state() private fields!: StationFields;
  @state() private own: Record<string, string> = {};

  override willUpdate(changed: Map<string, unknown>): void {
    if (!this.fields || changed.has('station')) {
      const s = this.station;
      this.fields = {
        sede: s?.sede ?? (this.defaultSede || this.catalog?.sedi[0]?.id || ''),
        comune: s?.comune ?? '',
        name: s?.name ?? '',
        host: s?.host ?? '',
        address: s?.address ?? '',
        kind: s?.kind ?? 'municipal',
        devices: [...(s?.devices ?? (s ? [] : ['reader', 'printer', 'camera']))],
      };
      this.own = {};
    }
    if (!this.fields.sede && this.catalog?.sedi[0])
      this.fields = { ...this.fields, sede: this.defaultSede || this.catalog.sedi[0].id };
  }

  private set<K extends keyof StationFields>(key: K, value: StationFields[K]) {
    this.fields = { ...this.fields, [key]: value };
  }

  private toggleDevice(device: StationDeviceName, on: boolean) {
    const devices = new Set(this.fields.devices);
    if (on) devices.add(device);
    else devices.delete(device);
    this.set(
      'devices',
      stationDevices.filter((d) => devices.has(d)),
    );
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const own: Record<string, string> = {};
    const required: Record<TextKey, () => string> = {
      comune: () => msg('Scrivi il comune dove si trova la stazione.'),
      name: () => msg('Scrivi un nome, ad esempio «Postazione INPS al Comune di Adria».'),
      host: () => msg('Scrivi chi ospita la stazione, ad esempio «Comune di Adria».'),
      address: () => msg('Scrivi l’indirizzo e il punto preciso, ad esempio «piano terra, URP».'),
    };
    for (const key of Object.keys(required) as TextKey[])
      if (!this.fields[key].trim()) own[key] = required[key]();
    if (!this.fields.sede) own.sede = msg('Scegli la sede che serve questa stazione.');
    this.own = own;
    if (Object.keys(own).length > 0) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const trimmed = { ...this.fields };
    for (const key of Object.keys(LIMITS) as TextKey[]) trimmed[key] = trimmed[key].trim();
    emit(this, 'console-station-submit', trimmed);
  }

  private problemOf(key: string): string | undefined {
    return this.own[key] ?? this.problems[key];
  }

  private text(key: TextKey, label: string, hint?: string) {
    const problem = this.problemOf(key);
    return html`<div class="field">
      <label for=${key}>${label}</label>
      ${hint ? html`<span class="hint" id=${`${key}-hint`}>${hint}</span>` : nothing}
      <input
        id=${key}
        maxlength=${LIMITS[key]}
        autocomplete="off"
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${
          [hint ? `${key}-hint` : '', problem ? `${key}-error` : ''].join(' ').trim() || nothing
        }
        .value=${this.fields[key]}
        @input=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value)}
      />
      ${problem ? html`<p class="field-error" id=${`${key}-error`}>${problem}</p>` : nothing}
    </div>`;
  }

  override render() {
    const sedi = this.catalog?.sedi ?? [];
    const sedeProblem = this.problemOf('sede');
    const f = this.fields;
    return html`<form novalidate @submit=${this.submit}>
      <div class="row">
        <div class="field">
          <label for="sede">${msg('Sede che la serve')}</label>
          <select
            id="sede"
            aria-invalid=${sedeProblem ? 'true' : 'false'}
            aria-describedby=${sedeProblem ? 'sede-error' : nothing}
            @change=${(e: Event) => this.set('sede', (e.target as HTMLSelectElement).value)}
          >
            ${sedi.map((s) => html`<option value=${s.id} ?selected=${s.id === f.sede}>${s.name}</option>`)}
          </select>
          ${sedeProblem ? html`<p class="field-error" id="sede-error">${sedeProblem}</p>` : nothing}
        </div>
        ${this.text('comune', msg('Comune'))}
      </div>
      ${this.text('name', msg('Nome della stazione'))} ${this.text('host', msg('Ente che la ospita'))}
      ${this.text('address', msg('Indirizzo e punto preciso'))}
      <fieldset>
        <legend>${msg('Dove si trova')}</legend>
        <label class="check">
          <input
            type="radio"
            name="kind"
            .checked=${f.kind === 'municipal'}
            @change=${() => this.set('kind', 'municipal')}
          />
          ${msg('In un municipio o altro ente (videochiamata e prenotazioni)')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="kind"
            .checked=${f.kind === 'sede'}
            @change=${() => this.set('kind', 'sede')}
          />
          ${msg('All’accoglienza di una sede (stampa anche i numeri di coda)')}
        </label>
      </fieldset>
      <fieldset>
        <legend>${msg('Dispositivi previsti')}</legend>
        <p class="hint">
          ${msg('Un dispositivo previsto che manca o non funziona viene segnalato come problema.')}
        </p>
        <div class="devices">
          ${stationDevices.map(
            (device) =>
              html`<label class="check">
                <input
                  type="checkbox"
                  .checked=${f.devices.includes(device)}
                  @change=${(e: Event) => this.toggleDevice(device, (e.target as HTMLInputElement).checked)}
                />
                ${deviceName(device)}
              </label>`,
          )}
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.submitLabel || msg('Salva')}</button>
        <button type="button" class="secondary" @click=${() => emit(this, 'console-cancel')}>
          ${msg('Annulla')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'station-form': StationForm;
  }
}

/**
 * Service, mode, sede, day and a free slot for an appointment, as the server will book it: the slots are
 * looked up again whenever what they depend on changes. With `fixed`, service, mode and sede are given
 * (moving a booking) and only day and time are chosen.
 *
 * @event console-slot-change - detail: SlotChoice, after every change (start '' while there is none).
 * @event change - the person changed a field (native change events stay inside the shadow root).
 */
import { localized, msg, str } from '@lit/localize';
import {
  bookingModes,
  type AvailabilityResponse,
  type BookingMode,
  type CatalogResponse,
  type Service,
} from '@sportello/protocol';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fetchAvailability } from '../../data/availability.ts';
import { modeText, problemText } from '../../i18n/labels.ts';
import { addDays, formatDay, formatTime, localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { emit } from '../emit.ts';
import { formStyles } from '../form-styles.ts';

/** How far ahead free slots are looked for. */
export const SEARCH_DAYS = 14;

export interface SlotChoice {
  service: string;
  mode: BookingMode | '';
  sede: string;
  /** The chosen slot's start, or '' when there is none (yet). */
  start: string;
}

type Days = AvailabilityResponse['days'];

@customElement('slot-picker')
@localized()
export class SlotPicker extends LitElement {
  static override styles = [screenStyles, formStyles];

  @property({ attribute: false }) catalog?: CatalogResponse;
  /** Prefix of the fields' ids, unique on the page. */
  @property() idPrefix = 'slot';
  /** The sede offered first. */
  @property() sede = '';
  /** The service offered first, if allowed; else one of the same sector, else the first. */
  @property() preferredService = '';
  /** Same sector as the preferred service, when that service is not allowed. */
  @property() preferredSector = '';
  /** The citizen proved who they are strongly: web meetings and strong-only services are offered. */
  @property({ type: Boolean }) strong = false;
  /** Service, mode and sede are given (`sede`, `preferredService`, `mode`) and shown, not chosen. */
  @property({ type: Boolean }) fixed = false;
  /** With `fixed`: the mode given. */
  @property() mode: BookingMode | '' = '';
  /** The first day to look for slots. */
  @property() fromDate = '';
  /** A slot never offered, e.g. the booking's own time when moving it. */
  @property() exclude = '';

  @state() private chosenSede = '';
  @state() private service = '';
  @state() private chosenMode: BookingMode | '' = '';
  @state() private days: Days = [];
  @state() private day = '';
  @state() private start = '';
  @state() private loading = false;
  @state() private error = '';
  /** Only the last availability request may set the slots. */
  private request = 0;

  override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('sede') || changed.has('catalog')) && (!this.chosenSede || this.fixed))
      this.chosenSede = this.sede;
    if (this.fixed) {
      this.service = this.preferredService;
      this.chosenMode = this.mode;
      return;
    }
    if (changed.has('catalog') && this.catalog && !this.service) {
      const services = this.services();
      const first =
        services.find((s) => s.id === this.preferredService) ??
        services.find((s) => s.sector === this.preferredSector) ??
        services[0];
      if (first) this.chooseService(first.id);
    }
    // A weaker proof takes away what it no longer allows.
    if (changed.has('strong') && this.catalog) {
      const services = this.services();
      if (!services.some((s) => s.id === this.service)) this.chooseService(services[0]?.id ?? '');
      else this.chooseService(this.service);
    }
  }

  override updated(changed: PropertyValues): void {
    if (['fromDate', 'chosenSede', 'service', 'chosenMode'].some((key) => changed.has(key)))
      void this.reload();
    if (['chosenSede', 'service', 'chosenMode', 'start'].some((key) => changed.has(key))) {
      const choice: SlotChoice = {
        service: this.service,
        mode: this.chosenMode,
        sede: this.chosenSede,
        start: this.start,
      };
      emit(this, 'console-slot-change', choice);
    }
  }

  /** Only what the server will book: no strong-only service and no web meeting without a strong proof. */
  private services(): Service[] {
    return (this.catalog?.services ?? []).filter(
      (s) => (this.strong || !s.strongAuthRequired) && this.modesOf(s).length > 0,
    );
  }

  private modesOf(service: Service | undefined): BookingMode[] {
    return bookingModes.filter((mode) => service?.channels[mode] && (this.strong || mode !== 'webMeeting'));
  }

  private modes(): BookingMode[] {
    return this.modesOf(this.catalog?.services.find((s) => s.id === this.service));
  }

  private chooseService(id: string) {
    this.service = id;
    const modes = this.modes();
    if (!this.chosenMode || !modes.includes(this.chosenMode)) this.chosenMode = modes[0] ?? '';
  }

  /** Looks the free slots up again, e.g. after the chosen one was taken by someone else. */
  async reload() {
    if (!this.chosenSede || !this.service || !this.chosenMode || !this.fromDate) return;
    const mine = ++this.request;
    this.loading = true;
    this.error = '';
    this.days = [];
    this.day = '';
    this.start = '';
    try {
      const found = await fetchAvailability({
        sede: this.chosenSede,
        service: this.service,
        mode: this.chosenMode,
        from: this.fromDate,
        to: addDays(this.fromDate, SEARCH_DAYS),
      });
      if (mine !== this.request) return;
      this.days = found.days
        .map((d) => ({ ...d, slots: d.slots.filter((s) => s.start !== this.exclude) }))
        .filter((d) => d.slots.length > 0);
      this.day = this.days[0]?.date ?? '';
      this.start = this.days[0]?.slots[0]?.start ?? '';
    } catch (error) {
      if (mine === this.request) this.error = problemText(error);
    } finally {
      if (mine === this.request) this.loading = false;
    }
  }

  override render() {
    return html`${this.fixed ? nothing : this.renderChoice()} ${this.renderSlots()}`;
  }

  private renderChoice() {
    const id = (name: string) => `${this.idPrefix}-${name}`;
    return html`<div class="row wide-first">
        <div class="field">
          <label for=${id('service')}>${msg('Servizio')}</label>
          <select
            id=${id('service')}
            @change=${(e: Event) => this.userChanged(() => this.chooseService(valueOf(e)))}
          >
            ${this.services().map(
              (s) =>
                html`<option value=${s.id} ?selected=${s.id === this.service}>
                  ${localizedText(s.name)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for=${id('mode')}>${msg('Modalità')}</label>
          <select
            id=${id('mode')}
            @change=${(e: Event) => this.userChanged(() => (this.chosenMode = valueOf(e) as BookingMode))}
          >
            ${this.modes().map(
              (m) => html`<option value=${m} ?selected=${m === this.chosenMode}>${modeText(m)}</option>`,
            )}
          </select>
        </div>
      </div>
      <div class="field">
        <label for=${id('sede')}>${msg('Sede')}</label>
        <select
          id=${id('sede')}
          @change=${(e: Event) => this.userChanged(() => (this.chosenSede = valueOf(e)))}
        >
          ${(this.catalog?.sedi ?? []).map(
            (s) => html`<option value=${s.id} ?selected=${s.id === this.chosenSede}>${s.name}</option>`,
          )}
        </select>
      </div>`;
  }

  private renderSlots() {
    const id = (name: string) => `${this.idPrefix}-${name}`;
    const slots = this.days.find((d) => d.date === this.day)?.slots ?? [];
    if (this.loading) return html`<p class="muted" role="status">${msg('Ricerca dei posti liberi…')}</p>`;
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (this.days.length === 0)
      return html`<p class="muted" role="status">
        ${msg(str`Nessun posto libero nei prossimi ${SEARCH_DAYS} giorni per questa scelta.`)}
      </p>`;
    return html`<div class="row">
      <div class="field">
        <label for=${id('day')}>${msg('Giorno')}</label>
        <select
          id=${id('day')}
          @change=${(e: Event) =>
            this.userChanged(() => {
              this.day = valueOf(e);
              this.start = this.days.find((d) => d.date === this.day)?.slots[0]?.start ?? '';
            })}
        >
          ${this.days.map(
            (d) =>
              html`<option value=${d.date} ?selected=${d.date === this.day}>${formatDay(d.date)}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for=${id('slot')}>${msg('Orario')}</label>
        <select
          id=${id('slot')}
          @change=${(e: Event) => (this.start = (e.target as HTMLSelectElement).value)}
        >
          ${slots.map(
            (s) =>
              html`<option value=${s.start} ?selected=${s.start === this.start}>
                ${formatTime(s.start)}
              </option>`,
          )}
        </select>
      </div>
    </div>`;
  }

  private userChanged(change: () => void) {
    change();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** The day the chosen slot is on (as the server's calendar has it). */
  dayOf(iso: string): string {
    return this.days.find((d) => d.slots.some((s) => s.start === iso))?.date ?? iso.slice(0, 10);
  }
}

const valueOf = (event: Event) => (event.target as HTMLSelectElement).value;

declare global {
  interface HTMLElementTagNameMap {
    'slot-picker': SlotPicker;
  }
}

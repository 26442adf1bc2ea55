/**
 * The sede's calendar for its manager: closures (a strike, a flood: whole days or some hours) and officials'
 * absences added from the console. Before confirming, the bookings the change displaces are listed (time,
 * service, mode, code) and the manager chooses what happens to them: an SMS with a link to choose a new time,
 * or a move to the nearest free time. The changes, upcoming and past, show how far the handling has come
 * (handled n of m) until it is over; a change can be removed, which gives its hours back.
 */
import { localized, msg, str } from '@lit/localize';
import type {
  CalendarChangeListResponse,
  CalendarChangePreviewBody,
  CalendarChangeView,
  CatalogResponse,
  DisplacedBooking,
  Rebooking,
  StaffUser,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { formStyles } from '../../components/form-styles.ts';
import { tableStyles } from '../../components/table-styles.ts';
import { addChange, fetchCalendar, previewChange, removeChange } from '../../data/calendar.ts';
import { modeText, problemText } from '../../i18n/labels.ts';
import { formatDay, formatTime, localizedText, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

/** While a change still has bookings to handle, its progress is read again this often. */
const PROGRESS_MS = 2_000;

type Kind = 'closure' | 'absence';

interface Draft {
  kind: Kind;
  official: string;
  from: string;
  to: string;
  someHours: boolean;
  hoursFrom: string;
  hoursTo: string;
  reason: string;
  rebooking: Rebooking;
}

@customElement('calendar-screen')
@localized()
export class CalendarScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 72em;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sp-gap);
        align-items: end;
        margin-bottom: var(--sp-gap);
      }
      .bar .field {
        margin: 0;
        min-width: 16em;
      }
      form {
        border: 2px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        padding: var(--sp-gap);
        margin-bottom: calc(var(--sp-gap) * 1.5);
      }
      form h2 {
        margin-top: 0;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12em, 1fr));
        gap: 0 var(--sp-gap);
      }
      .grid .wide {
        grid-column: 1 / -1;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0 0 0.7em;
      }
      .preview {
        margin: var(--sp-gap) 0;
      }
      .progress {
        white-space: nowrap;
      }
      td.act {
        text-align: right;
        white-space: nowrap;
      }
      td.act button {
        min-height: 40px;
      }
      .confirm {
        display: inline-flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
        justify-content: flex-end;
      }
      .removed {
        color: var(--sp-muted);
      }
    `,
  ];

  @property({ attribute: false }) user!: StaffUser;
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private sede = '';
  @state() private calendar?: CalendarChangeListResponse;
  @state() private draft?: Draft;
  @state() private displaced?: DisplacedBooking[];
  @state() private busy = false;
  @state() private error = '';
  @state() private told = '';
  @state() private confirming = '';
  @query('h1') private heading!: HTMLElement;
  @query('form h2') private formHeading?: HTMLElement;
  @query('.preview h3') private previewHeading?: HTMLElement;
  private timer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.sede = this.user.sede ?? '';
    if (this.sede) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // An admin without a sede starts on the first one the catalog lists.
    if (changed.has('catalog') && !this.sede && this.catalog?.sedi[0]) {
      this.sede = this.catalog.sedi[0].id;
      void this.load();
    }
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async load() {
    const sede = this.sede;
    clearTimeout(this.timer);
    try {
      const calendar = await fetchCalendar(sede);
      if (sede !== this.sede || !this.isConnected) return;
      this.calendar = calendar;
      // The server handles the displaced bookings one by one: follow it until it is done.
      if (calendar.changes.some((c) => c.pending.length > 0 && !c.removedAt))
        this.timer = setTimeout(() => void this.load(), PROGRESS_MS);
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private chooseSede(event: Event) {
    this.sede = (event.target as HTMLSelectElement).value;
    this.calendar = undefined;
    this.draft = undefined;
    this.displaced = undefined;
    this.error = '';
    this.told = '';
    void this.load();
  }

  private async open(kind: Kind) {
    const today = romeDate(new Date().toISOString());
    this.draft = {
      kind,
      official: '',
      from: today,
      to: today,
      someHours: false,
      hoursFrom: '08:30',
      hoursTo: '12:30',
      reason: '',
      rebooking: 'offer',
    };
    this.displaced = undefined;
    this.error = '';
    this.told = '';
    await this.updateComplete;
    this.formHeading?.focus();
  }

  /** Any change to the form makes the list of displaced bookings stale. */
  private set<K extends keyof Draft>(key: K, value: Draft[K]) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [key]: value };
    if (key !== 'rebooking') this.displaced = undefined;
  }

  private body(draft: Draft): CalendarChangePreviewBody {
    return {
      sede: this.sede,
      kind: draft.kind,
      ...(draft.kind === 'absence' ? { official: draft.official } : {}),
      from: draft.from,
      to: draft.to,
      ...(draft.someHours ? { hours: { from: draft.hoursFrom, to: draft.hoursTo } } : {}),
      reason: draft.reason,
    };
  }

  /** Plain words for what is missing, before asking the server. */
  private missing(draft: Draft): string {
    if (draft.kind === 'absence' && !draft.official) return msg('Scegli il funzionario assente.');
    if (!draft.from || !draft.to) return msg('Indica il primo e l’ultimo giorno.');
    if (!draft.reason.trim()) return msg('Scrivi il motivo, ad esempio «Sciopero» o «Malattia».');
    return '';
  }

  private async preview(event: SubmitEvent) {
    event.preventDefault();
    const draft = this.draft;
    if (!draft) return;
    this.error = this.missing(draft);
    if (this.error) return;
    this.busy = true;
    try {
      this.displaced = (await previewChange(this.body(draft))).displaced;
      await this.updateComplete;
      this.previewHeading?.focus();
    } catch (error) {
      this.error = calendarProblemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async confirm() {
    const draft = this.draft;
    if (!draft) return;
    this.busy = true;
    this.error = '';
    try {
      const { displaced } = await addChange({ ...this.body(draft), rebooking: draft.rebooking });
      this.told = savedText(draft.rebooking, displaced.length);
      this.draft = undefined;
      this.displaced = undefined;
      await this.load();
      this.heading.focus();
    } catch (error) {
      this.error = calendarProblemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async withdraw(change: CalendarChangeView) {
    this.busy = true;
    this.error = '';
    this.told = '';
    try {
      await removeChange(change.id);
      this.confirming = '';
      this.told = msg('Modifica rimossa: quegli orari sono di nuovo prenotabili.');
      await this.load();
      this.heading.focus();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const sedi = this.catalog?.sedi ?? [];
    const today = romeDate(new Date().toISOString());
    const changes = this.calendar?.changes ?? [];
    const current = changes.filter((c) => !c.removedAt && c.to >= today);
    const past = changes.filter((c) => c.removedAt || c.to < today);
    return html`<main>
      <h1 tabindex="-1">${msg('Calendario della sede')}</h1>
      <p class="muted">
        ${msg('Chiusure straordinarie e assenze dei funzionari: valgono subito per prenotazioni, biglietti e agende.')}
      </p>
      <p class="saved" role="status">${this.told || nothing}</p>
      <p class="error" role="alert">${this.error || nothing}</p>
      <div class="bar">
        ${
          this.user.sede
            ? nothing
            : html`<div class="field">
                <label for="sede">${msg('Sede')}</label>
                <select id="sede" @change=${this.chooseSede}>
                  ${sedi.map((s) => html`<option value=${s.id} ?selected=${s.id === this.sede}>${s.name}</option>`)}
                </select>
              </div>`
        }
        <button ?disabled=${!this.calendar} @click=${() => this.open('closure')}>
          ${msg('Aggiungi chiusura')}
        </button>
        <button class="secondary" ?disabled=${!this.calendar} @click=${() => this.open('absence')}>
          ${msg('Assenza di un funzionario')}
        </button>
      </div>
      ${this.draft ? this.renderForm(this.draft) : nothing}
      <h2>${msg('In corso e in programma')}</h2>
      ${this.renderTable(current, msg('Nessuna chiusura o assenza in programma.'), msg('In corso e in programma'))}
      <h2>${msg('Passate e rimosse')}</h2>
      ${this.renderTable(past, msg('Nessuna.'), msg('Passate e rimosse'))}
    </main>`;
  }

  private renderForm(draft: Draft) {
    const title =
      draft.kind === 'closure' ? msg('Nuova chiusura della sede') : msg('Nuova assenza di un funzionario');
    const officials = this.calendar?.officials ?? [];
    const input = (key: 'from' | 'to' | 'hoursFrom' | 'hoursTo' | 'reason') => (e: Event) =>
      this.set(key, (e.target as HTMLInputElement).value);
    return html`<form aria-label=${title} novalidate @submit=${this.preview}>
      <h2 tabindex="-1">${title}</h2>
      <div class="grid">
        ${
          draft.kind === 'absence'
            ? html`<div class="field wide">
                <label for="official">${msg('Funzionario')}</label>
                <select
                  id="official"
                  @change=${(e: Event) => this.set('official', (e.target as HTMLSelectElement).value)}
                >
                  <option value="" ?selected=${!draft.official}>${msg('Scegli…')}</option>
                  ${officials.map(
                    (o) =>
                      html`<option value=${o.id} ?selected=${o.id === draft.official}>${o.name}</option>`,
                  )}
                </select>
              </div>`
            : nothing
        }
        <div class="field">
          <label for="from">${msg('Dal giorno')}</label>
          <input id="from" type="date" .value=${draft.from} @input=${input('from')} />
        </div>
        <div class="field">
          <label for="to">${msg('Al giorno (compreso)')}</label>
          <input id="to" type="date" .value=${draft.to} @input=${input('to')} />
        </div>
        <div class="field wide">
          <label class="check">
            <input
              type="checkbox"
              .checked=${draft.someHours}
              @change=${(e: Event) => this.set('someHours', (e.target as HTMLInputElement).checked)}
            />
            ${msg('Solo alcune ore di ogni giorno')}
          </label>
        </div>
        ${
          draft.someHours
            ? html`<div class="field">
                  <label for="hours-from">${msg('Dalle ore')}</label>
                  <input id="hours-from" type="time" .value=${draft.hoursFrom} @input=${input('hoursFrom')} />
                </div>
                <div class="field">
                  <label for="hours-to">${msg('Alle ore')}</label>
                  <input id="hours-to" type="time" .value=${draft.hoursTo} @input=${input('hoursTo')} />
                </div>`
            : nothing
        }
        <div class="field wide">
          <label for="reason">${msg('Motivo')}</label>
          <input id="reason" maxlength="120" .value=${draft.reason} @input=${input('reason')} />
        </div>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${msg('Vedi le prenotazioni coinvolte')}</button>
        <button type="button" class="secondary" @click=${() => (this.draft = undefined)}>
          ${msg('Annulla')}
        </button>
      </div>
      ${this.displaced ? this.renderPreview(draft, this.displaced) : nothing}
    </form>`;
  }

  private renderPreview(draft: Draft, displaced: DisplacedBooking[]) {
    return html`<div class="preview">
      <h3 tabindex="-1">
        ${
          displaced.length === 0
            ? msg('Nessuna prenotazione da spostare')
            : displaced.length === 1
              ? msg('Una prenotazione da spostare')
              : msg(str`${displaced.length} prenotazioni da spostare`)
        }
      </h3>
      ${
        displaced.length === 0
          ? nothing
          : html`<table aria-label=${msg('Prenotazioni da spostare')}>
                <thead>
                  <tr>
                    <th scope="col">${msg('Quando')}</th>
                    <th scope="col">${msg('Servizio')}</th>
                    <th scope="col">${msg('Modalità')}</th>
                    <th scope="col">${msg('Codice')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${displaced.map(
                    (b) =>
                      html`<tr>
                        <td>${formatDay(romeDate(b.start))}, ${formatTime(b.start)}</td>
                        <td>${this.serviceName(b.service)}</td>
                        <td>${modeText(b.mode)}</td>
                        <td>${b.code}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <fieldset>
                <legend>${msg('Cosa fare di queste prenotazioni')}</legend>
                ${(['offer', 'move'] as const).map(
                  (choice) =>
                    html`<label class="check">
                      <input
                        type="radio"
                        name="rebooking"
                        .checked=${draft.rebooking === choice}
                        @change=${() => this.set('rebooking', choice)}
                      />
                      ${
                        choice === 'offer'
                          ? msg('Mandare a ogni cittadino un SMS con il link per scegliere un nuovo orario')
                          : msg(
                              'Spostarle al primo orario libero più vicino (il cittadino riceve un SMS con il nuovo orario)',
                            )
                      }
                    </label>`,
                )}
              </fieldset>`
      }
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${() => this.confirm()}>
          ${draft.kind === 'closure' ? msg('Conferma la chiusura') : msg('Conferma l’assenza')}
        </button>
      </div>
    </div>`;
  }

  private serviceName(id: string): string {
    const service = this.catalog?.services.find((s) => s.id === id);
    return service ? localizedText(service.name) : id;
  }

  private renderTable(changes: CalendarChangeView[], empty: string, label: string) {
    if (!this.calendar) return html`<p class="muted">${msg('Caricamento…')}</p>`;
    if (changes.length === 0) return html`<p class="muted">${empty}</p>`;
    return html`<table aria-label=${label}>
      <thead>
        <tr>
          <th scope="col">${msg('Cosa')}</th>
          <th scope="col">${msg('Quando')}</th>
          <th scope="col">${msg('Motivo')}</th>
          <th scope="col">${msg('Prenotazioni')}</th>
          <th scope="col">${msg('Azioni')}</th>
        </tr>
      </thead>
      <tbody>
        ${changes.map((c) => this.renderRow(c))}
      </tbody>
    </table>`;
  }

  private renderRow(change: CalendarChangeView) {
    const what =
      change.kind === 'closure'
        ? msg('Chiusura della sede')
        : msg(str`Assenza: ${change.officialName ?? change.official ?? ''}`);
    const days =
      change.from === change.to
        ? formatDay(change.from)
        : msg(str`dal ${formatDay(change.from)} al ${formatDay(change.to)}`);
    const hours = change.hours ? msg(str`, dalle ${change.hours.from} alle ${change.hours.to}`) : '';
    return html`<tr class=${change.removedAt ? 'removed' : ''}>
      <td>${what}</td>
      <td>${days}${hours}</td>
      <td>${change.reason}</td>
      <td class="progress">${this.progress(change)}</td>
      <td class="act">${change.removedAt ? msg('Rimossa') : this.renderRemove(change)}</td>
    </tr>`;
  }

  private progress(change: CalendarChangeView) {
    if (change.displaced === 0) return msg('Nessuna coinvolta');
    const done = change.handled.length;
    const moved = change.handled.filter((h) => h.result === 'moved').length;
    const offered = change.handled.filter((h) => h.result === 'offered').length;
    const how =
      change.rebooking === 'move'
        ? msg(str`Spostate: ${moved} · con SMS per scegliere: ${offered}`)
        : msg(str`SMS per scegliere un nuovo orario: ${offered}`);
    if (done < change.displaced)
      return html`<span role="status">${msg(str`Gestite ${done} di ${change.displaced}…`)}</span>`;
    const waiting =
      change.awaitingChoice > 0 && !change.removedAt
        ? html`<br /><strong>${msg(str`Devono ancora scegliere: ${change.awaitingChoice}`)}</strong>`
        : nothing;
    return html`${msg(str`Gestite ${done} di ${change.displaced}`)}<br /><span class="muted">${how}</span
      >${waiting}`;
  }

  private renderRemove(change: CalendarChangeView) {
    if (this.confirming !== change.id)
      return html`<button
        class="secondary"
        aria-label=${msg(str`Rimuovi: ${change.reason}`)}
        @click=${() => (this.confirming = change.id)}
      >
        ${msg('Rimuovi')}
      </button>`;
    return html`<span class="confirm">
      ${msg('Gli orari tornano prenotabili; le prenotazioni già spostate restano dove sono.')}
      <button class="danger" ?disabled=${this.busy} @click=${() => this.withdraw(change)}>
        ${msg('Sì, rimuovi')}
      </button>
      <button class="secondary" @click=${() => (this.confirming = '')}>${msg('No')}</button>
    </span>`;
  }
}

/** What the manager is told once a change is saved: how many citizens hear of it, and how. */
function savedText(rebooking: Rebooking, count: number): string {
  if (count === 0) return msg('Modifica salvata. Nessuna prenotazione da spostare.');
  if (rebooking === 'offer')
    return count === 1
      ? msg('Modifica salvata. Un cittadino riceverà un SMS per scegliere un nuovo orario.')
      : msg(str`Modifica salvata. ${count} cittadini riceveranno un SMS per scegliere un nuovo orario.`);
  return count === 1
    ? msg('Modifica salvata. Una prenotazione viene spostata al primo orario libero.')
    : msg(str`Modifica salvata. ${count} prenotazioni vengono spostate al primo orario libero.`);
}

/** The form's refusals in plain words, by the field the server names. */
function calendarProblemText(error: unknown): string {
  const fields = (error as { fields?: { path: string }[] } | undefined)?.fields ?? [];
  const field = fields[0]?.path;
  switch (field) {
    case 'from':
      return msg('Il primo giorno non può essere già passato.');
    case 'to':
      return msg(
        'Controlla le date: l’ultimo giorno non può venire prima del primo né essere passato, e al massimo 62 giorni.',
      );
    case 'hours.to':
    case 'hours.from':
    case 'hours':
      return msg('Controlla le ore: l’ora di fine deve venire dopo quella di inizio.');
    case 'reason':
      return msg('Scrivi il motivo, ad esempio «Sciopero» o «Malattia».');
    case 'official':
      return msg('Scegli un funzionario di questa sede.');
    default:
      return problemText(error);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'calendar-screen': CalendarScreen;
  }
}

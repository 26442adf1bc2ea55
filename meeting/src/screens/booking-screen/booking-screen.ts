/**
 * The citizen's own appointment on their phone, opened from the SMS: what, when, where; why the office asks
 * for a new time when it closed or the official is away; a new time chosen among the real free ones (a day,
 * then a time, then one confirming touch); the calendar file; cancelling after one confirming touch.
 *
 * @event meeting-want-times - the citizen opened the choice of a new time: the free times are wanted.
 * @event meeting-move - detail: the chosen start (ISO).
 * @event meeting-cancel - the citizen confirmed the cancellation.
 */
import { localized, msg, str } from '@lit/localize';
import type { SelfServiceSlots, SelfServiceView } from '@sportello/protocol';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { formatDay, formatTime, type PageLanguage } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

/**
 * What the last action came to: under way, done, refused (the time taken meanwhile, another appointment of
 * the citizen's then, the booking over) or failed.
 */
export type BookingAction = 'idle' | 'busy' | 'moved' | 'cancelled' | 'taken' | 'clash' | 'over' | 'failed';
/** Loading the free times. */
export type TimesState = 'idle' | 'loading' | 'failed';

@customElement('meeting-booking-screen')
@localized()
export class BookingScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      :host {
        display: block;
        max-width: 32em;
        margin: 0 auto;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.35em 1em;
        margin: var(--sp-gap) 0;
      }
      dt {
        font-weight: 600;
        color: var(--sp-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .when {
        font-size: 1.3em;
        font-weight: 700;
        line-height: 1.3;
        margin: 0;
      }
      select {
        font: inherit;
        min-height: var(--sp-target);
        width: 100%;
        padding: 0 0.5em;
        border: 2px solid var(--sp-border);
        border-radius: var(--sp-radius);
        background: var(--sp-bg);
        color: var(--sp-text);
      }
      select:focus-visible {
        outline: 4px solid var(--sp-focus);
        outline-offset: 2px;
      }
      label {
        display: block;
        font-weight: 600;
        margin: var(--sp-gap) 0 0.3em;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: var(--sp-gap) 0 0;
        min-width: 0;
      }
      legend {
        font-weight: 600;
        padding: 0;
        margin-bottom: 0.3em;
      }
      .times {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(5.5em, 1fr));
        gap: 8px;
      }
      .times button {
        padding: 0.3em 0.4em;
        background: var(--sp-bg);
        color: var(--sp-primary-dark);
      }
      .times button[aria-pressed='true'] {
        background: var(--sp-primary);
        color: var(--sp-on-primary);
      }
      a.button {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        box-sizing: border-box;
        min-height: var(--sp-target);
        padding: 0.3em 1.1em;
        border: 2px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        text-decoration: none;
        color: var(--sp-primary-dark);
      }
      a.button:focus-visible {
        outline: 4px solid var(--sp-focus);
        outline-offset: 2px;
      }
      @media (max-width: 480px) {
        .actions a.button {
          flex: 1 1 100%;
        }
      }
    `,
  ];

  @property({ attribute: false }) view?: SelfServiceView;
  /** The page's language: the service's name and the dates follow it. */
  @property() language: PageLanguage = 'it';
  /** The free times, once asked for. */
  @property({ attribute: false }) times?: SelfServiceSlots;
  @property() timesState: TimesState = 'idle';
  @property() action: BookingAction = 'idle';
  /** The calendar file's address. */
  @property() calendarHref = '';
  @state() private choosing = false;
  @state() private confirmingCancel = false;
  @state() private day?: string;
  @state() private start?: string;
  @query('h1') private heading?: HTMLElement;
  @query('.result') private result?: HTMLElement;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('action') && (this.action === 'moved' || this.action === 'cancelled')) {
      this.choosing = false;
      this.confirmingCancel = false;
      this.start = undefined;
    }
    // A time taken meanwhile is gone from the new list: the choice starts again on the same day.
    if (changed.has('times')) {
      const days = this.freeDays();
      if (!days.some((d) => d.date === this.day)) this.day = days[0]?.date;
      if (!days.some((d) => d.slots.some((s) => s.start === this.start))) this.start = undefined;
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('action') && this.action !== 'idle' && this.action !== 'busy') this.result?.focus();
    else if (changed.has('view') && !changed.get('view')) this.heading?.focus();
  }

  override render() {
    const view = this.view;
    if (!view) return nothing;
    return html`<h1 tabindex="-1">${msg('La tua prenotazione')}</h1>
      ${this.renderResult()} ${this.renderDisplaced(view)}
      <p class="when">${this.when(view.start)}</p>
      <dl>
        <dt>${msg('Servizio')}</dt>
        <dd>${view.service.name[this.language] ?? view.service.name.it}</dd>
        <dt>${msg('Come')}</dt>
        <dd>${this.how(view)}</dd>
        <dt>${msg('Codice')}</dt>
        <dd>${view.code}</dd>
        <dt>${msg('Stato')}</dt>
        <dd>${this.status(view)}</dd>
      </dl>
      ${view.changeable ? this.renderActions() : nothing}`;
  }

  private when(iso: string) {
    return msg(str`${formatDay(iso)}, ore ${formatTime(iso)}`);
  }

  private how(view: SelfServiceView) {
    switch (view.mode) {
      case 'inPerson':
        return html`${msg('In sede:')} ${view.sede.name}, ${view.sede.address}`;
      case 'callback':
        return msg('Ti chiamiamo noi al numero che ci hai dato');
      case 'webMeeting':
        return msg('In videochiamata: il collegamento è nell’SMS di conferma');
    }
  }

  private status(view: SelfServiceView) {
    switch (view.status) {
      case 'booked':
        return view.changeable ? msg('Confermata') : msg('In corso o passata');
      case 'cancelled':
        return msg('Annullata');
      case 'completed':
        return msg('Svolta');
      case 'no-show':
        return msg('Non svolta: assente');
    }
  }

  private renderDisplaced(view: SelfServiceView) {
    if (!view.displaced) return nothing;
    return html`<div class="notice warning">
      <p>
        <strong>
          ${
            view.displaced.kind === 'closure'
              ? msg('La sede è chiusa all’ora del tuo appuntamento.')
              : msg('Il funzionario non è disponibile all’ora del tuo appuntamento.')
          }
        </strong>
        ${msg('Ci scusiamo. Scegli qui sotto un nuovo orario, oppure annulla la prenotazione.')}
      </p>
      <p>${msg(str`Motivo: ${view.displaced.reason}`)}</p>
    </div>`;
  }

  private renderResult() {
    const text = {
      idle: undefined,
      busy: undefined,
      moved: msg('Fatto: la prenotazione è spostata. Ti mandiamo un SMS con il nuovo orario.'),
      cancelled: msg('La prenotazione è annullata. Ti mandiamo un SMS di conferma.'),
      taken: msg('Quell’orario non è più libero. Scegline un altro.'),
      clash: msg('A quell’ora, o quel giorno, hai già un altro appuntamento. Scegli un altro orario.'),
      over: msg('Questa prenotazione non si può più cambiare.'),
      failed: msg('Non è stato possibile completare l’operazione. Controlla la connessione e riprova.'),
    }[this.action];
    if (!text) return nothing;
    const ok = this.action === 'moved' || this.action === 'cancelled';
    return html`<div
      class="notice result ${ok ? 'success' : 'error'}"
      role=${ok ? 'status' : 'alert'}
      tabindex="-1"
    >
      <p>${text}</p>
    </div>`;
  }

  private renderActions() {
    if (this.confirmingCancel) return this.renderCancel();
    return html`<div class="actions">
        ${
          this.choosing
            ? nothing
            : html`<button
                @click=${() => {
                  this.choosing = true;
                  emit(this, 'meeting-want-times');
                }}
              >
                ${msg('Scegli un altro orario')}
              </button>`
        }
        <a class="button" href=${this.calendarHref} download>${msg('Aggiungi al calendario')}</a>
      </div>
      ${this.choosing ? this.renderChoice() : nothing}
      <div class="actions">
        <button class="link" @click=${() => (this.confirmingCancel = true)}>
          ${msg('Annulla la prenotazione')}
        </button>
      </div>`;
  }

  private freeDays() {
    return (this.times?.days ?? []).filter((d) => d.slots.length > 0);
  }

  private renderChoice() {
    if (this.timesState === 'loading') return html`<p role="status">${msg('Cerco gli orari liberi…')}</p>`;
    if (this.timesState === 'failed')
      return html`<div class="notice error" role="alert">
        <p>${msg('Non è stato possibile leggere gli orari liberi. Riprova.')}</p>
        <button class="secondary" @click=${() => emit(this, 'meeting-want-times')}>${msg('Riprova')}</button>
      </div>`;
    const days = this.freeDays();
    if (days.length === 0)
      return html`<div class="notice" role="status">
        <p>
          ${msg('Non ci sono orari liberi nelle prossime settimane. Puoi annullare e prenotare più avanti.')}
        </p>
      </div>`;
    const slots = days.find((d) => d.date === this.day)?.slots ?? [];
    const busy = this.action === 'busy';
    return html`<section aria-labelledby="choose">
      <h2 id="choose">${msg('Nuovo orario')}</h2>
      <label for="day">${msg('Giorno')}</label>
      <select
        id="day"
        @change=${(e: Event) => {
          this.day = (e.target as HTMLSelectElement).value;
          this.start = undefined;
        }}
      >
        ${days.map(
          (d) =>
            html`<option value=${d.date} ?selected=${d.date === this.day}>
              ${formatDay(d.slots[0]!.start)}
            </option>`,
        )}
      </select>
      <fieldset>
        <legend>${msg('Orario')}</legend>
        <div class="times">
          ${slots.map(
            (s) =>
              html`<button
                aria-pressed=${s.start === this.start ? 'true' : 'false'}
                @click=${() => (this.start = s.start)}
              >
                ${formatTime(s.start)}
              </button>`,
          )}
        </div>
      </fieldset>
      <div class="actions">
        <button
          ?disabled=${!this.start || busy}
          @click=${() => this.start && emit(this, 'meeting-move', this.start)}
        >
          ${
            busy
              ? msg('Un momento…')
              : this.start
                ? msg(str`Sposta a ${formatDay(this.start)}, ore ${formatTime(this.start)}`)
                : msg('Scegli un orario')
          }
        </button>
        <button class="secondary" @click=${() => (this.choosing = false)}>${msg('Lascia com’è')}</button>
      </div>
    </section>`;
  }

  private renderCancel() {
    const busy = this.action === 'busy';
    return html`<div class="notice" role="group" aria-labelledby="cancel-question">
      <p id="cancel-question">
        <strong>${msg('Vuoi annullare la prenotazione?')}</strong>
        ${msg('L’orario tornerà libero per altre persone.')}
      </p>
      <div class="actions">
        <button class="danger" ?disabled=${busy} @click=${() => emit(this, 'meeting-cancel')}>
          ${busy ? msg('Un momento…') : msg('Sì, annulla')}
        </button>
        <button class="secondary" @click=${() => (this.confirmingCancel = false)}>
          ${msg('No, tienila')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-booking-screen': BookingScreen;
  }
}

/**
 * The citizen's booking page's root (`/p/<key>`, the link in the booking's SMS): reads the appointment by its
 * key, asks for the free times when the citizen wants another, moves or cancels it. The page speaks the
 * booking's language until the citizen picks another (or the link names one with ?lang=); Arabic right to
 * left.
 */
import { localized, msg } from '@lit/localize';
import type { SelfServiceSlots, SelfServiceView } from '@sportello/protocol';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../components/meeting-header/meeting-header.ts';
import { ApiProblem } from '../data/api-client.ts';
import {
  bookingKey,
  calendarHref,
  cancelBooking,
  fetchBooking,
  fetchFreeTimes,
  moveBooking,
} from '../data/self-service.ts';
import { preferredLanguage, rememberLanguage, showPageIn, type PageLanguage } from '../i18n/locale.ts';
import type { BookingAction, TimesState } from '../screens/booking-screen/booking-screen.ts';
import '../screens/booking-screen/booking-screen.ts';
import { pageStyles } from '../theme/tokens.ts';

/** How far ahead new times are offered: four weeks, well inside what one availability question may span. */
const CHOICE_DAYS = 28;

@customElement('booking-app')
@localized()
export class BookingApp extends LitElement {
  static override styles = pageStyles;

  private readonly key = bookingKey(location.pathname);
  /** The citizen (or the link) chose the language: the booking's no longer decides it. */
  private languageChosen = new URLSearchParams(location.search).has('lang');
  @state() private language: PageLanguage = preferredLanguage(
    location.search,
    navigator.languages ?? [navigator.language],
  );
  @state() private view?: SelfServiceView;
  @state() private problem?: 'missing' | 'unreachable';
  @state() private times?: SelfServiceSlots;
  @state() private timesState: TimesState = 'idle';
  @state() private action: BookingAction = 'idle';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.useLanguage(this.language);
    void this.load();
  }

  private async useLanguage(language: PageLanguage) {
    this.language = language;
    await showPageIn(language);
    this.requestUpdate();
  }

  private chooseLanguage(language: PageLanguage) {
    this.languageChosen = true;
    rememberLanguage(language);
    void this.useLanguage(language);
  }

  protected override updated(): void {
    document.title = msg('La tua prenotazione - INPS');
  }

  private async load() {
    if (!this.key) {
      this.problem = 'missing';
      return;
    }
    try {
      this.show(await fetchBooking(this.key));
      this.problem = undefined;
    } catch (error) {
      this.problem = error instanceof ApiProblem && error.status === 404 ? 'missing' : 'unreachable';
    }
  }

  private show(view: SelfServiceView) {
    if (!this.languageChosen && view.language !== this.language) void this.useLanguage(view.language);
    this.view = view;
  }

  override render() {
    return html`<meeting-header
        .language=${this.language}
        .subtitle=${msg('La tua prenotazione')}
        @meeting-language=${(e: CustomEvent<PageLanguage>) => this.chooseLanguage(e.detail)}
      ></meeting-header>
      <main>${this.renderPage()}</main>`;
  }

  private renderPage() {
    if (this.problem === 'missing')
      return html`<h1>${msg('Prenotazione non trovata')}</h1>
        <p>
          ${msg('Questo collegamento non corrisponde a nessuna prenotazione. Apri di nuovo il link dell’SMS.')}
        </p>`;
    if (this.problem === 'unreachable')
      return html`<h1>${msg('La tua prenotazione')}</h1>
        <div role="alert">
          <p>${msg('Non è stato possibile collegarsi. Controlla la connessione e riprova.')}</p>
          <button @click=${() => void this.load()}>${msg('Riprova')}</button>
        </div>`;
    if (!this.view) return html`<p role="status">${msg('Un momento…')}</p>`;
    return html`<meeting-booking-screen
      .view=${this.view}
      .language=${this.language}
      .times=${this.times}
      .timesState=${this.timesState}
      .action=${this.action}
      .calendarHref=${this.key ? calendarHref(this.key) : ''}
      @meeting-want-times=${() => void this.readTimes()}
      @meeting-move=${(e: CustomEvent<string>) => void this.move(e.detail)}
      @meeting-cancel=${() => void this.cancel()}
    ></meeting-booking-screen>`;
  }

  private async readTimes() {
    if (!this.key) return;
    this.timesState = 'loading';
    const from = romeDay(new Date());
    const to = romeDay(new Date(Date.now() + (CHOICE_DAYS - 1) * 86_400_000));
    try {
      this.times = await fetchFreeTimes(this.key, from, to);
      this.timesState = 'idle';
    } catch {
      this.timesState = 'failed';
    }
  }

  private async move(start: string) {
    if (!this.key) return;
    this.action = 'busy';
    try {
      this.show(await moveBooking(this.key, start));
      this.action = 'moved';
    } catch (error) {
      this.action = refusal(error);
      // Someone took it, or the office closed it meanwhile: the list shown must be today's.
      if (this.action === 'taken') void this.readTimes();
    }
  }

  private async cancel() {
    if (!this.key) return;
    this.action = 'busy';
    try {
      this.show(await cancelBooking(this.key));
      this.action = 'cancelled';
    } catch (error) {
      this.action = refusal(error);
    }
  }
}

function refusal(error: unknown): BookingAction {
  if (!(error instanceof ApiProblem)) return 'failed';
  if (['slot_taken', 'slot_past', 'sede_closed'].includes(error.code)) return 'taken';
  if (error.code === 'already_booked' || error.code === 'overlapping_booking') return 'clash';
  if (error.code === 'not_active' || error.code === 'already_started') return 'over';
  return 'failed';
}

/** YYYY-MM-DD of an instant in Rome, the offices' zone. */
function romeDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(at);
}

declare global {
  interface HTMLElementTagNameMap {
    'booking-app': BookingApp;
  }
}

/**
 * The booking desk ("Prenotazioni") of counter clerks and the contact centre: find a citizen by codice
 * fiscale, see their bookings, move, cancel, record arrival (the appointment's ticket) or absence, book a
 * new appointment on their behalf; counter clerks also give walk-in tickets. The answer of every action
 * updates its row, so the list is not looked up (and audited) again.
 */
import { localized, msg, str } from '@lit/localize';
import type { CatalogResponse, DeskBooking, DeskCitizenResponse, StaffUser } from '@sportello/protocol';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import '../../components/desk-booking-form/desk-booking-form.ts';
import '../../components/desk-booking-list/desk-booking-list.ts';
import { groupCode, type DeskRowAction } from '../../components/desk-booking-list/desk-booking-list.ts';
import '../../components/desk-move-form/desk-move-form.ts';
import '../../components/desk-search/desk-search.ts';
import '../../components/walk-in-ticket/walk-in-ticket.ts';
import { deskAction, findCitizenBookings, type DeskAction } from '../../data/desk.ts';
import { deskProblemText } from '../../i18n/desk-labels.ts';
import { formatDay, formatTime, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { deskScreenStyles } from './desk-screen.styles.ts';

@customElement('desk-screen')
@localized()
export class DeskScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, deskScreenStyles];

  @property({ attribute: false }) user!: StaffUser;
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private codiceFiscale = '';
  @state() private found?: DeskCitizenResponse;
  @state() private searching = false;
  @state() private busy = false;
  @state() private error = '';
  /** What the last action did, read at render time so that it follows the language. */
  @state() private notice?: () => string;
  @state() private open?: { code: string; action: 'move' | 'cancel' };
  @state() private newOpen = false;
  @query('h1') private heading!: HTMLElement;
  @query('.notice') private noticeLine?: HTMLElement;
  @query('.confirm p') private question?: HTMLElement;

  override firstUpdated(): void {
    this.heading.focus();
  }

  /** Counter clerks record arrivals and absences, and give tickets, at their own sede. */
  private counterSede(): string {
    return this.user.roles.includes('counter') ? (this.user.sede ?? '') : '';
  }

  override render() {
    const walkIn = this.counterSede() !== '';
    return html`<main class=${walkIn ? 'with-walk-in' : ''}>
      <section aria-labelledby="desk-heading">
        <h1 id="desk-heading" tabindex="-1">${msg('Prenotazioni')}</h1>
        <desk-search
          .busy=${this.searching}
          @console-desk-search=${(e: CustomEvent<{ codiceFiscale: string }>) =>
            this.search(e.detail.codiceFiscale)}
        ></desk-search>
        <p class="notice" role="status" tabindex="-1">${this.notice?.() ?? ''}</p>
        <p class="error" role="alert">${this.error}</p>
        ${this.found ? this.renderCitizen(this.found) : nothing}
      </section>
      ${
        walkIn
          ? html`<aside aria-label=${msg('Biglietto senza prenotazione')}>
              <walk-in-ticket .catalog=${this.catalog} .sede=${this.counterSede()}></walk-in-ticket>
            </aside>`
          : nothing
      }
    </main>`;
  }

  private renderCitizen(found: DeskCitizenResponse) {
    const list = (caption: string, bookings: DeskBooking[], past: boolean, empty: string) =>
      bookings.length === 0
        ? html`<h2>${caption}</h2>
            <p class="empty">${empty}</p>`
        : html`<desk-booking-list
            .caption=${caption}
            .bookings=${bookings}
            .catalog=${this.catalog}
            ?past=${past}
            .arrivalsAt=${this.counterSede()}
            .openCode=${this.open?.code ?? ''}
            .openAction=${this.open?.action ?? ''}
            ?busy=${this.busy}
            @console-desk-action=${this.onRowAction}
          >
            ${
              this.open && bookings.some((b) => b.code === this.open!.code)
                ? this.renderRowPanel(bookings.find((b) => b.code === this.open!.code)!)
                : nothing
            }
          </desk-booking-list>`;
    return html`<div class="citizen">
        <span>${msg('Cittadino:')} <strong>${this.codiceFiscale}</strong></span>
        <span class="grow"></span>
        <button ?disabled=${this.newOpen} @click=${this.openNew}>${msg('Nuova prenotazione')}</button>
      </div>
      ${
        this.newOpen
          ? html`<desk-booking-form
              .catalog=${this.catalog}
              .codiceFiscale=${this.codiceFiscale}
              .sede=${this.user.sede ?? this.catalog?.sedi[0]?.id ?? ''}
              .fromDate=${today()}
              @console-desk-booked=${(e: CustomEvent<DeskBooking>) => this.put(e.detail)}
              @console-desk-close=${() => (this.newOpen = false)}
            ></desk-booking-form>`
          : nothing
      }
      ${list(msg('Prossime prenotazioni'), found.upcoming, false, msg('Nessuna prenotazione in programma.'))}
      ${list(
        msg(str`Ultimi ${found.recentDays} giorni`),
        found.recent,
        true,
        msg('Nessuna prenotazione negli ultimi giorni.'),
      )}`;
  }

  private renderRowPanel(booking: DeskBooking) {
    if (this.open?.action === 'move')
      return html`<desk-move-form
        slot="row-panel"
        .booking=${booking}
        .catalog=${this.catalog}
        .fromDate=${today()}
        @console-desk-changed=${(e: CustomEvent<DeskBooking>) => {
          this.put(e.detail);
          const start = e.detail.start;
          this.told(() =>
            msg(
              str`Prenotazione spostata a ${formatDay(romeDate(start))} alle ${formatTime(start)}. Il cittadino riceve un SMS.`,
            ),
          );
        }}
        @console-desk-close=${this.closeRow}
      ></desk-move-form>`;
    return html`<div slot="row-panel" class="confirm" role="group" aria-labelledby="confirm-question">
      <p id="confirm-question" tabindex="-1">
        ${msg(
          str`Annullare la prenotazione ${groupCode(booking.code)} del ${formatDay(romeDate(booking.start))} alle ${formatTime(booking.start)}? Il cittadino riceve un SMS di annullamento.`,
        )}
      </p>
      <div class="actions">
        <button class="danger" ?disabled=${this.busy} @click=${() => this.act(booking, 'cancel')}>
          ${msg('Sì, annulla la prenotazione')}
        </button>
        <button class="secondary" @click=${this.closeRow}>${msg('No, tienila')}</button>
      </div>
    </div>`;
  }

  private async search(codiceFiscale: string) {
    this.searching = true;
    this.error = '';
    this.notice = undefined;
    this.open = undefined;
    this.newOpen = false;
    try {
      this.found = await findCitizenBookings(codiceFiscale);
      this.codiceFiscale = codiceFiscale;
    } catch (error) {
      this.found = undefined;
      this.error = deskProblemText(error);
    } finally {
      this.searching = false;
    }
  }

  private openNew() {
    this.open = undefined;
    this.notice = undefined;
    this.newOpen = true;
  }

  private onRowAction(event: CustomEvent<{ action: DeskRowAction; booking: DeskBooking }>) {
    const { action, booking } = event.detail;
    this.error = '';
    this.notice = undefined;
    if (action === 'move' || action === 'cancel') {
      this.open = { code: booking.code, action };
      if (action === 'cancel') void this.updateComplete.then(() => this.question?.focus());
      return;
    }
    void this.act(booking, action);
  }

  private closeRow() {
    this.open = undefined;
  }

  private async act(booking: DeskBooking, action: DeskAction) {
    this.busy = true;
    this.error = '';
    try {
      const now = await deskAction(booking.code, action);
      this.put(now);
      this.told(() => doneText(now, action));
    } catch (error) {
      this.error = deskProblemText(error);
    } finally {
      this.busy = false;
    }
  }

  /** The booking as the server now has it, in its list: upcoming soonest first, recent latest first. */
  private put(booking: DeskBooking) {
    if (!this.found) return;
    const without = (list: DeskBooking[]) => list.filter((b) => b.code !== booking.code);
    const upcoming = without(this.found.upcoming);
    const recent = without(this.found.recent);
    const wasRecent = this.found.recent.some((b) => b.code === booking.code);
    if (wasRecent) recent.push(booking);
    else upcoming.push(booking);
    const byStart = (a: DeskBooking, b: DeskBooking) => Date.parse(a.start) - Date.parse(b.start);
    this.found = {
      ...this.found,
      upcoming: upcoming.sort(byStart),
      recent: recent.sort((a, b) => byStart(b, a)),
    };
  }

  private told(notice: () => string) {
    this.open = undefined;
    this.notice = notice;
    void this.updateComplete.then(() => this.noticeLine?.focus());
  }
}

function doneText(booking: DeskBooking, action: DeskAction): string {
  switch (action) {
    case 'cancel':
      return msg('Prenotazione annullata. Il cittadino riceve un SMS.');
    case 'arrived':
      return msg(
        str`Arrivo registrato: biglietto ${booking.ticket?.number ?? ''}. Il cittadino attende che il numero appaia sul tabellone.`,
      );
    case 'no-show':
      return msg('Registrato: il cittadino non si è presentato.');
  }
}

/** Today in Rome: slots are looked for from here. */
const today = () => romeDate(new Date().toISOString());

declare global {
  interface HTMLElementTagNameMap {
    'desk-screen': DeskScreen;
  }
}

/**
 * The counter clerk's screen: pick the counter (remembered for the browser tab), then on one screen its
 * state (open, paused, closed), the ticket at the counter with its actions, "call next" (F2), the queue
 * and the parked tickets, and the day's figures. The view follows the floor live; every action's answer
 * is applied too, so a dropped stream never leaves the clerk with a stale screen after their own click.
 */
import { localized, msg, str } from '@lit/localize';
import {
  counterStatuses,
  type CatalogResponse,
  type CounterState,
  type CounterStatus,
  type CounterView,
  type StaffUser,
  type TicketOutcome,
  type TransferTicketBody,
} from '@sportello/protocol';
import type { StreamState } from '@sportello/web-common/event-stream';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import '../../components/counter-picker/counter-picker.ts';
import '../../components/counter-queue/counter-queue.ts';
import { minutesText } from '../../components/counter-queue/counter-queue.ts';
import '../../components/counter-ticket/counter-ticket.ts';
import type { CounterTicket } from '../../components/counter-ticket/counter-ticket.ts';
import '../../components/transfer-dialog/transfer-dialog.ts';
import {
  callNext,
  fetchCounter,
  fetchCounters,
  finishTicket,
  followCounter,
  setCounterStatus,
  ticketAction,
  transferTicket,
  type TicketAction,
} from '../../data/counters.ts';
import { counterProblemText, counterStatusText } from '../../i18n/floor-labels.ts';
import { localizedText } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { counterScreenStyles } from './counter-screen.styles.ts';

/** The counter chosen in this browser tab. */
const CHOICE_KEY = 'sportello.console.counter';
const CALL_NEXT_KEY = 'F2';

@customElement('counter-screen')
@localized()
export class CounterScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, counterScreenStyles];

  @property({ attribute: false }) user!: StaffUser;
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private counters?: CounterState[];
  @state() private counter?: string;
  @state() private view?: CounterView;
  @state() private stream: StreamState = 'connecting';
  @state() private busy = false;
  @state() private error = '';
  @state() private told = '';
  @state() private transferOpen = false;
  @state() private transferError = '';
  @state() private now = new Date();
  @query('h1') private heading?: HTMLElement;
  @query('counter-ticket') private ticketCard?: CounterTicket;
  @query('.call-next') private callNextButton?: HTMLButtonElement;
  private stopFollowing?: () => void;
  /** Where focus goes when the view next shows the result of the clerk's action. */
  private focusNext?: 'ticket' | 'call-next';
  private clock?: ReturnType<typeof setInterval>;
  /** The action on its way to the server, if any. */
  private inFlight: Promise<unknown> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
    this.clock = setInterval(() => (this.now = new Date()), 30_000);
    const saved = readChoice();
    if (saved && saved.sede === this.user.sede) this.use(saved.counter);
    void this.loadCounters();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
    clearInterval(this.clock);
    this.stopFollowing?.();
  }

  private async loadCounters() {
    if (!this.user.sede) return;
    try {
      this.counters = await fetchCounters(this.user.sede);
      if (this.counter && !this.counters.some((c) => c.counter === this.counter)) this.change();
    } catch (error) {
      this.error = counterProblemText(error);
    }
  }

  /** Works at `counter` from now on: its view, live. */
  private use(counter: string) {
    const sede = this.user.sede!;
    this.stopFollowing?.();
    this.counter = counter;
    this.view = undefined;
    this.error = '';
    this.told = '';
    sessionStorage.setItem(CHOICE_KEY, JSON.stringify({ sede, counter }));
    this.stopFollowing = followCounter(
      sede,
      counter,
      (view) => {
        if (view.counter.counter === this.counter) this.view = view;
      },
      (stream) => (this.stream = stream),
    );
    fetchCounter(sede, counter).then(
      (view) => {
        if (view.counter.counter === this.counter) this.view ??= view;
      },
      (error: unknown) => (this.error = counterProblemText(error)),
    );
    void this.updateComplete.then(() => this.heading?.focus());
  }

  private change() {
    this.stopFollowing?.();
    this.stopFollowing = undefined;
    sessionStorage.removeItem(CHOICE_KEY);
    this.counter = undefined;
    this.view = undefined;
    this.error = '';
    this.told = '';
    void this.loadCounters();
    void this.updateComplete.then(() => this.heading?.focus());
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key !== CALL_NEXT_KEY || event.repeat || this.transferOpen || !this.view) return;
    event.preventDefault();
    // A key pressed while the previous action is still on its way (the stream can show the counter open
    // before "Apri" has answered) is handled once that action ends, not dropped.
    void this.inFlight.then(() => {
      const why = this.cannotCallNext();
      if (why) this.error = why;
      else void this.callNext();
    });
  };

  /** Why "call next" is not possible now, or '' when it is. */
  private cannotCallNext(): string {
    const view = this.view;
    if (!view) return msg('Caricamento dello sportello…');
    if (view.counter.status !== 'open') return msg('Lo sportello non è aperto: premi «Apri» per chiamare.');
    if (view.current) return msg('Prima chiudi, trasferisci o parcheggia il biglietto allo sportello.');
    return '';
  }

  /** Runs one request; its answer becomes the view. Returns whether it went through. */
  private async run(action: () => Promise<CounterView>, told: (view: CounterView) => string) {
    if (this.busy) return false;
    this.busy = true;
    this.error = '';
    this.told = '';
    try {
      const answer = action();
      this.inFlight = answer.catch(() => undefined);
      const view = await answer;
      // A live stream delivers every change in order, this one too; an answer may arrive after a newer
      // event (a colleague's call a moment later) and must not put an older view back.
      if (this.stream !== 'open') this.view = view;
      this.told = told(view);
      return true;
    } catch (error) {
      this.error = counterProblemText(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async setStatus(status: CounterStatus) {
    const { sede, counter } = this.where();
    await this.run(
      () => setCounterStatus(sede, counter, status),
      (view) => statusToldText(view.counter.status),
    );
    void this.loadCounters();
  }

  private async callNext() {
    const { sede, counter } = this.where();
    if (await this.run(() => callNext(sede, counter), calledText)) this.focusTicket();
  }

  private async onTicketAction(event: CustomEvent<{ action: TicketAction; ticketId?: string }>) {
    const { sede, counter } = this.where();
    const { action } = event.detail;
    const ticketId = event.detail.ticketId ?? this.view?.current?.ticket.id;
    if (!ticketId) return;
    const number = this.numberOf(ticketId);
    const ok = await this.run(
      () => ticketAction(sede, counter, ticketId, action),
      (view) => {
        switch (action) {
          case 'call':
          case 'recall':
            return calledText(view);
          case 'start':
            return msg(str`${number}: in servizio.`);
          case 'no-show':
            return msg(str`${number} segnato assente.`);
          case 'park':
            return msg(str`${number} parcheggiato.`);
          case 'unpark':
            return msg(str`${number} è di nuovo in coda, al suo posto.`);
        }
      },
    );
    if (!ok) return;
    // The clicked button may now be disabled: focus goes where the next step starts.
    if (action === 'call' || action === 'start') this.focusTicket();
    if (action === 'no-show' || action === 'park') this.focusCallNext();
  }

  private async onDone(event: CustomEvent<{ outcome?: TicketOutcome }>) {
    const { sede, counter } = this.where();
    const ticketId = this.view?.current?.ticket.id;
    if (!ticketId) return;
    const number = this.numberOf(ticketId);
    if (
      await this.run(
        () => finishTicket(sede, counter, ticketId, event.detail.outcome),
        () => msg(str`${number} servito.`),
      )
    )
      this.focusCallNext();
  }

  private openTransfer() {
    this.transferError = '';
    this.transferOpen = true;
    void this.loadCounters();
  }

  private async onTransfer(event: CustomEvent<TransferTicketBody>) {
    const { sede, counter } = this.where();
    const ticketId = this.view?.current?.ticket.id;
    if (!ticketId) return;
    const number = this.numberOf(ticketId);
    const to = this.serviceName(event.detail.service);
    const ok = await this.run(
      () => transferTicket(sede, counter, ticketId, event.detail),
      () => msg(str`${number} trasferito a ${to}.`),
    );
    if (ok) {
      this.transferOpen = false;
      this.focusCallNext();
    } else {
      this.transferError = this.error;
      this.error = '';
    }
  }

  private focusTicket() {
    this.focusNext = 'ticket';
    this.requestUpdate();
  }

  private focusCallNext() {
    this.focusNext = 'call-next';
    this.requestUpdate();
  }

  /** Focus moves once the view shows the result, whether the answer or the stream brought it. */
  override updated(): void {
    if (this.focusNext === 'ticket' && this.ticketCard) {
      this.focusNext = undefined;
      void this.ticketCard.updateComplete.then(() => this.ticketCard?.focus());
    } else if (this.focusNext === 'call-next' && this.callNextButton && !this.view?.current && !this.busy) {
      this.focusNext = undefined;
      this.callNextButton.focus();
    }
  }

  private where() {
    return { sede: this.user.sede!, counter: this.counter! };
  }

  private numberOf(ticketId: string): string {
    const view = this.view;
    if (view?.current?.ticket.id === ticketId) return view.current.ticket.number;
    return (
      view?.queue.find((q) => q.ticket.id === ticketId)?.ticket.number ??
      view?.parked.find((t) => t.id === ticketId)?.number ??
      ticketId
    );
  }

  private serviceName(id: string): string {
    const service = this.catalog?.services.find((s) => s.id === id);
    return service ? localizedText(service.name) : id;
  }

  override render() {
    if (!this.user.sede)
      return html`<main class="pick">
        <h1 tabindex="-1">${msg('Sportello')}</h1>
        <p class="error" role="alert">
          ${msg('Il tuo account non ha una sede: chiedi all’amministratore di indicarla.')}
        </p>
      </main>`;
    if (!this.counter) return this.renderPicker();
    return this.renderCounter();
  }

  private renderPicker() {
    return html`<main class="pick">
      <h1 tabindex="-1">${msg('Scegli lo sportello')}</h1>
      <p class="muted">
        ${msg('Lo sportello resta scelto in questa scheda del browser finché non lo cambi.')}
      </p>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${
        this.counters
          ? html`<counter-picker
              .counters=${this.counters}
              .catalog=${this.catalog}
              .username=${this.user.username}
              @console-counter-picked=${(e: CustomEvent<{ counter: string }>) => this.use(e.detail.counter)}
            ></counter-picker>`
          : html`<p class="muted">${msg('Caricamento degli sportelli…')}</p>`
      }
    </main>`;
  }

  private renderCounter() {
    const view = this.view;
    const name = view?.counter.name ?? this.counters?.find((c) => c.counter === this.counter)?.name ?? '';
    const why = this.cannotCallNext();
    return html`<main class="desk">
      <div class="bar">
        <h1 tabindex="-1">${name}</h1>
        ${view ? this.renderStatus(view) : nothing}
        <span class="grow"></span>
        ${this.renderStream()}
        <button class="secondary small" @click=${this.change}>${msg('Cambia sportello')}</button>
      </div>
      <div class="messages">
        <p class="told" role="status">${this.told || nothing}</p>
        <p class="error" role="alert">${this.error || nothing}</p>
      </div>
      ${
        view
          ? html`<div class="columns">
              <div class="left">
                <button
                  class="call-next"
                  aria-keyshortcuts=${CALL_NEXT_KEY}
                  aria-describedby="call-next-why"
                  ?disabled=${this.busy || why !== ''}
                  @click=${this.callNext}
                >
                  ${msg('Chiama il prossimo')} <kbd>${CALL_NEXT_KEY}</kbd>
                </button>
                <p id="call-next-why" class="hint">
                  ${why || msg(str`Scorciatoia: tasto ${CALL_NEXT_KEY}.`)}
                </p>
                <section class="current" aria-label=${msg('Allo sportello')}>
                  ${
                    view.current
                      ? html`<counter-ticket
                          .current=${view.current}
                          .recallsBeforeNoShow=${view.recallsBeforeNoShow}
                          .serviceName=${this.serviceName(view.current.ticket.service)}
                          .fromServiceName=${this.serviceName(view.current.ticket.transfers.at(-1)?.fromService ?? '')}
                          ?busy=${this.busy}
                          @console-ticket-action=${this.onTicketAction}
                          @console-ticket-done=${this.onDone}
                          @console-ticket-transfer=${this.openTransfer}
                        ></counter-ticket>`
                      : html`<p class="muted idle">${msg('Nessun biglietto allo sportello.')}</p>`
                  }
                </section>
              </div>
              <div class="right">
                <counter-queue
                  .queue=${view.queue}
                  .parked=${view.parked}
                  .catalog=${this.catalog}
                  .now=${this.now}
                  ?canCall=${view.counter.status === 'open' && !view.current}
                  ?busy=${this.busy}
                  @console-ticket-action=${this.onTicketAction}
                ></counter-queue>
                ${this.renderToday(view)}
              </div>
            </div>`
          : html`<p class="muted">${msg('Caricamento dello sportello…')}</p>`
      }
      ${
        view?.current
          ? html`<transfer-dialog
              .open=${this.transferOpen}
              .number=${view.current.ticket.number}
              .service=${view.current.ticket.service}
              .counter=${view.counter.counter}
              .counters=${this.counters ?? []}
              .catalog=${this.catalog}
              ?busy=${this.busy}
              .error=${this.transferError}
              @console-transfer=${this.onTransfer}
              @console-transfer-cancel=${() => (this.transferOpen = false)}
            ></transfer-dialog>`
          : nothing
      }
    </main>`;
  }

  private renderStatus(view: CounterView) {
    const labels: Record<CounterStatus, string> = {
      open: msg('Apri'),
      paused: msg('Pausa'),
      closed: msg('Chiudi'),
    };
    return html`<div class="toggle" role="group" aria-label=${msg('Stato dello sportello')}>
        ${counterStatuses.map(
          (status) =>
            html`<button
              aria-pressed=${view.counter.status === status ? 'true' : 'false'}
              ?disabled=${this.busy}
              @click=${() => this.setStatus(status)}
            >
              ${labels[status]}
            </button>`,
        )}
      </div>
      <span class="status status-${view.counter.status}">${counterStatusText(view.counter.status)}</span>`;
  }

  private renderStream() {
    switch (this.stream) {
      case 'open':
        return html`<span class="live">${msg('In tempo reale')}</span>`;
      case 'connecting':
        return html`<span class="live off">${msg('Collegamento…')}</span>`;
      case 'down':
        return html`<span class="live off" role="status">${msg('Aggiornamento interrotto: riprovo…')}</span>`;
      case 'refused':
        return html`<span class="live off" role="status">
          ${msg('Aggiornamento non disponibile: esci e accedi di nuovo.')}
        </span>`;
    }
  }

  private renderToday(view: CounterView) {
    const { served, noShows, averageServiceMinutes } = view.today;
    return html`<section class="today" aria-labelledby="today-heading">
      <h2 id="today-heading">${msg('Oggi a questo sportello')}</h2>
      <dl>
        <div>
          <dt>${msg('Serviti')}</dt>
          <dd>${served}</dd>
        </div>
        <div>
          <dt>${msg('Assenti')}</dt>
          <dd>${noShows}</dd>
        </div>
        <div>
          <dt>${msg('Tempo medio di servizio')}</dt>
          <dd>
            ${averageServiceMinutes === undefined ? '—' : minutesText(Math.round(averageServiceMinutes))}
          </dd>
        </div>
      </dl>
    </section>`;
  }
}

/** What the clerk is told after a call: the number and whether it was a recall. */
function calledText(view: CounterView): string {
  const ticket = view.current?.ticket;
  if (!ticket) return '';
  return ticket.recalls > 0
    ? msg(str`${ticket.number} richiamato (${ticket.recalls}).`)
    : msg(str`Chiamato ${ticket.number}.`);
}

/** What the clerk is told once the counter's state changed. */
function statusToldText(status: CounterStatus): string {
  switch (status) {
    case 'open':
      return msg('Sportello aperto: puoi chiamare.');
    case 'paused':
      return msg('Sportello in pausa: nessuno viene chiamato qui.');
    case 'closed':
      return msg('Sportello chiuso.');
  }
}

function readChoice(): { sede: string; counter: string } | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(CHOICE_KEY) ?? 'null') as unknown;
    if (value && typeof value === 'object' && 'sede' in value && 'counter' in value)
      return { sede: String(value.sede), counter: String(value.counter) };
  } catch {
    // A choice that does not read back is no choice: the picker asks again.
  }
  return undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'counter-screen': CounterScreen;
  }
}

/**
 * The phone pages' root (`/t/...`): a printed ticket followed live from the QR on it, or a sede's public
 * queue from the board's QR. Owns the ticket's live stream, the queue's refresh and the call alert, and
 * releases them when the page is left. The page speaks the ticket's language until the citizen picks
 * another (or the link names one with ?lang=).
 */
import { localized, msg, str } from '@lit/localize';
import type { BoardView, FollowView } from '@sportello/protocol';
import type { EventStream, StreamState } from '@sportello/web-common/event-stream';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../components/meeting-header/meeting-header.ts';
import { ApiProblem } from '../data/api-client.ts';
import { cancelFollow, fetchCatalog, fetchFollow, fetchSedeQueue, followTicket } from '../data/follow.ts';
import { preferredLanguage, rememberLanguage, showPageIn, type PageLanguage } from '../i18n/locale.ts';
import { CallAlert } from '../media/call-alert.ts';
import type { QueueState } from '../screens/sede-queue-screen/sede-queue-screen.ts';
import '../screens/sede-queue-screen/sede-queue-screen.ts';
import type { Leaving } from '../screens/ticket-screen/ticket-screen.ts';
import '../screens/ticket-screen/ticket-screen.ts';
import { pageStyles } from '../theme/tokens.ts';
import { phonePage } from './phone-path.ts';

/** The public queue is read again this often. */
const QUEUE_REFRESH_MS = 15_000;
const finished: readonly FollowView['status'][] = ['done', 'no-show', 'cancelled'];

@customElement('phone-app')
@localized()
export class PhoneApp extends LitElement {
  static override styles = pageStyles;

  private readonly page = phonePage(location.pathname);
  /** The citizen (or the link) chose the language: the ticket's no longer decides it. */
  private languageChosen = new URLSearchParams(location.search).has('lang');
  @state() private language: PageLanguage = preferredLanguage(
    location.search,
    navigator.languages ?? [navigator.language],
  );
  @state() private online = navigator.onLine;

  // ---- a ticket ----
  @state() private view?: FollowView;
  @state() private stream: StreamState = 'connecting';
  @state() private missing = false;
  @state() private leaving: Leaving = 'idle';
  @state() private soundOn = false;
  private events?: EventStream;
  private readonly alert = new CallAlert();
  /** The call (its time and recall count) the phone last rang for. */
  private rang?: string;

  // ---- a sede's queue ----
  @state() private queue?: BoardView;
  @state() private queueState: QueueState = 'loading';
  @state() private queueReadAt?: string;
  @state() private serviceNames: Record<string, Record<string, string>> = {};
  private queueTimer?: ReturnType<typeof setInterval>;

  private readonly wentOffline = () => (this.online = false);
  private readonly cameOnline = () => {
    this.online = true;
    if (this.page.kind === 'sede') void this.readQueue();
  };
  private readonly leave = () => this.releaseAll();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.useLanguage(this.language);
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    // pagehide, not unload: it also fires when a phone's browser puts the page away for good.
    window.addEventListener('pagehide', this.leave);
    if (this.page.kind === 'ticket') this.follow(this.page.key);
    if (this.page.kind === 'sede') this.watchQueue();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('offline', this.wentOffline);
    window.removeEventListener('online', this.cameOnline);
    window.removeEventListener('pagehide', this.leave);
    this.releaseAll();
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
    document.title = this.pageTitle();
  }

  private pageTitle(): string {
    if (this.page.kind === 'sede') return msg('Coda in sede - INPS');
    return this.view ? msg(str`Numero ${this.view.number} - INPS`) : msg('Il tuo biglietto - INPS');
  }

  override render() {
    return html`<meeting-header
        .language=${this.language}
        .subtitle=${this.page.kind === 'sede' ? msg('Coda in sede') : msg('Il tuo biglietto')}
        @meeting-language=${(e: CustomEvent<PageLanguage>) => this.chooseLanguage(e.detail)}
      ></meeting-header>
      <main>${this.renderPage()}</main>`;
  }

  private renderPage() {
    switch (this.page.kind) {
      case 'ticket':
        return html`<meeting-ticket-screen
          .view=${this.view}
          ?live=${this.online && this.stream === 'open'}
          ?missing=${this.missing}
          .leaving=${this.leaving}
          ?soundOn=${this.soundOn}
          .queueHref=${this.view ? `/t/sede/${encodeURIComponent(this.view.sede.id)}` : undefined}
          @meeting-sound=${() => void this.enableSound()}
          @meeting-leave=${() => void this.leaveQueue()}
        ></meeting-ticket-screen>`;
      case 'sede':
        return html`<meeting-sede-queue-screen
          .queue=${this.queue}
          .names=${this.serviceNames[this.language] ?? {}}
          .state=${this.online || this.queueState !== 'live' ? this.queueState : 'down'}
          .updatedAt=${this.queueReadAt}
        ></meeting-sede-queue-screen>`;
      case 'unknown':
        return html`<h1>${msg('Biglietto non trovato')}</h1>
          <p>${msg('Inquadra di nuovo il codice stampato sul tuo biglietto.')}</p>`;
    }
  }

  // ---- a ticket ----

  private follow(key: string) {
    fetchFollow(key).then(
      (view) => {
        if (!this.view) this.show(view);
      },
      (error) => {
        if (error instanceof ApiProblem && error.status === 404) this.missing = true;
      },
    );
    this.events = followTicket(
      key,
      (view) => this.show(view),
      (streamState, status) => {
        this.stream = streamState;
        if (streamState === 'refused' && status === 404) this.missing = true;
      },
    );
  }

  private show(view: FollowView) {
    if (!this.languageChosen && view.language !== this.language) void this.useLanguage(view.language);
    if (view.status === 'called') {
      const call = `${view.calledAt}|${view.recalls}`;
      if (call !== this.rang) {
        this.rang = call;
        this.alert.ring();
      }
    }
    // Nothing more will happen to a ticket that is over.
    if (finished.includes(view.status)) this.closeStream();
    this.view = view;
  }

  private async enableSound() {
    this.soundOn = await this.alert.enable();
  }

  private async leaveQueue() {
    if (this.page.kind !== 'ticket') return;
    this.leaving = 'busy';
    try {
      this.show(await cancelFollow(this.page.key));
      this.leaving = 'idle';
    } catch (error) {
      this.leaving = error instanceof ApiProblem && error.code === 'not_waiting' ? 'too-late' : 'failed';
    }
  }

  private closeStream() {
    this.events?.close();
    this.events = undefined;
  }

  // ---- a sede's queue ----

  private watchQueue() {
    void this.readQueue();
    this.queueTimer = setInterval(() => void this.readQueue(), QUEUE_REFRESH_MS);
    fetchCatalog().then(
      (catalog) => {
        const names: Record<string, Record<string, string>> = {};
        for (const service of catalog.services)
          for (const [language, name] of Object.entries(service.name))
            (names[language] ??= {})[service.id] = name;
        this.serviceNames = names;
      },
      () => undefined, // The services show by their Italian names.
    );
  }

  private async readQueue() {
    if (this.page.kind !== 'sede') return;
    try {
      this.queue = await fetchSedeQueue(this.page.sede);
      this.queueReadAt = new Date().toISOString();
      this.queueState = 'live';
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) {
        this.queueState = 'missing';
        clearInterval(this.queueTimer);
      } else this.queueState = 'down';
    }
  }

  private releaseAll() {
    this.closeStream();
    clearInterval(this.queueTimer);
    this.queueTimer = undefined;
    this.alert.close();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-app': PhoneApp;
  }
}

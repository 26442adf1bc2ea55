/**
 * The staff console's root: who is signed in, the sections their roles give (sections.ts), which one is on,
 * and the language. For officials it also holds the /ws connection and what it says (status, queue, calls),
 * and a call with its wrap-up, which takes the screen until the outcome is saved. Screens speak upward with
 * console-* events.
 */
import { localized, msg } from '@lit/localize';
import type {
  CallEndReason,
  CatalogResponse,
  OfficialStatus,
  QueueSnapshot,
  StaffUser,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { buttonStyles } from '../components/button-styles.ts';
import { SESSION_ENDED_EVENT } from '../data/api-client.ts';
import { fetchMe, signOut } from '../data/auth.ts';
import { fetchCatalog } from '../data/catalog.ts';
import { VideoSocket, type CallStarted, type Connection } from '@sportello/web-common/video-socket';
import { getLocale, setLocale } from '../i18n/locale.ts';
import { teamsThemes, tokens } from '../theme/tokens.ts';
import { connectToTeams, signInWithTeams, type TeamsHost } from './teams.ts';
import '../screens/sign-in-screen/sign-in-screen.ts';
import '../screens/call-screen/call-screen.ts';
import { sectionsFor, type Section } from './sections.ts';

/** A section's id, or one of the app's own screens. */
type Screen = 'loading' | 'sign-in' | 'teams-sign-in' | 'call' | 'no-section' | (string & {});

@customElement('console-app')
@localized()
export class ConsoleApp extends LitElement {
  static override styles = [
    tokens,
    buttonStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
      }
      /* The screen takes the rest of the window: a desk screen (the counter) fits it exactly. */
      header + * {
        flex: 1 0 auto;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sp-gap);
        padding: 0.6em calc(var(--sp-gap) * 2);
        background: var(--sp-primary-dark);
        color: #ffffff;
      }
      /* With many sections (an admin's) the navigation goes to its own row: the name is never broken. */
      header .brand {
        font-weight: 700;
        font-size: 1.2em;
        flex: 1 0 auto;
        white-space: nowrap;
      }
      header button {
        border-color: #ffffff;
        background: transparent;
        color: #ffffff;
        min-height: 40px;
        white-space: nowrap;
      }
      header button:focus-visible {
        outline-color: #ffffff;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav button[aria-current='page'] {
        background: #ffffff;
        color: var(--sp-primary-dark);
      }
      main.no-section {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
      }
    `,
    teamsThemes,
  ];

  @state() private screen: Screen = 'loading';
  @state() private user?: StaffUser;
  @state() private signInNotice = '';
  @state() private status: OfficialStatus = 'offline';
  @state() private connection: Connection = 'connecting';
  @state() private snapshot?: QueueSnapshot;
  @state() private catalog?: CatalogResponse;
  @state() private call?: CallStarted;
  /** Set when the call in `call` is over: the call screen is then its wrap-up. */
  @state() private callEnded?: CallEndReason;
  @state() private queueNotice = '';
  /** What follows the section in the address (`#stations/<id>`): the section's own page to open. */
  @state() private route = '';
  private socket?: VideoSocket;
  /** Teams, when the console is one of its tabs: its theme, and sign-in by its SSO token only. */
  @state() private teams?: TeamsHost;
  private readonly releases: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(SESSION_ENDED_EVENT, this.onSessionGone);
    window.addEventListener('hashchange', this.followHash);
    void this.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(SESSION_ENDED_EVENT, this.onSessionGone);
    window.removeEventListener('hashchange', this.followHash);
    this.closeSocket();
  }

  /** A session still valid (a reloaded page) goes straight to the queue; inside Teams, SSO signs in. */
  private async resume() {
    const teams = await connectToTeams();
    if (teams) {
      this.teams = teams;
      this.dataset.teamsTheme = teams.theme;
      teams.onThemeChange((theme) => (this.dataset.teamsTheme = theme));
      return this.signInByTeams();
    }
    try {
      const user = await fetchMe();
      if (user) return this.enter(user);
    } catch {
      this.signInNotice = msg('Il server non risponde. Riprova tra poco.');
    }
    this.screen = 'sign-in';
  }

  /** Inside Teams: the SSO token, checked by the server, is the only way in (no password prompt). */
  private async signInByTeams() {
    this.screen = 'loading';
    try {
      return this.enter(await signInWithTeams(await this.teams!.authToken()));
    } catch {
      this.signInNotice = msg(
        'Accesso con Microsoft Teams non riuscito: il tuo account Microsoft non è collegato a un account della console, oppure Teams non ha dato il permesso. Riprova o rivolgiti all’amministratore.',
      );
      this.screen = 'teams-sign-in';
    }
  }

  private enter(user: StaffUser) {
    this.user = user;
    this.signInNotice = '';
    // Only officials take video calls: the waiting room knows no one else.
    if (user.roles.includes('official')) this.openSocket();
    fetchCatalog().then(
      (catalog) => (this.catalog = catalog),
      () => undefined, // Names fall back to ids.
    );
    this.screen = this.sectionFromHash(user) ?? sectionsFor(user)[0]?.id ?? 'no-section';
  }

  /**
   * `#<section>/<rest>`, e.g. an alert e-mail's link `#stations/adria-municipio`: that section (and `rest`
   * as its route) when the person has it.
   */
  private sectionFromHash(user: StaffUser): string | undefined {
    const [id = '', ...rest] = decodeURIComponent(location.hash.slice(1)).split('/');
    if (!sectionsFor(user).some((s) => s.id === id)) return undefined;
    this.route = rest.join('/');
    return id;
  }

  /** A link to `#<section>/…` followed inside the console (never during a call). */
  private readonly followHash = () => {
    if (!this.user || this.screen === 'call') return;
    const id = this.sectionFromHash(this.user);
    if (id === undefined) return;
    this.queueNotice = '';
    this.screen = id;
  };

  private openSocket() {
    const socket = (this.socket = new VideoSocket());
    this.releases.push(
      socket.onConnection((connection, why) => {
        this.connection = connection;
        if (connection !== 'open') this.status = 'offline';
        if (why === 'account-disabled' || why === 'session-ended') {
          this.sessionEnded(why);
          return;
        }
        if (why === 'replaced') {
          this.closeSocket();
          this.user = undefined;
          this.signInNotice = msg(
            "La console è stata aperta in un'altra finestra. Accedi di nuovo per usarla qui.",
          );
          this.screen = 'sign-in';
        }
      }),
      socket.subscribe((message) => {
        switch (message.type) {
          case 'official.state':
            this.status = message.status;
            break;
          case 'queue.snapshot':
            this.snapshot = message.snapshot;
            break;
          case 'call.started':
            this.call = message;
            this.callEnded = undefined;
            this.queueNotice = '';
            this.screen = 'call';
            break;
          case 'call.ended':
            // The wrap-up stays until the outcome is saved; an ending we already know keeps its reason.
            if (this.call?.callId === message.callId && !this.callEnded) this.callEnded = message.reason;
            break;
        }
      }),
    );
  }

  /** A call found the session gone (expired, or ended by an admin; which one the server does not say). */
  private readonly onSessionGone = () => this.sessionEnded('session-ended');

  /** The session is over: back to the sign-in screen, telling why in plain words. */
  private sessionEnded(why: 'account-disabled' | 'session-ended') {
    // The official's /ws tells the reason; a REST call that found the session gone first told less.
    if (!this.user && !(why === 'account-disabled' && this.screen === 'sign-in')) return;
    this.closeSocket();
    this.user = undefined;
    this.snapshot = undefined;
    this.call = undefined;
    this.callEnded = undefined;
    this.signInNotice =
      why === 'account-disabled'
        ? msg(
            'Il tuo account è stato disattivato da un amministratore: la sessione è chiusa. Se pensi che sia un errore, rivolgiti all’amministratore.',
          )
        : msg(
            'La sessione è terminata: è scaduta, oppure un amministratore ha cambiato il tuo account. Accedi di nuovo.',
          );
    this.screen = 'sign-in';
  }

  private closeSocket() {
    for (const release of this.releases.splice(0)) release();
    this.socket?.close();
    this.socket = undefined;
  }

  private async signOut() {
    this.closeSocket();
    try {
      await signOut();
    } catch {
      // The cookie expires by itself; the page forgets the session either way.
    }
    this.user = undefined;
    this.snapshot = undefined;
    this.call = undefined;
    this.callEnded = undefined;
    this.screen = 'sign-in';
  }

  private async switchLanguage() {
    const next = getLocale() === 'it' ? 'en' : 'it';
    await setLocale(next);
    document.documentElement.lang = next;
  }

  private go(section: Section) {
    this.queueNotice = '';
    this.route = '';
    // The address no longer names a page of another section; the same link followed again works.
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    this.screen = section.id;
  }

  override render() {
    return html`
      <header>
        <span class="brand">${msg('Sportello INPS · Console del personale')}</span>
        ${this.user ? this.renderNav(this.user) : nothing}
        <button lang=${getLocale() === 'it' ? 'en' : 'it'} @click=${this.switchLanguage}>
          ${getLocale() === 'it' ? 'English' : 'Italiano'}
        </button>
        ${
          this.user
            ? html`<span>${this.user.name}</span>
                <button ?disabled=${this.screen === 'call'} @click=${this.signOut}>${msg('Esci')}</button>`
            : nothing
        }
      </header>
      ${this.renderScreen()}
    `;
  }

  private renderTeamsSignIn() {
    return html`<main class="no-section">
      <h1>${msg('Accesso con Microsoft Teams')}</h1>
      <p role="alert">${this.signInNotice || msg('Non sei collegato alla console.')}</p>
      <button @click=${this.signInByTeams}>${msg('Accedi con Teams')}</button>
    </main>`;
  }

  private renderNav(user: StaffUser) {
    const item = (section: Section) =>
      html`<li>
        <button
          aria-current=${this.screen === section.id ? 'page' : 'false'}
          ?disabled=${this.screen === 'call'}
          @click=${() => this.go(section)}
        >
          ${section.label()}${section.badge?.() ?? nothing}
        </button>
      </li>`;
    return html`<nav aria-label=${msg('Sezioni della console')}>
      <ul>
        ${sectionsFor(user).map(item)}
      </ul>
    </nav>`;
  }

  private renderScreen() {
    switch (this.screen) {
      case 'loading':
        return html`<p role="status">${msg('Caricamento…')}</p>`;
      case 'teams-sign-in':
        return this.renderTeamsSignIn();
      case 'sign-in':
        // Inside Teams there is no password form: sign-in is by Teams alone.
        if (this.teams) return this.renderTeamsSignIn();
        return html`<sign-in-screen
          .notice=${this.signInNotice}
          @console-signed-in=${(e: CustomEvent<StaffUser>) => this.enter(e.detail)}
        ></sign-in-screen>`;
      case 'no-section':
        return html`<main class="no-section">
          <h1>${msg('Nessuna sezione per il tuo account')}</h1>
          <p>${msg('I ruoli del tuo account non hanno ancora una schermata in questa console.')}</p>
        </main>`;
      case 'call':
        return html`<call-screen
          .socket=${this.socket!}
          .started=${this.call!}
          .catalog=${this.catalog}
          .officialSede=${this.user?.sede ?? this.call!.entry.group}
          .ended=${this.callEnded}
          @console-call-hung-up=${(e: CustomEvent<{ reason: CallEndReason }>) =>
            (this.callEnded ??= e.detail.reason)}
          @console-call-closed=${this.callClosed}
        ></call-screen>`;
      default:
        return this.renderSection(this.screen);
    }
  }

  private renderSection(id: string) {
    const user = this.user!;
    const section = sectionsFor(user).find((s) => s.id === id);
    if (!section) return nothing;
    const official = this.socket
      ? {
          socket: this.socket,
          status: this.status,
          connection: this.connection,
          snapshot: this.snapshot,
          notice: this.queueNotice,
        }
      : undefined;
    return section.render({ user, catalog: this.catalog, official, route: this.route });
  }

  private callClosed() {
    this.call = undefined;
    this.callEnded = undefined;
    this.queueNotice = msg('Esito salvato: la chiamata è chiusa.');
    this.screen = 'queue';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-app': ConsoleApp;
  }
}

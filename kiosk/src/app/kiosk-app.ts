/**
 * The kiosk's root: holds the citizen's session (memory only), moves between screens, listens to the
 * station's devices, watches for inactivity, and wipes everything when the session ends.
 *
 * Screens speak upward with kiosk-* events; this element is the only one that changes screens.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type {
  CatalogResponse,
  DeviceEvent,
  DeviceHealth,
  Language,
  Service,
  Slot,
  Station,
  VerifiedCitizen,
} from '@sportello/protocol';
import { directionOf, isStrongAuth, languages } from '@sportello/protocol/plain';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AgentController } from '../controllers/agent-controller.ts';
import { IdleController } from '../controllers/idle-controller.ts';
import { WedgeScannerController } from '../controllers/wedge-scanner-controller.ts';
import { SpeechController } from '../controllers/speech-controller.ts';
import { VideoController, type FallbackReason, type VideoOutcome } from '../controllers/video-controller.ts';
import { fetchAgentStatus, reportCamera } from '../data/agent.ts';
import { ApiProblem } from '../data/api-client.ts';
import { fetchCatalog, fetchStation, reportSession } from '../data/server.ts';
import { suggestionSlot, type Suggestion } from '../data/video.ts';
import { getLocale, setLocale } from '../i18n/locale.ts';
import { emptySession, greetingName, type Identity, type KioskSession } from '../session/kiosk-session.ts';
import { checkCamera } from '../session/camera-check.ts';
import { sessionReport, type SessionTally } from '../session/session-report.ts';
import { wipePageData } from '../session/privacy-wipe.ts';
import { appShellStyles, tokens } from '../theme/tokens.ts';
import { pictograms, pictogramStyles } from '../components/pictograms/pictograms.ts';
import '../components/kiosk-header/kiosk-header.ts';
import '../components/kiosk-idle-dialog/kiosk-idle-dialog.ts';
import '../components/kiosk-finish-dialog/kiosk-finish-dialog.ts';
import type { AtStake } from '../components/kiosk-finish-dialog/kiosk-finish-dialog.ts';
import '../screens/welcome-screen/welcome-screen.ts';
import '../screens/out-of-service-screen/out-of-service-screen.ts';
import '../screens/identify-screen/identify-screen.ts';
import '../screens/services-screen/services-screen.ts';
import '../screens/channel-screen/channel-screen.ts';
import '../screens/ticket-screen/ticket-screen.ts';
import '../screens/booking-screen/booking-screen.ts';
import '../screens/confirmation-screen/confirmation-screen.ts';
import '../screens/checkin-screen/checkin-screen.ts';
import '../screens/end-screen/end-screen.ts';
import '../screens/problem-screen/problem-screen.ts';
import '../screens/pin-screen/pin-screen.ts';
import '../screens/video-prepare-screen/video-prepare-screen.ts';
import '../screens/video-waiting-screen/video-waiting-screen.ts';
import '../screens/video-call-screen/video-call-screen.ts';
import '../screens/video-fallback-screen/video-fallback-screen.ts';
import { appStyles } from './kiosk-app.styles.ts';
import type { Channel } from '../screens/channel-screen/channel-screen.ts';
import type { Paper } from '../screens/end-screen/end-screen.ts';
import type { ProblemKind } from '../screens/problem-screen/problem-screen.ts';
import type { VideoJoinDetail } from '../screens/video-prepare-screen/video-prepare-screen.ts';

export type Screen =
  | 'welcome'
  | 'identify'
  | 'services'
  | 'channel'
  | 'ticket'
  | 'booking'
  | 'confirmation'
  | 'checkin'
  | 'end'
  | 'problem'
  | 'pin'
  | 'video-prepare'
  | 'video-waiting'
  | 'video-call'
  | 'video-fallback';

const IDLE_WARN_SECONDS = 60;
/** How often a card left in the reader is called out again, until it is taken. */
const CARD_LEFT_REPEAT_MS = 10_000;
const IDLE_END_SECONDS = 20;

@customElement('kiosk-app')
@localizedDecorator()
export class KioskApp extends LitElement {
  static override styles = [tokens, appShellStyles, pictogramStyles, appStyles];

  @state() screen: Screen = 'welcome';
  @state() language: Language = 'it';
  @state() session: KioskSession = emptySession();
  @state() catalog?: CatalogResponse;
  @state() station?: Station;
  @state() channel?: Channel;
  @state() problem?: ProblemKind;
  @state() largeText = false;
  @state() highContrast = false;
  /** The card the PIN screen signs in with, and where to go back after it. */
  @state() pinCard: 'cie' | 'cns' = 'cie';
  @state() afterPin: Screen = 'services';
  /** Booking code read from a QR under the scanner, handed to the check-in screen. */
  @state() scannedBookingCode?: string;
  /** The station's camera as last checked: the video call is offered only when it works. */
  @state() camera: DeviceHealth['camera']['page'] = 'unknown';
  /** Why the video call fell back to a callback, and the server's suggested time. */
  @state() fallback?: { reason: FallbackReason; callback?: Suggestion | null };
  /** A callback time chosen on the fallback screen, booked by the booking screen without a slot step. */
  @state() presetSlot?: Slot;
  /** Where "Indietro" on the booking screen leads. */
  @state() bookingBack: Screen = 'channel';
  /** What the end screen says goodbye to. */
  @state() endAfter?: 'video-call';
  /** A card left in the reader when the session ended: the reminder, in the language of whoever left it. */
  @state() cardLeft?: { text: string; language: Language };
  private cardLeftTimer: ReturnType<typeof setInterval> | undefined;
  /** What the printer gave the citizen in this session, for the end screen's reminder. */
  @state() printed: readonly Paper[] = [];
  /** "Fine" was touched with something to lose: the dialog asks first. */
  @state() finishAsked?: AtStake;
  /** The station's own idle timers (its agent's configuration), until a technician pushes another. */
  private stationIdle = { warnAfterSeconds: IDLE_WARN_SECONDS, endAfterSeconds: IDLE_END_SECONDS };
  /** The session's result and rating, reported (anonymously) when it ends. */
  private tally?: SessionTally;

  readonly speech = new SpeechController(this);
  readonly agent = new AgentController(this, (event) => this.onDeviceEvent(event));
  readonly wedge = new WedgeScannerController(this, (barcode) =>
    this.onDeviceEvent({ type: 'barcode', kind: barcode.kind, value: barcode.value }),
  );
  readonly video = new VideoController(this, {
    onCallStarted: () => {
      this.settle('video');
      this.go('video-call');
    },
    onOutcome: (outcome) => this.videoEnded(outcome),
  });
  readonly idle = new IdleController(this, {
    warnAfterSeconds: IDLE_WARN_SECONDS,
    endAfterSeconds: IDLE_END_SECONDS,
    onEnd: () => void this.endSession('idle'),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadStation();
  }

  protected override willUpdate(): void {
    // Pushed settings apply at once: the next countdown follows the pushed idle time.
    const pushed = this.agent.settings?.idleSeconds;
    this.idle.configure({ ...this.stationIdle, ...(pushed && { warnAfterSeconds: pushed }) });
    // Waiting for a call keeps the session (the citizen is only asked if still there); a call stops the clock.
    const phase = this.video.phase;
    this.idle.setMode(phase === 'off' ? 'normal' : phase === 'in-call' ? 'paused' : 'warn-only');
  }

  protected override firstUpdated(): void {
    // With reading on, a new screen and a new step inside one read themselves: whoever needs speech
    // cannot see that they changed.
    const main = this.renderRoot.querySelector('main');
    if (main) this.speech.follow(main, () => this.readScreen());
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The agent holds a remote self-test back while a citizen is being served.
    this.agent.reportSession(this.idle.watching);
    // The host's attributes switch the design tokens; the document's dir and lang follow the language.
    this.toggleAttribute('large-text', this.largeText);
    this.toggleAttribute('high-contrast', this.highContrast);
    if (changed.has('language')) {
      document.documentElement.lang = this.language;
      document.documentElement.dir = directionOf(this.language);
    }
    if (changed.has('screen')) {
      this.renderRoot.querySelector<HTMLElement>('main')?.focus();
    }
  }

  private async loadStation(): Promise<void> {
    try {
      const status = await fetchAgentStatus();
      if (!status.enrolled) return this.showProblem('not-enrolled');
      this.stationIdle = {
        warnAfterSeconds: status.kiosk.idleWarnSeconds,
        endAfterSeconds: status.kiosk.idleEndSeconds,
      };
      this.requestUpdate();
      [this.catalog, this.station] = await Promise.all([fetchCatalog(), fetchStation()]);
      void this.reportCameraHealth();
    } catch (error) {
      this.showProblem(
        error instanceof ApiProblem && error.status === 0 ? 'agent-unreachable' : 'server-unreachable',
      );
    }
  }

  private async reportCameraHealth(): Promise<void> {
    try {
      this.camera = await checkCamera();
      await reportCamera(this.camera);
    } catch {
      // The agent keeps its last report; the next session's check will try again.
    }
  }

  // ---- session ----

  private get service(): Service | undefined {
    return this.catalog?.services.find((s) => s.id === this.session.serviceId);
  }

  private get sedeId(): string | undefined {
    return this.station?.sede;
  }

  /** The languages offered here: the technician's choice, else all. */
  private get offeredLanguages(): readonly Language[] {
    return this.agent.settings?.languages ?? languages;
  }

  /** The catalog with only the services offered here, when a technician chose some. */
  private get offeredCatalog(): CatalogResponse | undefined {
    const only = this.agent.settings?.services;
    if (!this.catalog || !only) return this.catalog;
    return { ...this.catalog, services: this.catalog.services.filter((s) => only.includes(s.id)) };
  }

  private go(screen: Screen): void {
    this.screen = screen;
    this.speech.stop();
  }

  private askPin(card: 'cie' | 'cns', then: Screen): void {
    this.pinCard = card;
    this.afterPin = then;
    this.go('pin');
  }

  /** The server verified the card's signature: the citizen is who the certificate says, strongly. */
  private authenticated(verified: VerifiedCitizen): void {
    const previous = this.session.identity;
    const same = previous?.codiceFiscale === verified.codiceFiscale;
    this.session = {
      ...this.session,
      identity: {
        codiceFiscale: verified.codiceFiscale,
        ...(same && previous?.firstName ? { firstName: previous.firstName } : {}),
        ...(same && previous?.lastName ? { lastName: previous.lastName } : {}),
        authMethod: verified.method,
        authProof: verified.proof,
      },
    };
    this.go(this.afterPin);
  }

  private retry(): void {
    const kind = this.problem;
    this.problem = undefined;
    if (kind === 'card-unreadable' || kind === 'wrong-card') return this.go('identify');
    void this.endSession();
  }

  private showProblem(kind: ProblemKind): void {
    this.problem = kind;
    this.go('problem');
  }

  private startSession(): void {
    this.tally = { startedAt: Date.now() };
    this.idle.start();
    this.go('identify');
  }

  private identified(identity: Identity): void {
    this.session = { ...this.session, identity };
    this.go('services');
  }

  // ---- video call ----

  private joinVideo(detail: VideoJoinDetail): void {
    const { service } = this;
    const identity = this.session.identity;
    if (!service || !identity) {
      for (const track of detail.local.getTracks()) track.stop();
      return this.showFallback({ kind: 'fallback', reason: 'failed' });
    }
    this.video.join({
      service,
      identity,
      language: this.language,
      local: detail.local,
      ...(detail.assistant && { assistant: detail.assistant }),
    });
    this.go('video-waiting');
  }

  private videoEnded(outcome: VideoOutcome): void {
    if (outcome.kind === 'ended') {
      this.endAfter = 'video-call';
      this.go('end');
    } else this.showFallback(outcome);
  }

  private showFallback(outcome: Extract<VideoOutcome, { kind: 'fallback' }>): void {
    this.fallback = { reason: outcome.reason, callback: outcome.callback };
    this.go('video-fallback');
  }

  /** The callback offered instead of the call: in one touch with `slot`, or with the day picked. */
  private bookCallback(slot?: Slot): void {
    const reason = this.video.phase === 'off' ? undefined : 'asked';
    this.video.close();
    if (reason) this.fallback = { reason, callback: this.fallback?.callback };
    this.channel = 'callback';
    this.presetSlot = slot;
    this.bookingBack = 'video-fallback';
    this.go('booking');
  }

  /** What "Fine" would throw away now: a booking not yet made, a place in the video queue, a call. */
  private get atStake(): AtStake | undefined {
    if (this.video.phase === 'in-call') return 'call';
    if (this.video.phase !== 'off') return 'queue';
    return this.screen === 'booking' ? 'booking' : undefined;
  }

  private finish(): void {
    this.finishAsked = undefined;
    this.video.close();
    this.go('end');
  }

  /** What the citizen got: the latest counts (a callback booked after a failed call is a booking). */
  private settle(result: NonNullable<SessionTally['result']>): void {
    if (this.tally) this.tally.result = result;
  }

  /** Tells the server how the session went (nothing identifying); a lost report is not retried. */
  private report(endedBy: 'idle' | 'citizen'): void {
    const tally = this.tally;
    this.tally = undefined;
    if (!tally) return;
    const report = sessionReport(tally, {
      id: crypto.randomUUID(),
      now: Date.now(),
      language: this.language,
      authMethod: this.session.identity?.authMethod,
      serviceId: this.session.serviceId,
      endedBy,
    });
    reportSession(report).catch(() => undefined);
  }

  /** Ends the session and leaves nothing of it behind, then greets the next person. */
  async endSession(endedBy: 'idle' | 'citizen' = 'citizen'): Promise<void> {
    this.report(endedBy);
    this.idle.stop();
    this.speech.stop();
    // Camera off and the waiting room left before anything else: the citizen has gone.
    this.video.close();
    this.video.lastCallId = undefined;
    this.session = emptySession();
    this.channel = undefined;
    this.fallback = undefined;
    this.presetSlot = undefined;
    this.bookingBack = 'channel';
    this.endAfter = undefined;
    this.finishAsked = undefined;
    this.printed = [];
    this.problem = undefined;
    this.scannedBookingCode = undefined;
    this.largeText = false;
    this.highContrast = false;
    this.speech.enabled = false;
    if (this.agent.cardPresent) this.remindCardLeft();
    await wipePageData();
    await this.changeLanguage('it');
    this.go('welcome');
    if (!this.catalog || !this.station) void this.loadStation();
    else void this.reportCameraHealth();
  }

  /** Says, on screen and aloud, to take the card, again and again until the reader reports it taken. */
  private remindCardLeft(): void {
    const reminder = {
      text: msg('Hai dimenticato la tua tessera nel lettore: prendila, per favore.'),
      language: this.language,
    };
    this.cardLeft = reminder;
    clearInterval(this.cardLeftTimer);
    const say = () => this.speech.announce([reminder.text], reminder.language);
    say();
    this.cardLeftTimer = setInterval(say, CARD_LEFT_REPEAT_MS);
  }

  private cardTaken(): void {
    clearInterval(this.cardLeftTimer);
    if (this.cardLeft) this.speech.stop();
    this.cardLeft = undefined;
  }

  private async changeLanguage(language: Language): Promise<void> {
    await setLocale(language);
    this.language = language;
  }

  private onDeviceEvent(event: DeviceEvent): void {
    const waiting = this.screen === 'welcome' || this.screen === 'identify';
    switch (event.type) {
      case 'card-read':
        if (!waiting) return;
        this.idle.start();
        if (event.card.kind === 'cns') {
          const { codiceFiscale, firstName, lastName } = event.card;
          this.identified({ codiceFiscale, firstName, lastName, authMethod: 'cns-card' });
        } else {
          // A CIE names its holder only after the PIN: ask for it (or the typed codice fiscale).
          this.session = { ...this.session, cieNis: event.card.nis };
          this.askPin('cie', 'services');
        }
        return;
      case 'card-removed':
        this.cardTaken();
        // Taking the card out ends the session, as at a cash machine.
        if (this.session.identity?.authMethod === 'cns-card' || this.session.cieNis) void this.endSession();
        return;
      case 'card-error':
        if (!waiting) return;
        this.showProblem(event.code === 'unsupported-card' ? 'wrong-card' : 'card-unreadable');
        return;
      case 'barcode':
        if (event.kind === 'codice-fiscale' && waiting) {
          this.idle.start();
          this.identified({ codiceFiscale: event.value, authMethod: 'ts-barcode' });
        } else if (event.kind === 'booking' && (waiting || this.screen === 'checkin')) {
          this.idle.start();
          this.scannedBookingCode = event.value;
          this.go('checkin');
        }
        return;
      default:
        return;
    }
  }

  // ---- render ----

  override render() {
    const inSession = this.screen !== 'welcome';
    return html`
      <kiosk-header
        .language=${this.language}
        .languages=${this.offeredLanguages}
        .inSession=${inSession}
        .speech=${this.speech.enabled}
        .speechAvailable=${this.speech.available}
        .largeText=${this.largeText}
        .highContrast=${this.highContrast}
        .greeting=${greetingName(this.session.identity)}
        .strongAuth=${this.session.identity ? isStrongAuth(this.session.identity.authMethod) : false}
        @kiosk-language=${(e: CustomEvent<Language>) => void this.changeLanguage(e.detail)}
        @kiosk-toggle-speech=${() => {
          this.speech.enabled = !this.speech.enabled;
          this.requestUpdate();
          if (this.speech.enabled) this.readScreen();
        }}
        @kiosk-read-screen=${() => this.readScreen()}
        @kiosk-toggle-large-text=${() => (this.largeText = !this.largeText)}
        @kiosk-toggle-contrast=${() => (this.highContrast = !this.highContrast)}
        @kiosk-finish=${() => {
          this.finishAsked = this.atStake;
          if (!this.finishAsked) this.finish();
        }}
      ></kiosk-header>
      ${
        !this.agent.serverOnline && this.screen !== 'problem'
          ? html`<div class="banner" role="status">
              ${msg('Il collegamento con INPS è interrotto: alcune funzioni non sono disponibili.')}
            </div>`
          : nothing
      }
      ${
        this.cardLeft
          ? html`<div
              class="banner card-left"
              role="alert"
              lang=${this.cardLeft.language}
              dir=${directionOf(this.cardLeft.language)}
            >
              ${pictograms.card()}${this.cardLeft.text}
            </div>`
          : nothing
      }
      <main
        tabindex="-1"
        @kiosk-speak=${(e: CustomEvent<string[]>) => this.speech.say(e.detail, this.language)}
        @kiosk-printed=${(e: CustomEvent<Paper>) => {
          if (!this.printed.includes(e.detail)) this.printed = [...this.printed, e.detail];
        }}
        @kiosk-issued=${(e: CustomEvent<'ticket' | 'check-in'>) => this.settle(e.detail)}
      >
        ${this.renderScreen()}
      </main>
      ${
        this.finishAsked
          ? html`<kiosk-finish-dialog
              .atStake=${this.finishAsked}
              @kiosk-speak=${(e: CustomEvent<string[]>) => this.speech.say(e.detail, this.language)}
              @kiosk-stay=${() => (this.finishAsked = undefined)}
              @kiosk-confirm=${() => this.finish()}
            ></kiosk-finish-dialog>`
          : nothing
      }
      ${
        this.idle.secondsLeft !== null || this.idle.stillThere
          ? html`<kiosk-idle-dialog
              .secondsLeft=${this.idle.secondsLeft ?? 0}
              ?waiting=${this.idle.stillThere}
              @kiosk-speak=${(e: CustomEvent<string[]>) => this.speech.say(e.detail, this.language)}
              @kiosk-continue=${() => this.idle.touch()}
              @kiosk-finish=${() => void this.endSession()}
            ></kiosk-idle-dialog>`
          : nothing
      }
    `;
  }

  /** Asks the current screen for its text and choices and reads them aloud. */
  private readScreen(): void {
    const screen = this.renderRoot.querySelector('main > *') as
      (HTMLElement & { speechText?: () => string[] }) | null;
    const lines = screen?.speechText?.() ?? [
      screen?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    ];
    this.speech.enabled = true;
    this.speech.readNow(screen);
    // The locale, not yet `language` while a language change renders: the words are already in it.
    this.speech.say(lines, getLocale() as Language);
    this.requestUpdate();
  }

  private renderScreen() {
    const done = () => this.go('end');
    switch (this.screen) {
      case 'welcome':
        if (this.agent.settings?.outOfService)
          return html`<kiosk-out-of-service-screen
            .message=${this.agent.settings.outOfService}
            .sede=${
              this.station?.kind === 'municipal'
                ? this.catalog?.sedi.find((s) => s.id === this.sedeId)
                : undefined
            }
          ></kiosk-out-of-service-screen>`;
        return html`<kiosk-welcome-screen
          .language=${this.language}
          .languages=${this.offeredLanguages}
          @kiosk-language=${(e: CustomEvent<Language>) => void this.changeLanguage(e.detail)}
          @kiosk-start=${() => this.startSession()}
        ></kiosk-welcome-screen>`;
      case 'identify':
        return html`<kiosk-identify-screen
          .readerState=${this.agent.reader}
          .cieNis=${this.session.cieNis}
          @kiosk-identified=${(e: CustomEvent<Identity>) => this.identified(e.detail)}
          @kiosk-checkin=${() => this.go('checkin')}
          @kiosk-assisted=${(e: CustomEvent<string | undefined>) => (this.session = { ...this.session, assistedBy: e.detail })}
        ></kiosk-identify-screen>`;
      case 'services':
        return html`<kiosk-services-screen
          .catalog=${this.offeredCatalog}
          .language=${this.language}
          .chosen=${this.session.serviceId}
          @kiosk-service=${(e: CustomEvent<string>) => {
            this.session = { ...this.session, serviceId: e.detail };
            this.go('channel');
          }}
          @kiosk-checkin=${() => this.go('checkin')}
        ></kiosk-services-screen>`;
      case 'channel':
        return html`<kiosk-channel-screen
          .service=${this.service}
          .station=${this.station}
          .sede=${this.catalog?.sedi.find((s) => s.id === this.sedeId)}
          .language=${this.language}
          .strongAuth=${this.session.identity ? isStrongAuth(this.session.identity.authMethod) : false}
          .printerState=${this.agent.printer}
          .cardInReader=${this.agent.cardPresent}
          .readerState=${this.agent.reader}
          .services=${this.offeredCatalog?.services ?? []}
          .camera=${this.camera}
          @kiosk-strong-auth=${() => this.askPin(this.agent.cardKind ?? 'cns', 'channel')}
          @kiosk-service=${(e: CustomEvent<string>) => {
            this.session = { ...this.session, serviceId: e.detail };
            this.renderRoot.querySelector<HTMLElement>('main')?.focus();
          }}
          @kiosk-channel=${(e: CustomEvent<Channel>) => {
            this.channel = e.detail;
            this.presetSlot = undefined;
            this.bookingBack = 'channel';
            this.go(e.detail === 'ticket' ? 'ticket' : e.detail === 'videoNow' ? 'video-prepare' : 'booking');
          }}
          @kiosk-back=${() => this.go('services')}
        ></kiosk-channel-screen>`;
      case 'ticket':
        return html`<kiosk-ticket-screen
          .service=${this.service}
          .sede=${this.catalog?.sedi.find((s) => s.id === this.sedeId)}
          .language=${this.language}
          .printerState=${this.agent.printer}
          .codiceFiscale=${this.session.identity?.codiceFiscale}
          .elderlyPriorityAge=${this.catalog?.elderlyPriorityAge}
          .almostTurnAhead=${this.catalog?.almostTurnAhead}
          @kiosk-done=${done}
          @kiosk-back=${() => this.go('channel')}
          @kiosk-problem=${(e: CustomEvent<ProblemKind>) => this.showProblem(e.detail)}
        ></kiosk-ticket-screen>`;
      case 'booking':
        return html`<kiosk-booking-screen
          .service=${this.service}
          .sede=${this.catalog?.sedi.find((s) => s.id === this.sedeId)}
          .channel=${this.channel}
          .identity=${this.session.identity}
          .language=${this.language}
          .privacyNoticeVersion=${this.catalog?.privacyNoticeVersion}
          .presetSlot=${this.presetSlot}
          @kiosk-booked=${(e: CustomEvent<{ booking: KioskSession['booking']; admissionCode: string }>) => {
            this.settle('booking');
            this.session = {
              ...this.session,
              booking: e.detail.booking,
              admissionCode: e.detail.admissionCode,
            };
            this.go('confirmation');
          }}
          @kiosk-back=${() => this.go(this.bookingBack)}
          @kiosk-checkin=${() => this.go('checkin')}
          @kiosk-problem=${(e: CustomEvent<ProblemKind>) => this.showProblem(e.detail)}
        ></kiosk-booking-screen>`;
      case 'confirmation':
        return html`<kiosk-confirmation-screen
          .booking=${this.session.booking}
          .admissionCode=${this.session.admissionCode}
          .service=${this.service}
          .sede=${this.catalog?.sedi.find((s) => s.id === this.session.booking?.sede)}
          .language=${this.language}
          .printerState=${this.agent.printer}
          @kiosk-done=${done}
        ></kiosk-confirmation-screen>`;
      case 'checkin':
        return html`<kiosk-checkin-screen
          .identity=${this.session.identity}
          .scannedCode=${this.scannedBookingCode}
          .catalog=${this.catalog}
          .language=${this.language}
          .printerState=${this.agent.printer}
          @kiosk-done=${done}
          @kiosk-back=${() => this.go(this.session.identity ? 'services' : 'identify')}
        ></kiosk-checkin-screen>`;
      case 'pin':
        return html`<kiosk-pin-screen
          .card=${this.pinCard}
          @kiosk-authenticated=${(e: CustomEvent<VerifiedCitizen>) => this.authenticated(e.detail)}
          @kiosk-type-code=${() => this.go('identify')}
          @kiosk-back=${() => this.go(this.session.identity ? this.afterPin : 'identify')}
        ></kiosk-pin-screen>`;
      case 'end':
        return html`<kiosk-end-screen
          .farewellFor=${this.endAfter}
          .cardInReader=${this.agent.cardPresent}
          .printed=${this.printed}
          .callId=${this.endAfter === 'video-call' ? this.video.lastCallId : undefined}
          .catalog=${this.catalog}
          .language=${this.language}
          .printerState=${this.agent.printer}
          @kiosk-rating=${(e: CustomEvent<number>) => this.tally && (this.tally.rating = e.detail)}
          @kiosk-finished=${() => void this.endSession()}
        ></kiosk-end-screen>`;
      case 'video-prepare':
        return html`<kiosk-video-prepare-screen
          .service=${this.service}
          .language=${this.language}
          .privacyNoticeVersion=${this.catalog?.privacyNoticeVersion}
          .assistedBy=${this.session.assistedBy}
          @kiosk-assisted=${(e: CustomEvent<string | undefined>) => (this.session = { ...this.session, assistedBy: e.detail })}
          @kiosk-video-join=${(e: CustomEvent<VideoJoinDetail>) => this.joinVideo(e.detail)}
          @kiosk-video-callback=${() => this.showFallback({ kind: 'fallback', reason: 'no-camera' })}
          @kiosk-back=${() => this.go('channel')}
        ></kiosk-video-prepare-screen>`;
      case 'video-waiting':
        return html`<kiosk-video-waiting-screen
          .service=${this.service}
          .language=${this.language}
          .joining=${this.video.phase === 'joining'}
          .position=${this.video.position}
          .estimatedWaitMinutes=${this.video.estimatedWaitMinutes}
          .stream=${this.video.local}
          .waitTooLong=${
            this.video.waitTooLong && {
              slot: this.video.waitTooLong.callback && suggestionSlot(this.video.waitTooLong.callback),
            }
          }
          @kiosk-leave-queue=${() => this.video.leave()}
          @kiosk-book-callback=${(e: CustomEvent<Slot>) => this.bookCallback(e.detail)}
          @kiosk-other-time=${() => this.bookCallback()}
        ></kiosk-video-waiting-screen>`;
      case 'video-call':
        return html`<kiosk-video-call-screen
          .official=${this.video.official ?? ''}
          .callState=${this.video.callState ?? 'connecting'}
          .remote=${this.video.remote}
          .local=${this.video.local}
          .muted=${this.video.muted}
          @kiosk-mute=${(e: CustomEvent<boolean>) => this.video.setMuted(e.detail)}
          @kiosk-hang-up=${() => this.video.hangUp()}
        ></kiosk-video-call-screen>`;
      case 'video-fallback':
        return html`<kiosk-video-fallback-screen
          .reason=${this.fallback?.reason ?? 'failed'}
          .callback=${this.fallback?.callback}
          .service=${this.service}
          .sede=${this.catalog?.sedi.find((s) => s.id === this.sedeId)}
          .language=${this.language}
          @kiosk-book-callback=${(e: CustomEvent<Slot>) => this.bookCallback(e.detail)}
          @kiosk-other-time=${() => this.bookCallback()}
          @kiosk-other-way=${() => this.go('channel')}
          @kiosk-done=${done}
        ></kiosk-video-fallback-screen>`;
      case 'problem':
        return html`<kiosk-problem-screen
          .kind=${this.problem}
          @kiosk-retry=${() => this.retry()}
          @kiosk-done=${() => void this.endSession()}
        ></kiosk-problem-screen>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-app': KioskApp;
  }
}

/**
 * The web-meeting page's root: the admission, the camera check, the waiting room and the call, and how
 * it ends. Owns the camera stream, the /ws connection and the call; releases all three when the page
 * is left. Screens speak upward with meeting-* events.
 */
import { localized, msg } from '@lit/localize';
import type { CallEndReason, CatalogResponse, ServerMessage } from '@sportello/protocol';
import { directionOf } from '@sportello/protocol/plain';
import { CitizenCall, type CitizenCallState } from '@sportello/web-common/citizen-call';
import { VideoSocket, type CallStarted, type Connection } from '@sportello/web-common/video-socket';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { bookingCodeFromPath } from '../admission/booking-code.ts';
import '../components/meeting-header/meeting-header.ts';
import { fetchCatalog, joinMeeting, type Meeting } from '../data/meeting.ts';
import { getLocale, preferredLanguage, setLocale, type PageLanguage } from '../i18n/locale.ts';
import { facingOf, openOtherCamera, type Facing } from '../media/camera-switch.ts';
import { stopMedia } from '../media/local-media.ts';
import '../screens/admission-screen/admission-screen.ts';
import type { CameraSwitch } from '../screens/call-screen/call-screen.ts';
import '../screens/call-screen/call-screen.ts';
import '../screens/device-check-screen/device-check-screen.ts';
import type { Ending } from '../screens/end-screen/end-screen.ts';
import '../screens/end-screen/end-screen.ts';
import type { QueuePlace } from '../screens/waiting-screen/waiting-screen.ts';
import '../screens/waiting-screen/waiting-screen.ts';
import '../screens/teams-screen/teams-screen.ts';
import { pageStyles } from '../theme/tokens.ts';

type Screen = 'admission' | 'device-test' | 'teams' | 'devices' | 'waiting' | 'call' | 'ended';

/** Past this without an open /ws the waiting room says so (the admission may have expired). */
const UNREACHABLE_AFTER_MS = 15_000;

@customElement('meeting-app')
@localized()
export class MeetingApp extends LitElement {
  static override styles = pageStyles;

  @state() private language: PageLanguage = preferredLanguage(
    location.search,
    navigator.languages ?? [navigator.language],
  );
  @state() private screen: Screen = 'admission';
  @state() private meeting?: Meeting;
  @state() private catalog?: CatalogResponse;
  @state() private stream: MediaStream | null = null;
  @state() private connection: Connection = 'connecting';
  @state() private unreachable = false;
  @state() private place?: QueuePlace;
  @state() private noOfficial?: 'no-official-online' | 'wait-too-long';
  @state() private refusal = '';
  @state() private started?: CallStarted;
  @state() private callState: CitizenCallState = 'connecting';
  @state() private ending: Ending = 'thanks';
  @state() private facing?: Facing;
  @state() private cameraSwitch: CameraSwitch = 'none';
  /** The official said they are running late: by how much, and when. */
  @state() private late?: { minutes: number; at: string };
  private readonly bookingCode = bookingCodeFromPath(location.pathname);
  private socket?: VideoSocket;
  private call?: CitizenCall;
  private unreachableTimer?: ReturnType<typeof setTimeout>;
  private readonly releases: (() => void)[] = [];
  private readonly leave = () => this.releaseAll();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.useLanguage(this.language);
    // pagehide, not unload: it also fires when a phone's browser puts the page away for good.
    window.addEventListener('pagehide', this.leave);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.leave);
    this.releaseAll();
  }

  private async useLanguage(language: PageLanguage) {
    this.language = language;
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
    if (getLocale() !== language) await setLocale(language);
    document.title = msg('Videoappuntamento - INPS');
  }

  override render() {
    return html`<meeting-header
        .language=${this.language}
        @meeting-language=${(e: CustomEvent<PageLanguage>) => void this.useLanguage(e.detail)}
      ></meeting-header>
      <main>${this.renderScreen()}</main>`;
  }

  private renderScreen() {
    switch (this.screen) {
      case 'admission':
        return html`<meeting-admission-screen
          .bookingCode=${this.meeting?.code ?? this.bookingCode}
          @meeting-admitted=${(e: CustomEvent<Meeting>) => this.admitted(e.detail)}
          @meeting-test-devices=${() => (this.screen = 'device-test')}
        ></meeting-admission-screen>`;
      case 'device-test':
        // Before the room opens: nothing is handed over, the page goes back to the admission.
        return html`<meeting-device-check-screen
          trial
          @meeting-trial-done=${() => (this.screen = 'admission')}
        ></meeting-device-check-screen>`;
      case 'teams':
        return html`<meeting-teams-screen
          .joinUrl=${this.meeting?.teamsJoinUrl}
          @meeting-use-page=${() => (this.screen = 'devices')}
        ></meeting-teams-screen>`;
      case 'devices':
        return html`<meeting-device-check-screen
          @meeting-devices-ready=${(e: CustomEvent<MediaStream>) => this.devicesReady(e.detail)}
          @meeting-no-camera=${() => this.end('no-camera')}
        ></meeting-device-check-screen>`;
      case 'waiting':
        return html`<meeting-waiting-screen
          .meeting=${this.meeting!}
          .serviceName=${this.serviceName()}
          .place=${this.place}
          .noOfficial=${this.noOfficial}
          .connection=${this.connection}
          .unreachable=${this.unreachable}
          .refusal=${this.refusal}
          .stream=${this.stream}
          .late=${this.late}
          @meeting-readmit=${this.readmit}
        ></meeting-waiting-screen>`;
      case 'call':
        return html`<meeting-call-screen
          .call=${this.call!}
          .callState=${this.callState}
          .officialName=${this.started!.official.name}
          .stream=${this.stream}
          .facing=${this.facing}
          .cameraSwitch=${this.cameraSwitch}
          @meeting-switch-camera=${() => void this.switchCamera()}
          @meeting-hangup=${() => this.endCall('left', 'hangup')}
        ></meeting-call-screen>`;
      case 'ended':
        return html`<meeting-end-screen
          .ending=${this.ending}
          @meeting-rejoin=${this.rejoin}
          @meeting-retry-devices=${() => (this.screen = 'devices')}
        ></meeting-end-screen>`;
    }
  }

  private serviceName(): string | undefined {
    const service = this.catalog?.services.find((s) => s.id === this.meeting?.service);
    if (!service) return undefined;
    return service.name[this.language] ?? service.name.en;
  }

  // ---- admission and devices ----

  private admitted(meeting: Meeting) {
    this.meeting = meeting;
    // The link's ?lang= stays, so a reload speaks the same language.
    if (location.pathname !== `/meeting/${meeting.code}`)
      history.replaceState(null, '', `/meeting/${meeting.code}${location.search}`);
    fetchCatalog().then(
      (catalog) => (this.catalog = catalog),
      () => undefined, // The service shows by its id.
    );
    // A Teams meeting opens in Teams; one Teams could not make in time is held here, as the page says.
    this.screen = meeting.teamsJoinUrl || meeting.teamsFallback ? 'teams' : 'devices';
  }

  private devicesReady(stream: MediaStream) {
    if (this.stream !== stream) stopMedia(this.stream);
    this.stream = stream;
    this.enterWaitingRoom();
  }

  private readmit() {
    this.closeSocket();
    stopMedia(this.stream);
    this.stream = null;
    this.screen = 'admission';
  }

  // ---- the waiting room ----

  private enterWaitingRoom() {
    this.place = undefined;
    this.noOfficial = undefined;
    this.refusal = '';
    this.screen = 'waiting';
    if (!this.socket) this.openSocket();
    else this.join();
  }

  private openSocket() {
    const socket = (this.socket = new VideoSocket(meetingSocketUrl()));
    this.watchReachability();
    this.releases.push(
      socket.onConnection((connection, why) => {
        this.connection = connection;
        if (why === 'replaced') {
          this.endCall('replaced');
          return;
        }
        if (connection === 'open') {
          clearTimeout(this.unreachableTimer);
          this.unreachable = false;
          // A call whose socket dropped is over on the server; a waiting citizen lost their place.
          if (this.screen === 'call') this.endCall('interrupted');
          else if (this.screen === 'waiting') this.join();
        } else if (!this.unreachableTimer) this.watchReachability();
      }),
      socket.subscribe((message) => this.onMessage(message)),
    );
  }

  private watchReachability() {
    clearTimeout(this.unreachableTimer);
    this.unreachableTimer = setTimeout(() => {
      this.unreachableTimer = undefined;
      if (this.connection !== 'open') this.unreachable = true;
    }, UNREACHABLE_AFTER_MS);
  }

  /** Enters the waiting room now if /ws is open; otherwise its next 'open' does. */
  private join() {
    if (this.socket?.open) joinMeeting(this.socket);
  }

  private onMessage(message: ServerMessage) {
    switch (message.type) {
      case 'queue.joined':
        this.refusal = '';
        break;
      case 'queue.position':
        this.place = { position: message.position, estimatedWaitMinutes: message.estimatedWaitMinutes };
        // An official came online after the page was told nobody was.
        if (message.officialsOnline > 0 && this.noOfficial === 'no-official-online')
          this.noOfficial = undefined;
        break;
      case 'queue.no-official':
        this.noOfficial = message.reason;
        break;
      case 'meeting.late':
        this.late = { minutes: message.minutes, at: message.at };
        break;
      case 'call.started':
        if (message.role === 'citizen') this.startCall(message);
        break;
      case 'call.offer':
      case 'call.ice':
        void this.call?.handle(message);
        break;
      case 'call.ended':
        if (this.call?.callId === message.callId) this.endCall(endingOf(message.reason));
        break;
      case 'error':
        // A second join (after a reconnection raced the first) is no refusal.
        if (this.screen === 'waiting' && message.code !== 'already_waiting')
          this.refusal = refusalText(message.code);
        break;
    }
  }

  // ---- the call ----

  private startCall(started: CallStarted) {
    this.call?.close();
    this.started = started;
    this.callState = 'connecting';
    this.call = new CitizenCall(started, this.socket!, this.stream, (callState) => {
      this.callState = callState;
      // The connection never came up, or did not come back: the office sees media-failed and calls back.
      if (callState === 'failed') this.endCall('media-failed', 'media-failed');
    });
    this.screen = 'call';
    void this.offerCameraSwitch();
  }

  /** A phone's camera says which way it faces; a computer offers the switch when it has several cameras. */
  private async offerCameraSwitch() {
    const track = this.stream?.getVideoTracks()[0];
    this.facing = track && facingOf(track);
    this.cameraSwitch = 'none';
    if (!track) return;
    const cameras = await navigator.mediaDevices
      .enumerateDevices()
      .then((all) => all.filter((d) => d.kind === 'videoinput').length)
      .catch(() => 0);
    if (this.facing || cameras > 1) this.cameraSwitch = 'ready';
  }

  /** The other camera, sent in place of this one without a new offer; the self-view follows. */
  private async switchCamera() {
    const stream = this.stream;
    const call = this.call;
    const current = stream?.getVideoTracks()[0];
    if (!stream || !call || !current || this.cameraSwitch === 'switching') return;
    const want: Facing = this.facing === 'environment' ? 'user' : 'environment';
    this.cameraSwitch = 'switching';
    try {
      const track = await openOtherCamera(current, want);
      if (this.call !== call || this.stream !== stream) return track.stop();
      await call.replaceVideoTrack(track);
      current.stop();
      this.stream = new MediaStream([...stream.getAudioTracks(), track]);
      this.facing = facingOf(track) ?? (this.facing ? want : undefined);
      this.cameraSwitch = 'ready';
    } catch {
      this.cameraSwitch = 'failed';
      // A phone that holds one camera at a time had this one stopped for the other: it comes back.
      if (current.readyState === 'ended' && this.call === call) await this.reopen(current, stream, call);
    }
  }

  private async reopen(previous: MediaStreamTrack, stream: MediaStream, call: CitizenCall) {
    try {
      const deviceId = previous.getSettings().deviceId;
      const [track] = (
        await navigator.mediaDevices.getUserMedia({
          video: deviceId ? { deviceId: { exact: deviceId } } : true,
        })
      ).getVideoTracks();
      if (!track) return;
      await call.replaceVideoTrack(track);
      this.stream = new MediaStream([...stream.getAudioTracks(), track]);
    } catch {
      // The audio goes on; the official sees the camera is off.
    }
  }

  /** Closes the call; `tell` hangs up on the server when the ending is ours, not the server's news. */
  private endCall(ending: Ending, tell?: 'hangup' | 'media-failed') {
    if (tell) this.call?.hangUp(tell);
    else this.call?.close();
    this.call = undefined;
    this.end(ending);
  }

  /** Back to the waiting room through the camera check (the camera was turned off at the end). */
  private rejoin() {
    this.screen = 'devices';
  }

  /** Every ending turns the camera off; those that close the meeting also close the socket. */
  private end(ending: Ending) {
    this.ending = ending;
    this.screen = 'ended';
    stopMedia(this.stream);
    this.stream = null;
    if (ending !== 'left' && ending !== 'interrupted') this.releaseAll();
  }

  // ---- leaving ----

  private closeSocket() {
    for (const release of this.releases.splice(0)) release();
    clearTimeout(this.unreachableTimer);
    this.unreachableTimer = undefined;
    this.socket?.close();
    this.socket = undefined;
    this.connection = 'closed';
  }

  private releaseAll() {
    this.call?.hangUp('hangup');
    this.call = undefined;
    this.closeSocket();
    stopMedia(this.stream);
    this.stream = null;
  }
}

/** /ws as a meeting client: the cookie of /meetings/admit wins even if the browser holds a staff session. */
const meetingSocketUrl = () => `${VideoSocket.defaultUrl()}?client=meeting`;

/** How the server's end of a call reads to the citizen: media that never came up is a callback, whoever gave up first. */
function endingOf(reason: CallEndReason): Ending {
  if (reason === 'hangup') return 'thanks';
  return reason === 'media-failed' ? 'media-failed' : 'interrupted';
}

/** The server's refusals of meeting.join, as the citizen needs them. */
function refusalText(code: string): string {
  return code === 'meeting_unavailable'
    ? msg('Questo appuntamento non è più disponibile: è finito o è stato annullato.')
    : msg("Non è stato possibile entrare nella sala d'attesa. Riprova tra poco.");
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-app': MeetingApp;
  }
}

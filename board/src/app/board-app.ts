/**
 * The display board's root: follows its sede live with the board's key, shows the newest call large and
 * the calls before it, the waits, today's hours and a QR to follow the queue by phone, and chimes and speaks
 * every call. Offline it says so over a dimmed screen; a refused key leaves only a plain page.
 */
import type { BoardCall, BoardView } from '@sportello/protocol';
import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Announcer } from '../audio/announcer.ts';
import { BoardAudio } from '../audio/board-audio.ts';
import '../components/call-hero/call-hero.ts';
import '../components/follow-qr/follow-qr.ts';
import '../components/queue-waits/queue-waits.ts';
import '../components/recent-calls/recent-calls.ts';
import { boardAddress } from '../data/board-address.ts';
import { fetchCallSpeech, subscribeBoard, type BoardConnection } from '../data/board.ts';
import { callKey, latestCalls, withCall } from '../data/recent-calls.ts';
import { clockText, dayText, hoursText } from '../format/board-format.ts';
import { tokens } from '../theme/tokens.ts';
import { boardAppStyles } from './board-app.styles.ts';

/** A new call blinks this long (the hero's animation: 6 × 0.8 s). */
const FLASH_MS = 5_000;
const CLOCK_TICK_MS = 10_000;

@customElement('board-app')
export class BoardApp extends LitElement {
  static override styles = [tokens, boardAppStyles];

  @state() private view?: BoardView;
  /** Newest first, the big one included. */
  @state() private calls: BoardCall[] = [];
  @state() private connection: BoardConnection = 'connecting';
  /** The call blinking now (its callKey). */
  @state() private flashing?: string;
  @state() private audioBlocked = false;
  @state() private now = new Date();

  private readonly address = boardAddress(location);
  private unsubscribe?: () => void;
  private audio?: BoardAudio;
  private announcer?: Announcer<AudioBuffer>;
  private clock?: ReturnType<typeof setInterval>;
  private flashEnd?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    const key = this.address.key;
    if (!key) return;
    this.clock = setInterval(() => (this.now = new Date()), CLOCK_TICK_MS);
    const audio = new BoardAudio((blocked) => (this.audioBlocked = blocked));
    this.audio = audio;
    this.announcer = new Announcer({
      ready: () => !audio.blocked,
      chime: () => audio.chime(),
      load: async (call, language) => {
        const bytes = await fetchCallSpeech(key, call.ticketId, language);
        return bytes && audio.decode(bytes);
      },
      play: (clip) => audio.play(clip),
    });
    void audio.start();
    this.unsubscribe = subscribeBoard(key, {
      view: (view) => {
        this.view = view;
        this.calls = latestCalls(view.calls);
      },
      call: (call) => this.called(call),
      connection: (connection) => {
        this.connection = connection;
        if (connection === 'unregistered') this.stop();
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  override updated(): void {
    const sede = this.view?.sede.name;
    document.title = sede ? `Tabellone - ${sede}` : 'Tabellone delle chiamate - INPS';
  }

  private called(call: BoardCall): void {
    this.calls = withCall(this.calls, call);
    this.flashing = callKey(call);
    clearTimeout(this.flashEnd);
    this.flashEnd = setTimeout(() => (this.flashing = undefined), FLASH_MS);
    void this.announcer?.announce(call);
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.audio?.close();
    this.audio = undefined;
    this.announcer = undefined;
    clearInterval(this.clock);
    clearTimeout(this.flashEnd);
  }

  override render() {
    if (!this.address.key) {
      return this.notice('Indirizzo del tabellone incompleto: manca la chiave.');
    }
    if (this.connection === 'unregistered') {
      return this.notice('Questo tabellone non è più registrato.');
    }
    const live = this.connection === 'live';
    return html`${
      this.view
        ? this.board(this.view, live)
        : html`<main class="notice">
            <h1>Tabellone delle chiamate</h1>
            <p>Collegamento in corso…</p>
          </main>`
    }
    ${
      this.connection === 'offline'
        ? html`<div class="offline" role="alert">
            <div>
              <p class="what">Tabellone non collegato — nuovo tentativo in corso</p>
              <p class="then">Le chiamate ricompariranno qui appena il collegamento torna.</p>
            </div>
          </div>`
        : nothing
    }
    ${
      live && this.audioBlocked
        ? html`<p class="audio-hint">Tocca lo schermo per attivare l'audio</p>`
        : nothing
    }`;
  }

  private board(view: BoardView, live: boolean) {
    const [newest, ...earlier] = this.calls;
    return html`<main
      class="board ${live ? '' : 'dimmed'}"
      aria-hidden=${live ? nothing : 'true'}
      ?inert=${!live}
    >
      <header>
        <h1>${view.sede.name}</h1>
        <p class="time">
          <span class="day">${dayText(view.day)}</span>
          <span class="clock">${clockText(this.now)}</span>
        </p>
      </header>
      <board-call-hero
        class="hero"
        .call=${newest}
        ?flashing=${newest !== undefined && this.flashing === callKey(newest)}
      ></board-call-hero>
      <board-recent-calls class="recent" .calls=${earlier.slice(0, 5)}></board-recent-calls>
      <board-queue-waits class="waits" .waiting=${view.waiting}></board-queue-waits>
      <section class="info" aria-labelledby="hours-title">
        <board-follow-qr .url=${view.followUrl}>
          <h2 id="hours-title">Orario di oggi</h2>
          <p class="hours">${hoursText(view.hours)}</p>
        </board-follow-qr>
      </section>
    </main>`;
  }

  private notice(what: string) {
    return html`<main class="notice">
      <h1>${what}</h1>
      <p>Chiedere all'assistenza tecnica.</p>
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-app': BoardApp;
  }
}

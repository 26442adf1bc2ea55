// Reads the screen aloud for those who cannot read it (EN 301 549 5.1.3), in the screen's language. The station
// agent speaks each line (Debian's Chromium has no voices of its own) and the page plays it with Web Audio;
// the browser's speechSynthesis is used only when the agent cannot speak. A tap or a new screen stops it.
import type { Language } from '@sportello/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { agentCanSpeak, fetchSpeech } from '../data/speech.ts';

type Screen = HTMLElement & { updateComplete?: Promise<unknown> };

export class SpeechController implements ReactiveController {
  enabled = false;
  private audio: AudioContext | undefined;
  private playing: AudioBufferSourceNode | undefined;
  private reading: AbortController | undefined;
  private watcher: MutationObserver | undefined;
  /** The screen and heading last read: reading again when they change reads new screens and new steps. */
  private heard = '';

  /** Whether the station agent can speak: unknown until it answers, false after it could not. */
  private agentSpeaks: boolean | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  private checkAgent(): void {
    void agentCanSpeak().then((speaks) => {
      this.agentSpeaks = speaks;
      this.host.requestUpdate();
    });
  }

  /** «Leggi» is offered only when something can really be heard: the agent's engine or the browser's voices. */
  get available(): boolean {
    const agent = this.agentSpeaks === true && typeof AudioContext !== 'undefined';
    return agent || (typeof speechSynthesis !== 'undefined' && speechSynthesis.getVoices().length > 0);
  }

  /** Speaks the given lines in order, replacing whatever was being said. */
  say(lines: string[], lang: Language): void {
    if (!this.enabled || !this.available) return;
    this.stop();
    const reading = (this.reading = new AbortController());
    // Made here, inside the tap that asked for speech, so the browser lets it sound.
    if (typeof AudioContext !== 'undefined') this.audio ??= new AudioContext();
    void this.play(lines.map((l) => l.trim()).filter(Boolean), lang, reading.signal);
  }

  /** Speaks even with reading off: a warning everyone must hear. */
  announce(lines: string[], lang: Language): void {
    const enabled = this.enabled;
    this.enabled = true;
    this.say(lines, lang);
    this.enabled = enabled;
  }

  stop(): void {
    this.reading?.abort();
    this.reading = undefined;
    try {
      this.playing?.stop();
    } catch {
      // Not started yet, or already ended.
    }
    this.playing = undefined;
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }

  /**
   * Watches the screens shown in `main` and calls `read` when, with reading on, the screen or its heading
   * changes: a new screen, a booking step, a topic's services. Screens need nothing of their own for it.
   */
  follow(main: HTMLElement, read: () => void): void {
    this.watcher?.disconnect();
    const look = () => {
      const screen = main.firstElementChild as Screen | null;
      // A new screen's own DOM is watched as well: its steps change inside its shadow root.
      this.watcher!.disconnect();
      this.watcher!.observe(main, { childList: true });
      if (screen?.shadowRoot)
        this.watcher!.observe(screen.shadowRoot, { childList: true, subtree: true, characterData: true });
      if (!this.enabled || !screen) return;
      const seen = this.headingOf(screen);
      if (seen === this.heard) return;
      this.heard = seen;
      // Read once the screen has rendered its step, never in the way of the render itself.
      void Promise.resolve(screen.updateComplete).then(() => {
        if (this.enabled && this.heard === this.headingOf(screen)) read();
      });
    };
    this.watcher = new MutationObserver(look);
    look();
  }

  /** Marks the screen now shown as read, so that the watcher does not read it again. */
  readNow(screen: Element | null): void {
    if (screen) this.heard = this.headingOf(screen);
  }

  private headingOf(screen: Element): string {
    const heading = screen.shadowRoot?.querySelector('h1, h2');
    return `${screen.localName}\n${heading?.textContent?.replace(/\s+/g, ' ').trim() ?? ''}`;
  }

  private async play(lines: string[], lang: Language, signal: AbortSignal): Promise<void> {
    const fetchLine = (text: string) => {
      const bytes = fetchSpeech({ text, lang }, signal);
      bytes.catch(() => undefined);
      return bytes;
    };
    // Each line is fetched while the one before it plays.
    let next = lines[0] === undefined ? undefined : fetchLine(lines[0]);
    for (let i = 0; next; i++) {
      let bytes: ArrayBuffer;
      try {
        bytes = await next;
      } catch {
        if (signal.aborted) return;
        // The agent could not speak (espeak-ng removed, agent restarting): ask it again whether «Leggi» still works.
        this.checkAgent();
        this.speakInBrowser(lines.slice(i), lang);
        return;
      }
      const following = lines[i + 1];
      next = following === undefined ? undefined : fetchLine(following);
      if (signal.aborted || !(await this.playClip(bytes, signal))) return;
    }
  }

  /** Plays one WAV to its end; false when it could not be played or was stopped. */
  private async playClip(bytes: ArrayBuffer, signal: AbortSignal): Promise<boolean> {
    const audio = this.audio;
    if (!audio) return false;
    if (audio.state === 'suspended') void audio.resume();
    const buffer = await audio.decodeAudioData(bytes);
    if (signal.aborted) return false;
    const source = audio.createBufferSource();
    source.buffer = buffer;
    source.connect(audio.destination);
    this.playing = source;
    await new Promise<void>((resolve) => {
      source.onended = () => resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
      source.start();
    });
    return !signal.aborted;
  }

  /** The browser's own voices, where it has any: used only when the agent cannot speak. */
  private speakInBrowser(lines: string[], lang: Language): void {
    if (typeof speechSynthesis === 'undefined') return;
    const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
    for (const line of lines) {
      const utterance = new SpeechSynthesisUtterance(line);
      utterance.lang = lang;
      if (voice) utterance.voice = voice;
      utterance.rate = 0.95;
      speechSynthesis.speak(utterance);
    }
  }

  private readonly stopOnTap = () => this.stop();

  hostConnected(): void {
    // Any tap stops the reading: the citizen has moved on (what the tap shows is read anew).
    this.host.addEventListener('pointerdown', this.stopOnTap, { capture: true });
    this.checkAgent();
    // Browsers that have voices list them late.
    if (typeof speechSynthesis !== 'undefined')
      speechSynthesis.addEventListener('voiceschanged', this.voicesChanged);
  }

  private readonly voicesChanged = () => this.host.requestUpdate();

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.stopOnTap, { capture: true });
    if (typeof speechSynthesis !== 'undefined')
      speechSynthesis.removeEventListener('voiceschanged', this.voicesChanged);
    this.watcher?.disconnect();
    this.stop();
  }
}

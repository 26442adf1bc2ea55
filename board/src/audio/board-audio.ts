// The board's sound system: one AudioContext for the chime and the spoken calls. The office TV's Chromium
// is started with --autoplay-policy=no-user-gesture-required; where sound is blocked anyway, `blocked`
// says so (the board asks for a touch) and the first touch or key press turns it on.
import { playChime } from './chime.ts';

/** How long the browser gets to start the sound before the board asks for a touch. */
const START_GRACE_MS = 1_500;
/** Silence between the chime and the words, and between two languages. */
const PAUSE_S = 0.35;

export class BoardAudio {
  private readonly context = new AudioContext({ latencyHint: 'playback' });
  private readonly output = this.context.createGain();
  private readonly unlock = () => void this.context.resume();
  private readonly stateChanged = () => this.onBlocked(this.blocked);
  private closed = false;

  /** `onBlocked` is told whenever the browser turns the sound off or lets it on. */
  constructor(private readonly onBlocked: (blocked: boolean) => void) {
    this.output.gain.value = 0.9;
    this.output.connect(this.context.destination);
    this.context.addEventListener('statechange', this.stateChanged);
    for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, this.unlock, true);
  }

  get blocked(): boolean {
    return !this.closed && this.context.state !== 'running';
  }

  /** Starts the sound where the browser allows it, and reports whether it is blocked. */
  async start(): Promise<void> {
    await Promise.race([
      this.context.resume(),
      new Promise((resolve) => setTimeout(resolve, START_GRACE_MS)),
    ]);
    this.onBlocked(this.blocked);
  }

  chime(): Promise<void> {
    return playChime(this.context, this.output).then(() => this.pause());
  }

  /** A WAV (or any format the browser decodes) ready to play; undefined when it cannot be decoded. */
  async decode(bytes: ArrayBuffer): Promise<AudioBuffer | undefined> {
    try {
      return await this.context.decodeAudioData(bytes);
    } catch {
      return undefined;
    }
  }

  /** Plays the clip; resolves when it has ended (or could not go on: the sound was turned off meanwhile). */
  play(clip: AudioBuffer): Promise<void> {
    const source = this.context.createBufferSource();
    source.buffer = clip;
    source.connect(this.output);
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(guard);
        source.disconnect();
        resolve();
      };
      // A suspended context never fires "ended": the queue must not wait for it forever.
      const guard = setTimeout(done, (clip.duration + 2) * 1000);
      source.onended = done;
      source.start();
    }).then(() => this.pause());
  }

  close(): void {
    this.closed = true;
    this.context.removeEventListener('statechange', this.stateChanged);
    for (const type of ['pointerdown', 'keydown']) window.removeEventListener(type, this.unlock, true);
    void this.context.close();
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, PAUSE_S * 1000));
  }
}

// Reads the screen aloud for those who cannot read it (EN 301 549 5.1.3), in the screen's language.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SpeechController implements ReactiveController {
  enabled = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get available(): boolean {
    return typeof speechSynthesis !== 'undefined';
  }

  /** Speaks the given lines in order, replacing whatever was being said. */
  say(lines: string[], lang: string): void {
    if (!this.enabled || !this.available) return;
    speechSynthesis.cancel();
    const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
    for (const line of lines.filter(Boolean)) {
      const utterance = new SpeechSynthesisUtterance(line);
      utterance.lang = lang;
      if (voice) utterance.voice = voice;
      utterance.rate = 0.95;
      speechSynthesis.speak(utterance);
    }
  }

  /** Speaks even with reading off: a warning everyone must hear. */
  announce(lines: string[], lang: string): void {
    const enabled = this.enabled;
    this.enabled = true;
    this.say(lines, lang);
    this.enabled = enabled;
  }

  stop(): void {
    if (this.available) speechSynthesis.cancel();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }
}

// The phone's alert when its ticket is called: a vibration and a tone made with WebAudio (no sound file to
// fetch). Browsers let a page sound (and, in Chromium, vibrate) only after the citizen has touched it, so
// `enable` runs from a tap; before that vibration is still tried and the tone is left out.

/** Long enough to be felt in a pocket. */
export const CALL_VIBRATION = [400, 150, 400, 150, 800];

export class CallAlert {
  private audio?: AudioContext;

  /** The tone can be heard: the citizen allowed it with a tap. */
  get soundOn(): boolean {
    return this.audio?.state === 'running';
  }

  /** From a tap: turns the sound on and plays a short tone (and a short vibration) to show it works. */
  async enable(): Promise<boolean> {
    if (typeof AudioContext === 'undefined') return false;
    this.audio ??= new AudioContext();
    await this.audio.resume().catch(() => undefined);
    vibrate(80);
    if (this.soundOn) this.tone([880], 0.15);
    return this.soundOn;
  }

  /** The call: vibration always, the tone when the sound is on; again at each recall. */
  ring(): void {
    vibrate(CALL_VIBRATION);
    if (this.soundOn) this.tone([660, 880, 660, 880], 0.3);
  }

  close(): void {
    void this.audio?.close().catch(() => undefined);
    this.audio = undefined;
  }

  /** Notes one after the other, each with a soft start and end (no click). */
  private tone(frequencies: number[], seconds: number): void {
    const audio = this.audio!;
    let at = audio.currentTime + 0.02;
    for (const frequency of frequencies) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds + 0.02);
      at += seconds + 0.06;
    }
  }
}

/** Phones without vibration (iPhones) have no navigator.vibrate. */
function vibrate(pattern: number | number[]): void {
  if ('vibrate' in navigator) navigator.vibrate(pattern);
}

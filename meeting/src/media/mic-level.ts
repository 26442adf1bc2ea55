// The microphone's loudness, a few times a second, from an AnalyserNode on the stream's audio track.
const INTERVAL_MS = 100;
/** A meter's ballistics: it jumps up at once and falls back 20 dB a second, so short syllables stay visible. */
const RELEASE_PER_TICK = 10 ** (-20 / 20 / (1000 / INTERVAL_MS));

export class MicLevel {
  private readonly context?: AudioContext;
  private timer?: ReturnType<typeof setInterval>;

  constructor(stream: MediaStream, onLevel: (level: number) => void) {
    if (stream.getAudioTracks().length === 0 || typeof AudioContext === 'undefined') return;
    const context = (this.context = new AudioContext());
    // Created on a click, but some browsers still start it suspended.
    void context.resume().catch(() => undefined);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let shown = 0;
    this.timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      shown = held(shown, rms(samples));
      onLevel(shown);
    }, INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    void this.context?.close().catch(() => undefined);
  }
}

/** The level to show: the new one when louder, else the shown one falling back at the meter's release rate. */
export function held(shown: number, measured: number): number {
  return Math.max(measured, shown * RELEASE_PER_TICK);
}

/** Root mean square of the samples (-1…1): 0 for silence, about 0.05–0.3 for a voice near the microphone. */
export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

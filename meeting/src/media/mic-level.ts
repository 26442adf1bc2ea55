// The microphone's loudness, a few times a second, from an AnalyserNode on the stream's audio track.
const INTERVAL_MS = 100;

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
    this.timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      onLevel(rms(samples));
    }, INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    void this.context?.close().catch(() => undefined);
  }
}

/** Root mean square of the samples (-1…1): 0 for silence, about 0.05–0.3 for a voice near the microphone. */
export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

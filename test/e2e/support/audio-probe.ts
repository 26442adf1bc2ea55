// What a page really played, for tests of sound: an init script that taps the page's Web Audio. Every node
// connected to the speakers is also connected to an analyser read 50 times a second (the level that
// reached the output), every tone and clip started is written down, and a clip decoded from a fetched
// file keeps that file's address, so a test can tell which recording was played and that it was not silent.
import type { Page } from '@playwright/test';

export interface PlayedSound {
  kind: 'tone' | 'clip';
  /** Milliseconds since the page started. */
  at: number;
  /** Tones: the oscillator's frequency. */
  frequency?: number;
  /** Clips: length in seconds, RMS of the decoded samples, and the path and query of the file it came from. */
  duration?: number;
  rms?: number;
  source?: string;
}

export interface OutputLevel {
  at: number;
  /** RMS of what reached the speakers over the last ~43 ms (2048 samples at 48 kHz). */
  rms: number;
}

declare global {
  interface Window {
    __audioProbe?: { played: PlayedSound[]; levels: OutputLevel[] };
  }
}

function probe(): void {
  const played: PlayedSound[] = [];
  const levels: OutputLevel[] = [];
  window.__audioProbe = { played, levels };
  const rmsOf = (samples: Float32Array) => {
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
  };

  const sources = new WeakMap<object, string>();
  const originalFetch = window.fetch;
  window.fetch = async function (input: RequestInfo | URL, init?: RequestInit) {
    const response = await originalFetch.call(window, input, init);
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const read = response.arrayBuffer.bind(response);
    response.arrayBuffer = async () => {
      const bytes = await read();
      sources.set(bytes, url.pathname + url.search);
      return bytes;
    };
    return response;
  };
  const decode = BaseAudioContext.prototype.decodeAudioData;
  BaseAudioContext.prototype.decodeAudioData = async function (this: BaseAudioContext, bytes: ArrayBuffer) {
    const source = sources.get(bytes);
    const buffer = await decode.call(this, bytes);
    if (source) sources.set(buffer, source);
    return buffer;
  } as typeof decode;

  const startClip = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args: number[]) {
    const buffer = this.buffer;
    if (buffer) {
      played.push({
        kind: 'clip',
        at: performance.now(),
        duration: buffer.duration,
        rms: rmsOf(buffer.getChannelData(0)),
        source: sources.get(buffer),
      });
    }
    return startClip.apply(this, args as []);
  };
  const startTone = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: number[]) {
    played.push({ kind: 'tone', at: performance.now(), frequency: this.frequency.value });
    return startTone.apply(this, args as []);
  };

  const analysers = new WeakMap<BaseAudioContext, AnalyserNode>();
  const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
    const target = args[0];
    if (target instanceof AudioDestinationNode) {
      let analyser = analysers.get(target.context);
      if (!analyser) {
        const tap = target.context.createAnalyser();
        tap.fftSize = 2048;
        analysers.set(target.context, tap);
        const samples = new Float32Array(tap.fftSize);
        setInterval(() => {
          tap.getFloatTimeDomainData(samples);
          const rms = rmsOf(samples);
          if (rms > 0.0005) levels.push({ at: performance.now(), rms });
        }, 20);
        analyser = tap;
      }
      connect.call(this, analyser);
    }
    return connect.apply(this, args);
  } as typeof AudioNode.prototype.connect;
}

/** Installs the probe before the page's own scripts run. */
export async function installAudioProbe(page: Page): Promise<void> {
  await page.addInitScript(probe);
}

/** Everything played so far, and the output's levels. */
export async function audioHeard(page: Page): Promise<{ played: PlayedSound[]; levels: OutputLevel[] }> {
  return page.evaluate(() => window.__audioProbe ?? { played: [], levels: [] });
}

/** The loudest level that reached the output between two moments. */
export function loudestBetween(levels: OutputLevel[], from: number, to: number): number {
  return Math.max(0, ...levels.filter((l) => l.at >= from && l.at <= to).map((l) => l.rms));
}

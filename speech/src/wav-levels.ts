// How loud a 16-bit PCM WAV is, so a test can tell real speech from silence or a broken clip.
import { durationSeconds, parseWav, WavFormatError } from './wav-header.ts';

export interface WavLevels {
  durationSeconds: number;
  /** Root mean square of every sample, 0 (silence) to 1 (full scale). */
  rms: number;
  /** Largest absolute sample, 0 to 1. */
  peak: number;
  /** Share of 50 ms windows louder than -40 dBFS RMS: near 1 for speech, 0 for silence or a lone click. */
  activeShare: number;
}

const windowSeconds = 0.05;
const activeRms = 0.01;

export function wavLevels(wav: Buffer): WavLevels {
  const format = parseWav(wav);
  if (format.audioFormat !== 1 || format.bitsPerSample !== 16) {
    throw new WavFormatError(
      `expected 16-bit integer PCM, got format ${format.audioFormat} at ${format.bitsPerSample} bits`,
    );
  }
  const samples = Math.floor(format.dataLength / 2);
  const windowSamples = Math.max(1, Math.round(format.sampleRate * windowSeconds));
  let squares = 0;
  let peak = 0;
  let windows = 0;
  let activeWindows = 0;
  for (let start = 0; start < samples; start += windowSamples) {
    const end = Math.min(samples, start + windowSamples);
    let windowSquares = 0;
    for (let i = start; i < end; i++) {
      const value = wav.readInt16LE(format.dataOffset + i * 2) / 32768;
      windowSquares += value * value;
      peak = Math.max(peak, Math.abs(value));
    }
    squares += windowSquares;
    windows++;
    if (Math.sqrt(windowSquares / (end - start)) > activeRms) activeWindows++;
  }
  return {
    durationSeconds: durationSeconds(format),
    rms: samples ? Math.sqrt(squares / samples) : 0,
    peak,
    activeShare: windows ? activeWindows / windows : 0,
  };
}

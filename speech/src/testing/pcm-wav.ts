// A 16-bit mono PCM WAV built from sample values, for tests that need a clip of known content.

/**
 * Samples are -1 to 1. `declaredDataLength` writes a size other than the true one, as a streaming
 * writer does; `extraChunk` puts a chunk (e.g. LIST) between fmt and data.
 */
export function pcmWav(
  samples: number[],
  options: { sampleRate?: number; declaredDataLength?: number; extraChunk?: Buffer } = {},
): Buffer {
  const sampleRate = options.sampleRate ?? 22050;
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) =>
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(s * 32767))), i * 2),
  );
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'latin1');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(1, 10);
  fmt.writeUInt32LE(sampleRate, 12);
  fmt.writeUInt32LE(sampleRate * 2, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'latin1');
  dataHeader.writeUInt32LE(options.declaredDataLength ?? data.length, 4);
  const extra = options.extraChunk ?? Buffer.alloc(0);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + fmt.length + extra.length + dataHeader.length + data.length, 4);
  riff.write('WAVE', 8, 'latin1');
  return Buffer.concat([riff, fmt, extra, dataHeader, data]);
}

/** A sine tone, `seconds` long at `amplitude` (0 to 1). */
export function sineSamples(seconds: number, amplitude: number, sampleRate = 22050, hertz = 440): number[] {
  return Array.from(
    { length: Math.round(seconds * sampleRate) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hertz * i) / sampleRate),
  );
}

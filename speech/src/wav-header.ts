// The RIFF/WAVE header of synthesised speech: read it, and set its sizes to the bytes really there, because
// espeak-ng writing to a pipe cannot seek back and leaves placeholder sizes (0x7ffff000) that players trust.

export interface WavFormat {
  /** 1 is integer PCM. */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Where the samples start. */
  dataOffset: number;
  /** Bytes of samples present in the buffer. */
  dataLength: number;
  /** Bytes of samples the header claims, which a streamed file overstates. */
  declaredDataLength: number;
}

/** The buffer is not a WAV file this module understands. */
export class WavFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

const riffHeaderBytes = 12;
const chunkHeaderBytes = 8;

/** Reads the format and finds the samples; throws WavFormatError when the buffer is not a PCM WAV. */
export function parseWav(wav: Buffer): WavFormat {
  if (wav.length < riffHeaderBytes || wav.toString('latin1', 0, 4) !== 'RIFF') {
    throw new WavFormatError('not a RIFF file');
  }
  if (wav.toString('latin1', 8, 12) !== 'WAVE') throw new WavFormatError('not a WAVE file');
  let format: Omit<WavFormat, 'dataOffset' | 'dataLength' | 'declaredDataLength'> | undefined;
  let offset = riffHeaderBytes;
  while (offset + chunkHeaderBytes <= wav.length) {
    const id = wav.toString('latin1', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + chunkHeaderBytes;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > wav.length) throw new WavFormatError('fmt chunk too short');
      format = {
        audioFormat: wav.readUInt16LE(body),
        channels: wav.readUInt16LE(body + 2),
        sampleRate: wav.readUInt32LE(body + 4),
        bitsPerSample: wav.readUInt16LE(body + 14),
      };
      if (format.channels === 0 || format.sampleRate === 0 || format.bitsPerSample === 0) {
        throw new WavFormatError('fmt chunk with zero channels, rate or sample size');
      }
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('data chunk before the fmt chunk');
      return {
        ...format,
        dataOffset: body,
        dataLength: Math.min(size, wav.length - body),
        declaredDataLength: size,
      };
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  throw new WavFormatError(format ? 'no data chunk' : 'no fmt chunk');
}

/** A copy whose RIFF and data sizes count the bytes present, the samples cut to whole frames. */
export function withTrueSizes(wav: Buffer): Buffer {
  const format = parseWav(wav);
  const frameBytes = (format.channels * format.bitsPerSample) / 8;
  const dataLength = format.dataLength - (format.dataLength % frameBytes);
  const fixed = Buffer.from(wav.subarray(0, format.dataOffset + dataLength));
  fixed.writeUInt32LE(fixed.length - 8, 4);
  fixed.writeUInt32LE(dataLength, format.dataOffset - 4);
  return fixed;
}

/** Seconds of sound the samples hold. */
export function durationSeconds(format: WavFormat): number {
  return format.dataLength / ((format.sampleRate * format.channels * format.bitsPerSample) / 8);
}
